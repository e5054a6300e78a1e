"""Handlers for what providers send (``ddp.inbound.provider-*``). The sender is the topic's owner."""

from collections.abc import Callable
from datetime import datetime

from ddp_interventions.adapters.inbound_translation import attendance_facts
from ddp_interventions.adapters.repository import PlanRepository
from ddp_interventions.domain.attendance_recording import correct_attendance, record_attendance
from ddp_interventions.domain.provider_assignments import answer_assignment, complete_intervention
from ddp_interventions.domain.session_delivery import cancel_session, reschedule_session, schedule_session
from ddp_interventions.domain.sessions import Party
from ddp_interventions.service_layer.unit_of_work import change_plan
from ddp_messaging.handling import Delivery
from ddp_schemas.events import provider_inbound as inbound
from ddp_schemas.events.session_vocabulary import AssignmentResponse
from ddp_schemas.topics import TopicRegistry

Clock = Callable[[], datetime]


async def answer(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, inbound.AssignmentResponseSubmitted)
    accept = event.response is AssignmentResponse.ACCEPT
    reason = event.decline_reason.value if event.decline_reason else None
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: answer_assignment(plan, delivery.origin, event.intervention_id, accept, reason),
    )


async def schedule(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, inbound.SessionScheduleSubmitted)
    taken = await PlanRepository(delivery.session).session_id_taken(event.session_id)
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: schedule_session(
            plan,
            delivery.origin,
            event.intervention_id,
            event.session_id,
            event.starts_at,
            event.duration_minutes,
            session_id_taken=taken and event.session_id not in plan.sessions,
        ),
    )


async def reschedule(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, inbound.SessionRescheduleSubmitted)
    requested_by, reason = Party(event.requested_by.value), event.reason.value
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: reschedule_session(plan, delivery.origin, event.session_id, event.starts_at, requested_by, reason),
    )


async def cancel(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, inbound.SessionCancellationSubmitted)
    cancelled_by, reason = Party(event.cancelled_by.value), event.reason.value
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: cancel_session(plan, delivery.origin, event.session_id, cancelled_by, reason),
    )


async def record(delivery: Delivery, registry: TopicRegistry, now: Clock) -> None:
    event = delivery.event
    assert isinstance(event, inbound.AttendanceSubmitted)
    facts = attendance_facts(event)
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: record_attendance(plan, delivery.origin, event.session_id, facts, now()),
    )


async def correct(delivery: Delivery, registry: TopicRegistry, now: Clock) -> None:
    event = delivery.event
    assert isinstance(event, inbound.AttendanceCorrectionSubmitted)
    facts, reason = attendance_facts(event), event.correction_reason.value
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: correct_attendance(plan, delivery.origin, event.session_id, facts, reason, now()),
    )


async def complete(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, inbound.InterventionCompletionSubmitted)
    outcome = event.outcome.value
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: complete_intervention(plan, delivery.origin, event.intervention_id, outcome),
    )
