"""Wire to domain: each inbound event type as the command the domain understands, one function per type.

``origin`` is the owner of the topic the event was read from. For a provider's messages it is the
provider acting; the wire never says who the sender is.
"""

from ddp_interventions.domain import commands
from ddp_interventions.domain.drafting_rules import InterventionKind
from ddp_interventions.domain.sessions import AbsenceCategory, AttendanceFacts, AttendanceOutcome, Party
from ddp_schemas.events import programme_inbound as programme
from ddp_schemas.events import provider_inbound as provider
from ddp_schemas.events import referrals, reviews
from ddp_schemas.events.compliance_vocabulary import ReviewOutcome
from ddp_schemas.events.session_vocabulary import AssignmentResponse


def draft_plan(event: referrals.CaseOpened, origin: str) -> commands.DraftPlan:
    return commands.DraftPlan(event.case_id, tuple(need.value for need in event.assessed_needs))


def pause_plan(event: referrals.CaseSuspended, origin: str) -> commands.PausePlan:
    return commands.PausePlan(event.case_id, event.suspended_from)


def resume_plan(event: referrals.CaseResumed, origin: str) -> commands.ResumePlan:
    return commands.ResumePlan(event.case_id, event.suspended_until)


def end_plan(event: referrals.CaseClosed, origin: str) -> commands.EndPlan:
    return commands.EndPlan(event.case_id, event.ended_from)


def review_plan_for_needs(event: referrals.CaseAmended, origin: str) -> commands.ReviewPlanForNeeds:
    needs = tuple(need.value for need in event.assessed_needs) if event.assessed_needs is not None else None
    return commands.ReviewPlanForNeeds(event.case_id, needs)


def review_plan(event: reviews.ReviewOutcomeRecorded, origin: str) -> commands.ReviewPlan:
    return commands.ReviewPlan(event.case_id, event.review_id, event.outcome is ReviewOutcome.ADJUST_PLAN)


def agree_plan(event: programme.PlanAgreementSubmitted, origin: str) -> commands.AgreePlan:
    return commands.AgreePlan(event.case_id, event.plan_id)


def adjust_plan(event: programme.PlanAdjustmentSubmitted, origin: str) -> commands.AdjustPlan:
    additions = tuple(
        (InterventionKind(item.kind.value), tuple(need.value for need in item.addresses)) for item in event.add
    )
    return commands.AdjustPlan(event.case_id, event.plan_id, additions, tuple(event.withdraw))


def assign_provider(event: programme.ProviderAssignmentSubmitted, origin: str) -> commands.AssignProvider:
    return commands.AssignProvider(event.case_id, event.intervention_id, event.provider.value)


def answer_assignment(event: provider.AssignmentResponseSubmitted, origin: str) -> commands.AnswerAssignment:
    accept = event.response is AssignmentResponse.ACCEPT
    reason = event.decline_reason.value if event.decline_reason else None
    return commands.AnswerAssignment(event.case_id, event.intervention_id, origin, accept, reason)


def schedule_session(event: provider.SessionScheduleSubmitted, origin: str) -> commands.ScheduleSession:
    return commands.ScheduleSession(
        event.case_id, event.intervention_id, event.session_id, origin, event.starts_at, event.duration_minutes
    )


def reschedule_session(event: provider.SessionRescheduleSubmitted, origin: str) -> commands.RescheduleSession:
    return commands.RescheduleSession(
        event.case_id, event.session_id, origin, event.starts_at, Party(event.requested_by.value), event.reason.value
    )


def cancel_session(event: provider.SessionCancellationSubmitted, origin: str) -> commands.CancelSession:
    return commands.CancelSession(
        event.case_id, event.session_id, origin, Party(event.cancelled_by.value), event.reason.value
    )


def record_attendance(event: provider.AttendanceSubmitted, origin: str) -> commands.RecordAttendance:
    return commands.RecordAttendance(event.case_id, event.session_id, origin, attendance_facts(event))


def correct_attendance(event: provider.AttendanceCorrectionSubmitted, origin: str) -> commands.CorrectAttendance:
    return commands.CorrectAttendance(
        event.case_id, event.session_id, origin, attendance_facts(event), event.correction_reason.value
    )


def complete_intervention(
    event: provider.InterventionCompletionSubmitted, origin: str
) -> commands.CompleteIntervention:
    return commands.CompleteIntervention(event.case_id, event.intervention_id, origin, event.outcome.value)


def attendance_facts(event: provider.AttendanceSubmitted | provider.AttendanceCorrectionSubmitted) -> AttendanceFacts:
    """What the provider reported; ``notes`` travels on to the database only."""
    return AttendanceFacts(
        occurred_at=event.occurred_at,
        outcome=AttendanceOutcome(event.outcome.value),
        absence_category=AbsenceCategory(event.absence_category.value) if event.absence_category else None,
        engagement_rating=event.engagement_rating,
        concern=event.concern,
        notes=event.notes,
    )
