"""The compliance domain's own words. The wire's enums are translated to these at the edge (adapters/)."""

from enum import StrEnum

# Engagement concerns of a case that can never escalate to breach go to the programme team.
PROGRAMME_TEAM = "programme-team"


class MandateType(StrEnum):
    LICENCE = "LICENCE"
    TPIM = "TPIM"
    TEO = "TEO"
    VOLUNTARY = "VOLUNTARY"


class InstanceCategory(StrEnum):
    """What kind of non-compliance an instance is. Only these can count towards an escalation."""

    UNACCEPTABLE_ABSENCE = "UNACCEPTABLE_ABSENCE"
    MISSED_INITIAL_SESSION = "MISSED_INITIAL_SESSION"
    ENGAGEMENT_CONCERN = "ENGAGEMENT_CONCERN"


class LadderStep(StrEnum):
    """A rung of the escalation ladder. Compliance recommends and refers; it never decides."""

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


class FactKind(StrEnum):
    """A reported fact is an attendance record or a provider's engagement concern."""

    ATTENDANCE = "ATTENDANCE"
    CONCERN = "CONCERN"


class AttendanceOutcome(StrEnum):
    ATTENDED = "ATTENDED"
    LATE = "LATE"
    ABSENT = "ABSENT"


class AbsenceCategory(StrEnum):
    """How an absence counts: only an UNACCEPTABLE absence can be non-compliance."""

    ACCEPTABLE = "ACCEPTABLE"
    UNACCEPTABLE = "UNACCEPTABLE"
    LOGISTICAL = "LOGISTICAL"


class WithdrawalReason(StrEnum):
    """Why an instance stopped counting, or an escalation that relied on it was withdrawn."""

    CORRECTED = "CORRECTED"
    IN_CUSTODY = "IN_CUSTODY"
    CASE_ENDED = "CASE_ENDED"
    MANDATE_VARIED = "MANDATE_VARIED"
