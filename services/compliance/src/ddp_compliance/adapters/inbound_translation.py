"""Wire to domain: each inbound event type as the command the compliance domain understands.

Reports (attendance, concerns, corrections, suspensions, plan changes) are identified by the id of
the event that made them, which only its envelope carries: their translations take the envelope.
"""

from ddp_compliance.domain import commands
from ddp_compliance.domain.facts import Report
from ddp_compliance.domain.record import MandateTerms
from ddp_compliance.domain.vocabulary import (
    AbsenceCategory,
    AttendanceOutcome,
    BreachDecision,
    DecidingRole,
    MandateType,
    ReviewOutcome,
)
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events import authority_inbound, interventions, referrals, sessions, vocabulary


def open_compliance_record(event: referrals.CaseOpened, origin: str) -> commands.OpenComplianceRecord:
    return commands.OpenComplianceRecord(event.case_id, _terms(event.mandate), event.mappa_level)


def record_suspension(
    event: referrals.CaseSuspended, origin: str, *, envelope: CloudEvent
) -> commands.RecordSuspension:
    return commands.RecordSuspension(envelope.id, event.case_id, event.suspended_from)


def record_resumption(event: referrals.CaseResumed, origin: str, *, envelope: CloudEvent) -> commands.RecordResumption:
    return commands.RecordResumption(envelope.id, event.case_id, event.suspended_until)


def close_record(event: referrals.CaseClosed, origin: str, *, envelope: CloudEvent) -> commands.CloseRecord:
    return commands.CloseRecord(envelope.id, event.case_id, event.ended_from)


def change_mandate(event: referrals.MandateChanged, origin: str, *, envelope: CloudEvent) -> commands.ChangeMandate:
    mandate = _terms(event.mandate)
    return commands.ChangeMandate(envelope.id, event.case_id, mandate, event.takes_effect_at, event.occurred_at)


def change_risk(event: referrals.CaseAmended, origin: str) -> commands.ChangeRisk:
    return commands.ChangeRisk(event.case_id, event.mappa_level)


def record_plan_change(
    event: interventions.PlanAgreed | interventions.PlanAdjusted, origin: str, *, envelope: CloudEvent
) -> commands.RecordPlanChange:
    # Plan events carry no time of their own: the envelope's is when the plan changed.
    return commands.RecordPlanChange(_report(envelope), event.case_id, envelope.time)


def record_attendance(
    event: sessions.SessionAttended, origin: str, *, envelope: CloudEvent
) -> commands.RecordAttendance:
    return commands.RecordAttendance(
        _report(envelope), event.case_id, event.attendance_id, event.occurred_at, event.late
    )


def record_absence(event: sessions.SessionMissed, origin: str, *, envelope: CloudEvent) -> commands.RecordAbsence:
    absence = AbsenceCategory(event.absence_category.value)
    return commands.RecordAbsence(_report(envelope), event.case_id, event.attendance_id, event.occurred_at, absence)


def record_engagement_concern(
    event: sessions.EngagementConcernRaised, origin: str, *, envelope: CloudEvent
) -> commands.RecordEngagementConcern:
    return commands.RecordEngagementConcern(_report(envelope), event.case_id, event.attendance_id, event.occurred_at)


def correct_attendance(
    event: sessions.AttendanceCorrected, origin: str, *, envelope: CloudEvent
) -> commands.CorrectAttendance:
    return commands.CorrectAttendance(
        report=_report(envelope),
        case_id=event.case_id,
        attendance_id=event.attendance_id,
        corrects_attendance_id=event.corrects_attendance_id,
        occurred_at=event.occurred_at,
        outcome=AttendanceOutcome(event.outcome.value),
        absence=AbsenceCategory(event.absence_category.value) if event.absence_category else None,
        concern=event.concern,
    )


def record_breach_decision(
    event: authority_inbound.BreachDecisionSubmitted, origin: str
) -> commands.RecordBreachDecision:
    return commands.RecordBreachDecision(
        escalation_id=event.escalation_id,
        case_id=event.case_id,
        decision=BreachDecision(event.decision.value),
        deciding_role=DecidingRole(event.deciding_role.value),
        rationale=event.rationale,
        decided_at=event.decided_at,
        origin=origin,
    )


def record_review_outcome(event: authority_inbound.ReviewOutcomeSubmitted, origin: str) -> commands.RecordReviewOutcome:
    return commands.RecordReviewOutcome(
        review_id=event.review_id,
        case_id=event.case_id,
        outcome=ReviewOutcome(event.outcome.value),
        chairing_role=DecidingRole(event.chairing_role.value),
        reviewed_on=event.reviewed_on,
        origin=origin,
    )


def _terms(mandate: vocabulary.MandateTerms) -> MandateTerms:
    return MandateTerms(
        type=MandateType(mandate.type.value),
        responsible_authority=mandate.responsible_authority.value,
        participation_required=mandate.participation_required,
        starts_on=mandate.starts_on,
    )


def _report(envelope: CloudEvent) -> Report:
    """What a report is known by: the id of the event that made it, and that event's type."""
    return Report(envelope.id, envelope.type)
