"""A case review's outcome, from its chair."""

from ddp_compliance.domain.commands import RecordReviewOutcome
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.review import RecordedOutcome
from ddp_compliance.service_layer.ports import UnitOfWork
from ddp_messaging.clock import Clock


async def record_review_outcome(command: RecordReviewOutcome, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """Only the review's chair records its outcome, once; the next review is scheduled after it."""
    case = await uow.cases.get(command.case_id)
    outcome = RecordedOutcome(command.outcome, command.chairing_role, command.reviewed_on, clock())
    case.conclude_review(command.review_id, command.origin, outcome, policy)
    await uow.commit()
