"""What providers reported through the interventions service: attendance, absences, concerns, corrections."""

from ddp_compliance.domain import facts
from ddp_compliance.domain.commands import CorrectAttendance, RecordAbsence, RecordAttendance, RecordEngagementConcern
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.vocabulary import AttendanceOutcome
from ddp_compliance.service_layer.ports import UnitOfWork
from ddp_messaging.clock import Clock


async def record_attendance(command: RecordAttendance, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """Attended or late: never an instance, but kept for the review pack."""
    outcome = AttendanceOutcome.LATE if command.late else AttendanceOutcome.ATTENDED
    fact = facts.attendance(command.report, command.case_id, command.attendance_id, command.occurred_at, outcome)
    case = await uow.cases.get(command.case_id)
    case.report([fact], policy, clock())
    await uow.commit()


async def record_absence(command: RecordAbsence, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """An unacceptable absence is an instance and may complete a ladder step; others are kept for the pack."""
    fact = facts.attendance(
        command.report,
        command.case_id,
        command.attendance_id,
        command.occurred_at,
        AttendanceOutcome.ABSENT,
        command.absence,
    )
    case = await uow.cases.get(command.case_id)
    case.report([fact], policy, clock())
    await uow.commit()


async def record_engagement_concern(
    command: RecordEngagementConcern, uow: UnitOfWork, *, policy: Policy, clock: Clock
) -> None:
    """A provider's concern is an instance and may complete a ladder step."""
    fact = facts.concern(command.report, command.case_id, command.attendance_id, command.occurred_at)
    case = await uow.cases.get(command.case_id)
    case.report([fact], policy, clock())
    await uow.commit()


async def correct_attendance(command: CorrectAttendance, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """The corrected record no longer counts (its recipients are told if an escalation used it);
    the correction's own attendance, and its concern if it reports one, are reported in its place."""
    reported = [
        facts.attendance(
            command.report,
            command.case_id,
            command.attendance_id,
            command.occurred_at,
            command.outcome,
            command.absence,
        )
    ]
    if command.concern:
        reported.append(facts.concern(command.report, command.case_id, command.attendance_id, command.occurred_at))
    case = await uow.cases.get(command.case_id)
    case.correct(command.report.event_id, command.corrects_attendance_id, reported, policy, clock())
    await uow.commit()
