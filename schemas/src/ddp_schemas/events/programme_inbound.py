"""Events the DDP programme team sends on ``ddp.inbound.programme-team``. Keyed by ``case_id``."""

from typing import ClassVar
from uuid import UUID

from pydantic import Field, model_validator

from ddp_schemas.event import Event
from ddp_schemas.events.session_vocabulary import RequestedIntervention
from ddp_schemas.events.vocabulary import Agency


class PlanAgreementSubmitted(Event):
    """The programme team agrees a case's intervention plan as drafted (or as adjusted so far)."""

    event_type: ClassVar[str] = "ddp.plan.agreement_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    plan_id: UUID


class PlanAdjustmentSubmitted(Event):
    """The programme team adds interventions to a plan or withdraws some; at least one change."""

    event_type: ClassVar[str] = "ddp.plan.adjustment_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    plan_id: UUID
    add: list[RequestedIntervention] = Field(default_factory=list, max_length=4)
    withdraw: list[UUID] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _changes_something(self) -> "PlanAdjustmentSubmitted":
        if not self.add and not self.withdraw:
            raise ValueError("an adjustment adds or withdraws at least one intervention")
        return self


class ProviderAssignmentSubmitted(Event):
    """The programme team assigns an intervention to a provider (or moves it to another one)."""

    event_type: ClassVar[str] = "ddp.provider.assignment_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    provider: Agency
