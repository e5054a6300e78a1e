"""Value types of plans, assignments, sessions and attendance, shared by inbound and emitted events."""

from enum import StrEnum

from pydantic import Field

from ddp_schemas.events.vocabulary import InterventionKind, Need, _Value


class AssignmentResponse(StrEnum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"


class DeclineReason(StrEnum):
    """Why a provider declined an assignment."""

    NO_CAPACITY = "NO_CAPACITY"
    CONFLICT_OF_INTEREST = "CONFLICT_OF_INTEREST"
    OUTSIDE_SPECIALISM = "OUTSIDE_SPECIALISM"
    LOCATION = "LOCATION"
    OTHER = "OTHER"


class Party(StrEnum):
    """Who asked for a session to move or be cancelled: the provider or the person taking part."""

    PROVIDER = "PROVIDER"
    PERSON = "PERSON"


class SessionChangeReason(StrEnum):
    """Why a session was rescheduled or cancelled."""

    ILLNESS = "ILLNESS"
    BEREAVEMENT = "BEREAVEMENT"
    WORK_OR_EDUCATION = "WORK_OR_EDUCATION"
    TRAVEL_DISRUPTION = "TRAVEL_DISRUPTION"
    PRACTITIONER_UNAVAILABLE = "PRACTITIONER_UNAVAILABLE"
    VENUE_UNAVAILABLE = "VENUE_UNAVAILABLE"
    # Set by the platform: the intervention moved to another provider before the session was due.
    PROVIDER_REASSIGNED = "PROVIDER_REASSIGNED"
    OTHER = "OTHER"


class AttendanceOutcome(StrEnum):
    ATTENDED = "ATTENDED"
    LATE = "LATE"
    ABSENT = "ABSENT"


class AbsenceCategory(StrEnum):
    """How an absence counts: only an UNACCEPTABLE absence can be non-compliance."""

    ACCEPTABLE = "ACCEPTABLE"
    UNACCEPTABLE = "UNACCEPTABLE"
    LOGISTICAL = "LOGISTICAL"


class CorrectionReason(StrEnum):
    RECORDING_ERROR = "RECORDING_ERROR"
    LATE_INFORMATION = "LATE_INFORMATION"
    ABSENCE_EVIDENCE_RECEIVED = "ABSENCE_EVIDENCE_RECEIVED"


class CompletionOutcome(StrEnum):
    OBJECTIVES_MET = "OBJECTIVES_MET"
    OBJECTIVES_PARTLY_MET = "OBJECTIVES_PARTLY_MET"
    ENDED_EARLY = "ENDED_EARLY"


class RequestedIntervention(_Value):
    """An intervention the programme team adds to a plan."""

    kind: InterventionKind
    addresses: list[Need] = Field(default_factory=list, max_length=20)
