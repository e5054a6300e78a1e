"""Events the interventions service writes on ``ddp.interventions.events``."""

from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import PlannedIntervention


class PlanDrafted(Event):
    """A draft intervention plan for a newly opened case, from the drafting rules."""

    event_type: ClassVar[str] = "ddp.plan.drafted"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID
    interventions: list[PlannedIntervention] = Field(min_length=1)
    drafting_rules_version: str
