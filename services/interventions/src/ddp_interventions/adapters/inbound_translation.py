"""Wire to domain: what a provider reported about a session, as the domain sees it."""

from ddp_interventions.domain.drafting_rules import InterventionKind
from ddp_interventions.domain.sessions import AbsenceCategory, AttendanceFacts, AttendanceOutcome
from ddp_schemas.events.programme_inbound import PlanAdjustmentSubmitted
from ddp_schemas.events.provider_inbound import AttendanceCorrectionSubmitted, AttendanceSubmitted


def attendance_facts(event: AttendanceSubmitted | AttendanceCorrectionSubmitted) -> AttendanceFacts:
    return AttendanceFacts(
        occurred_at=event.occurred_at,
        outcome=AttendanceOutcome(event.outcome.value),
        absence_category=AbsenceCategory(event.absence_category.value) if event.absence_category else None,
        engagement_rating=event.engagement_rating,
        concern=event.concern,
        notes=event.notes,
    )


def requested_additions(event: PlanAdjustmentSubmitted) -> list[tuple[InterventionKind, tuple[str, ...]]]:
    return [(InterventionKind(item.kind.value), tuple(n.value for n in item.addresses)) for item in event.add]
