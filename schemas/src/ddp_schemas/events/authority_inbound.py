"""What responsible authorities (and the programme team) send compliance on their inbound topics.

Keyed by ``case_id``. The sender is the topic's owner; compliance accepts a decision only
from an authority the referral was addressed to, and a review outcome only from its chair.
"""

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.compliance_vocabulary import BreachDecision, DecidingRole, ReviewOutcome


class BreachDecisionSubmitted(Event):
    """The authority's decision on a breach referral. ``rationale`` is kept by compliance, never re-published."""

    event_type: ClassVar[str] = "ddp.breach.decision_submitted"
    version: ClassVar[int] = 1

    escalation_id: UUID
    case_id: UUID
    decision: BreachDecision
    deciding_role: DecidingRole
    rationale: str = Field(min_length=1, max_length=4000)
    decided_at: datetime


class ReviewOutcomeSubmitted(Event):
    """The chairing agency's outcome of a case review."""

    event_type: ClassVar[str] = "ddp.review.outcome_submitted"
    version: ClassVar[int] = 1

    review_id: UUID
    case_id: UUID
    outcome: ReviewOutcome
    chairing_role: DecidingRole
    reviewed_on: date
