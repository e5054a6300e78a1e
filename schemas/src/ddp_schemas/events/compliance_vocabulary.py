"""Value types of compliance events: instance categories, ladder steps, evidence, decisions, reviews."""

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import Field

from ddp_schemas.events.vocabulary import _Value


class InstanceCategory(StrEnum):
    """What kind of non-compliance an instance is. Only these can count towards an escalation."""

    UNACCEPTABLE_ABSENCE = "UNACCEPTABLE_ABSENCE"
    MISSED_INITIAL_SESSION = "MISSED_INITIAL_SESSION"
    ENGAGEMENT_CONCERN = "ENGAGEMENT_CONCERN"


class LadderStep(StrEnum):
    """A rung of the escalation ladder. The platform recommends and refers; it never decides."""

    WARNING = "WARNING"
    BREACH_REFERRAL = "BREACH_REFERRAL"
    ENGAGEMENT_CONCERN = "ENGAGEMENT_CONCERN"


class BreachDecision(StrEnum):
    """What the responsible authority decided on a breach referral."""

    RECALL = "RECALL"
    CHARGE = "CHARGE"
    WARNING = "WARNING"
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"


class DecidingRole(StrEnum):
    """The role, never the person, that took a decision or chaired a review."""

    PROBATION_PRACTITIONER = "PROBATION_PRACTITIONER"
    SENIOR_PROBATION_OFFICER = "SENIOR_PROBATION_OFFICER"
    SENIOR_INVESTIGATING_OFFICER = "SENIOR_INVESTIGATING_OFFICER"
    HOME_OFFICE_CASEWORKER = "HOME_OFFICE_CASEWORKER"
    PROGRAMME_LEAD = "PROGRAMME_LEAD"


class ReviewOutcome(StrEnum):
    CONTINUE = "CONTINUE"
    ADJUST_PLAN = "ADJUST_PLAN"
    RECOMMEND_CLOSURE = "RECOMMEND_CLOSURE"


class WithdrawalReason(StrEnum):
    """Why an instance stopped counting, or an escalation that relied on it was withdrawn."""

    CORRECTED = "CORRECTED"  # the provider corrected the attendance record
    IN_CUSTODY = "IN_CUSTODY"  # it happened while the person was in custody (the case suspended)
    CASE_ENDED = "CASE_ENDED"  # it happened after the mandate ended or the referral was withdrawn
    MANDATE_VARIED = "MANDATE_VARIED"  # a variation from a date before it changed how it is judged


class EvidenceEvent(_Value):
    """One event behind an escalation: its id, type, when it happened and how it counted."""

    event_id: UUID
    event_type: str = Field(pattern=r"^ddp\.[a-z_.]+$")
    occurred_at: datetime
    category: InstanceCategory


class EscalationSummary(_Value):
    """An escalation as a review pack lists it, with the decision if one was made."""

    escalation_id: UUID
    rule: str
    step: LadderStep
    raised_at: datetime
    decision: BreachDecision | None = None


class AttendanceFigures(_Value):
    """Counts of attendance records in a review period."""

    attended: int = Field(ge=0)
    late: int = Field(ge=0)
    absent_acceptable: int = Field(ge=0)
    absent_unacceptable: int = Field(ge=0)
    absent_logistical: int = Field(ge=0)
