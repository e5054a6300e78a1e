"""A provider reports what happened at its sessions, and corrects it; ``clock`` says when "now" is."""

from ddp_interventions.domain import attendance_recording as attendance
from ddp_interventions.domain.commands import CorrectAttendance, RecordAttendance
from ddp_interventions.service_layer.plans import plan_for
from ddp_interventions.service_layer.ports import UnitOfWork
from ddp_messaging.clock import Clock


async def record_attendance(command: RecordAttendance, uow: UnitOfWork, *, clock: Clock) -> None:
    """Attended, late or absent, once per session; a session in the future has no attendance yet."""
    plan = await plan_for(uow, command.case_id)
    attendance.record_attendance(plan, command.provider, command.session_id, command.facts, clock())
    await uow.commit()


async def correct_attendance(command: CorrectAttendance, uow: UnitOfWork, *, clock: Clock) -> None:
    """A new record replaces the session's attendance; the one it corrects stays in the history."""
    plan = await plan_for(uow, command.case_id)
    attendance.correct_attendance(plan, command.provider, command.session_id, command.facts, command.reason, clock())
    await uow.commit()
