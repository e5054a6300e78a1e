"""A provider arranges the sessions of the interventions it accepted: schedule, move, cancel."""

from ddp_interventions.domain import session_delivery as sessions
from ddp_interventions.domain.commands import CancelSession, RescheduleSession, ScheduleSession
from ddp_interventions.service_layer.plans import plan_for
from ddp_interventions.service_layer.ports import UnitOfWork


async def schedule_session(command: ScheduleSession, uow: UnitOfWork) -> None:
    """A session id the provider minted names one session across all cases."""
    plan = await plan_for(uow, command.case_id)
    owner = await uow.plans.case_of_session(command.session_id)
    sessions.schedule_session(
        plan,
        command.provider,
        command.intervention_id,
        command.session_id,
        command.starts_at,
        command.duration_minutes,
        session_id_taken=owner is not None and owner != command.case_id,
    )
    await uow.commit()


async def reschedule_session(command: RescheduleSession, uow: UnitOfWork) -> None:
    plan = await plan_for(uow, command.case_id)
    sessions.reschedule_session(
        plan, command.provider, command.session_id, command.starts_at, command.requested_by, command.reason
    )
    await uow.commit()


async def cancel_session(command: CancelSession, uow: UnitOfWork) -> None:
    plan = await plan_for(uow, command.case_id)
    sessions.cancel_session(plan, command.provider, command.session_id, command.cancelled_by, command.reason)
    await uow.commit()
