"""Escalations and their evidence. The unique situation key makes raising one idempotent."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.domain.escalation import Decision, Escalation
from ddp_compliance.domain.instances import Instance
from ddp_schemas.events.compliance_vocabulary import InstanceCategory, LadderStep


class EscalationStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def raise_once(self, escalation: Escalation) -> bool:
        """Insert ``escalation`` unless its situation was escalated before (by any batch or replica)."""
        statement = (
            insert(orm.escalations)
            .values(
                escalation_id=escalation.escalation_id,
                case_id=escalation.case_id,
                rule=escalation.rule,
                step=escalation.step.value,
                window_start=escalation.window_start,
                policy_version=escalation.policy_version,
                mandate_type=escalation.mandate_type,
                referred_to=list(escalation.referred_to),
                raised_at=escalation.raised_at,
                decision_due_by=escalation.decision_due_by,
            )
            .on_conflict_do_nothing()
            .returning(orm.escalations.c.escalation_id)
        )
        if (await self._session.execute(statement)).scalar() is None:
            return False
        await self._session.execute(
            orm.escalation_evidence.insert(),
            [
                {
                    "escalation_id": escalation.escalation_id,
                    "event_id": i.event_id,
                    "event_type": i.event_type,
                    "occurred_at": i.occurred_at,
                    "category": i.category.value,
                }
                for i in escalation.evidence
            ],
        )
        return True

    async def get(self, escalation_id: UUID) -> Escalation | None:
        found = await self._load(orm.escalations.c.escalation_id == escalation_id)
        return found[0] if found else None

    async def of_case(self, case_id: UUID) -> list[Escalation]:
        return await self._load(orm.escalations.c.case_id == case_id)

    async def citing(self, event_ids: Sequence[UUID]) -> list[Escalation]:
        """Escalations whose evidence includes any of ``event_ids``."""
        evidence = orm.escalation_evidence
        cited = select(evidence.c.escalation_id).where(evidence.c.event_id.in_(list(event_ids)))
        return await self._load(orm.escalations.c.escalation_id.in_(cited))

    async def awaiting_decision(self, limit: int) -> list[Escalation]:
        table = orm.escalations
        condition = (table.c.step == LadderStep.BREACH_REFERRAL.value) & table.c.decision.is_(None)
        return await self._load(condition, limit=limit)

    async def record_decision(self, escalation_id: UUID, decision: Decision, rationale: str) -> None:
        table = orm.escalations
        await self._session.execute(
            table.update()
            .where(table.c.escalation_id == escalation_id)
            .values(
                decision=decision.decision,
                decided_by=decision.decided_by,
                deciding_role=decision.deciding_role,
                decided_at=decision.decided_at,
                rationale=rationale,
            )
        )

    async def flagged_overdue(self, escalation_id: UUID, at: datetime) -> int:
        table = orm.escalations
        statement = (
            table.update()
            .where(table.c.escalation_id == escalation_id)
            .values(overdue_flags=table.c.overdue_flags + 1, last_flagged_at=at)
            .returning(table.c.overdue_flags)
        )
        return int((await self._session.execute(statement)).scalar_one())

    async def _load(self, condition: object, limit: int | None = None) -> list[Escalation]:
        table, evidence = orm.escalations, orm.escalation_evidence
        query = select(table).where(condition).order_by(table.c.raised_at, table.c.escalation_id)  # type: ignore[arg-type]
        rows = list((await self._session.execute(query.limit(limit))).mappings())
        ids = [row["escalation_id"] for row in rows]
        cited: dict[UUID, list[Instance]] = {i: [] for i in ids}
        for e in (await self._session.execute(select(evidence).where(evidence.c.escalation_id.in_(ids)))).mappings():
            instance = Instance(e["occurred_at"], e["event_id"], e["event_type"], InstanceCategory(e["category"]))
            cited[e["escalation_id"]].append(instance)
        return [_escalation(row, tuple(sorted(cited[row["escalation_id"]]))) for row in rows]


def _escalation(row: object, evidence: tuple[Instance, ...]) -> Escalation:
    r = dict(row)  # type: ignore[call-overload]
    decision = None
    if r["decision"] is not None:
        decision = Decision(r["decision"], r["decided_by"], r["deciding_role"], r["decided_at"], bool(r["rationale"]))
    return Escalation(
        escalation_id=r["escalation_id"],
        case_id=r["case_id"],
        rule=r["rule"],
        step=LadderStep(r["step"]),
        window_start=r["window_start"],
        policy_version=r["policy_version"],
        mandate_type=r["mandate_type"],
        referred_to=tuple(r["referred_to"]),
        raised_at=r["raised_at"],
        decision_due_by=r["decision_due_by"],
        evidence=evidence,
        decision=decision,
        overdue_flags=r["overdue_flags"],
        last_flagged_at=r["last_flagged_at"],
    )
