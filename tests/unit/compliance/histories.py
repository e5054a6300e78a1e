"""Commands for compliance service-layer tests: a case opening and what is reported about it.

Days count from the mandate start (``builders.START``, day 0); every report names a fresh event.
"""

from datetime import datetime
from uuid import UUID, uuid4

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
from tests.unit.compliance.builders import START, at


def terms(mandate: str = "LICENCE", authority: str = "probation", required: bool = True) -> MandateTerms:
    return MandateTerms(MandateType(mandate), authority, required, START)


def opening(
    mandate: str = "LICENCE",
    authority: str = "probation",
    *,
    required: bool = True,
    mappa_level: int | None = None,
    case_id: UUID | None = None,
) -> commands.OpenComplianceRecord:
    return commands.OpenComplianceRecord(case_id or uuid4(), terms(mandate, authority, required), mappa_level)


def report(event_type: str) -> Report:
    return Report(uuid4(), event_type)


def absence(
    case_id: UUID, day: int, category: AbsenceCategory = AbsenceCategory.UNACCEPTABLE, *, hour: int = 10
) -> commands.RecordAbsence:
    return commands.RecordAbsence(report("ddp.session.missed"), case_id, uuid4(), at(day, hour), category)


def attendance(case_id: UUID, day: int, *, late: bool = False) -> commands.RecordAttendance:
    return commands.RecordAttendance(report("ddp.session.attended"), case_id, uuid4(), at(day), late)


def concern(case_id: UUID, day: int) -> commands.RecordEngagementConcern:
    return commands.RecordEngagementConcern(report("ddp.engagement.concern_raised"), case_id, uuid4(), at(day))


def correction(
    corrected: commands.RecordAbsence | commands.RecordEngagementConcern,
    outcome: AttendanceOutcome = AttendanceOutcome.ATTENDED,
    absence: AbsenceCategory | None = None,
    *,
    concern: bool = False,
) -> commands.CorrectAttendance:
    return commands.CorrectAttendance(
        report("ddp.attendance.corrected"),
        corrected.case_id,
        uuid4(),
        corrected.attendance_id,
        corrected.occurred_at,
        outcome,
        absence,
        concern,
    )


def decision(
    escalation_id: UUID,
    case_id: UUID,
    origin: str = "probation",
    outcome: BreachDecision = BreachDecision.RECALL,
    role: DecidingRole = DecidingRole.SENIOR_PROBATION_OFFICER,
) -> commands.RecordBreachDecision:
    rationale = "Fictional rationale: the absences were not explained."
    return commands.RecordBreachDecision(escalation_id, case_id, outcome, role, rationale, at(70), origin)


def review_outcome(
    review_id: UUID,
    case_id: UUID,
    origin: str = "probation",
    outcome: ReviewOutcome = ReviewOutcome.CONTINUE,
    reviewed_on_day: int = 91,
) -> commands.RecordReviewOutcome:
    reviewed_on = at(reviewed_on_day).date()
    return commands.RecordReviewOutcome(
        review_id, case_id, outcome, DecidingRole.SENIOR_PROBATION_OFFICER, reviewed_on, origin
    )


def suspension(case_id: UUID, day: int) -> commands.RecordSuspension:
    return commands.RecordSuspension(uuid4(), case_id, at(day, 0))


def resumption(case_id: UUID, day: int) -> commands.RecordResumption:
    return commands.RecordResumption(uuid4(), case_id, at(day, 0))


def plan_change(case_id: UUID, when: datetime) -> commands.RecordPlanChange:
    return commands.RecordPlanChange(report("ddp.plan.adjusted"), case_id, when)
