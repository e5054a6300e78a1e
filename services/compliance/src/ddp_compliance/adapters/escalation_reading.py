"""Reading escalations with their evidence (never the decision's rationale), for a case or by id."""

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.domain.escalation import Decision, Escalation
from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.vocabulary import (
    BreachDecision,
    DecidingRole,
    InstanceCategory,
    LadderStep,
    MandateType,
    WithdrawalReason,
)
from ddp_messaging.batch_lookup import any_of


async def escalation(session: AsyncSession, escalation_id: UUID) -> Escalation | None:
    """One escalation with its evidence, whichever case it is of."""
    found = await escalations(session, orm.escalations.c.escalation_id == escalation_id)
    return found[0] if found else None


async def escalations(session: AsyncSession, condition: Any) -> list[Escalation]:
    """Escalations meeting ``condition`` with their evidence, in the order they were raised."""
    table, evidence = orm.escalations, orm.escalation_evidence
    # The rationale is the authority's own words: only whether there was one is read back.
    columns = [c for c in table.c if c.name != "rationale"]
    rationale_given = table.c.rationale.is_not(None).label("rationale_given")
    query = select(*columns, rationale_given).where(condition).order_by(table.c.raised_at, table.c.escalation_id)
    found = list((await session.execute(query)).mappings())
    cited: dict[UUID, list[Instance]] = {row["escalation_id"]: [] for row in found}
    cited_query = select(evidence).where(any_of(evidence.c.escalation_id, cited))
    for e in (await session.execute(cited_query)).mappings():
        category = InstanceCategory(e["category"])
        cited[e["escalation_id"]].append(Instance(e["occurred_at"], e["event_id"], e["event_type"], category))
    return [_escalation(row, tuple(sorted(cited[row["escalation_id"]]))) for row in found]


def _escalation(r: Any, evidence: tuple[Instance, ...]) -> Escalation:
    decision = None
    if r["decision"] is not None:
        decision = Decision(
            BreachDecision(r["decision"]),
            r["decided_by"],
            DecidingRole(r["deciding_role"]),
            r["decided_at"],
            rationale_given=r["rationale_given"],
        )
    return Escalation(
        escalation_id=r["escalation_id"],
        case_id=r["case_id"],
        rule=r["rule"],
        step=LadderStep(r["step"]),
        window_start=r["window_start"],
        policy_version=r["policy_version"],
        mandate_type=MandateType(r["mandate_type"]),
        referred_to=tuple(r["referred_to"]),
        raised_at=r["raised_at"],
        decision_due_by=r["decision_due_by"],
        evidence=evidence,
        decision=decision,
        overdue_flags=r["overdue_flags"],
        last_flagged_at=r["last_flagged_at"],
        generation=r["generation"],
        withdrawn_at=r["withdrawn_at"],
        withdrawal_reason=WithdrawalReason(r["withdrawal_reason"]) if r["withdrawal_reason"] else None,
    )
