"""A responsible authority's decision on a breach referral."""

from ddp_compliance.domain.commands import RecordBreachDecision
from ddp_compliance.domain.escalation import Decision
from ddp_compliance.service_layer.ports import UnitOfWork


async def record_breach_decision(command: RecordBreachDecision, uow: UnitOfWork) -> None:
    """Accepted only from an authority the referral was addressed to, once; every outcome is recorded alike.

    The rationale is stored and never re-published: the deciding authority has it, and other
    readers need only know that one was given.
    """
    case = await uow.cases.get(command.case_id)
    decision = Decision(
        decision=command.decision,
        decided_by=command.origin,
        deciding_role=command.deciding_role,
        decided_at=command.decided_at,
        rationale_given=True,
        rationale=command.rationale,
    )
    case.decide(command.escalation_id, decision)
    await uow.commit()
