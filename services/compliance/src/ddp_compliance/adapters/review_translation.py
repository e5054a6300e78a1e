"""Domain to wire for case reviews: scheduled, due with the chair's pack, overdue, outcome recorded."""

from ddp_compliance.domain import events
from ddp_messaging.emitter import Publication
from ddp_schemas.event import Event
from ddp_schemas.events import compliance_vocabulary as cv
from ddp_schemas.events import reviews
from ddp_schemas.events.vocabulary import Agency


def review_publications(event: events.DomainEvent) -> list[Publication]:
    """Review events: on compliance's topic, and (all but the announcement) to the review's chair."""
    match event:
        case events.ReviewScheduled():
            scheduled = reviews.ReviewScheduled(
                review_id=event.review_id,
                case_id=event.case_id,
                sequence=event.sequence,
                due_on=event.due_on,
                chaired_by=Agency(event.chaired_by),
                policy_version=event.policy_version,
            )
            return [Publication(scheduled, event.case_id)]
        case events.ReviewDue():
            due = reviews.ReviewDue(
                review_id=event.review_id,
                case_id=event.case_id,
                due_on=event.due_on,
                chaired_by=Agency(event.chaired_by),
            )
            return [Publication(due, event.case_id, to=(event.chaired_by,))]
        case events.ReviewPackIssued():
            return [Publication(_pack(event), event.case_id, to=(event.chaired_by,))]
        case events.ReviewOverdue():
            overdue = reviews.ReviewOverdue(
                review_id=event.review_id,
                case_id=event.case_id,
                due_on=event.due_on,
                chaired_by=Agency(event.chaired_by),
                flagged_at=event.flagged_at,
            )
            return [Publication(overdue, event.case_id, to=(event.chaired_by,))]
        case events.ReviewOutcomeRecorded():
            recorded = reviews.ReviewOutcomeRecorded(
                review_id=event.review_id,
                case_id=event.case_id,
                outcome=cv.ReviewOutcome(event.outcome.value),
                chaired_by=Agency(event.chaired_by),
                chairing_role=cv.DecidingRole(event.chairing_role.value),
                reviewed_on=event.reviewed_on,
            )
            return [Publication(recorded, event.case_id, to=(event.chaired_by,))]
    raise TypeError(f"no publication for {type(event).__name__}")


def _pack(event: events.ReviewPackIssued) -> Event:
    pack, figures = event.pack, event.pack.attendance
    return reviews.ReviewPackIssued(
        review_id=event.review_id,
        case_id=event.case_id,
        due_on=event.due_on,
        period_start=pack.period_start,
        period_end=pack.period_end,
        attendance=cv.AttendanceFigures(
            attended=figures.attended,
            late=figures.late,
            absent_acceptable=figures.absent_acceptable,
            absent_unacceptable=figures.absent_unacceptable,
            absent_logistical=figures.absent_logistical,
        ),
        engagement_concerns=pack.engagement_concerns,
        escalations=[
            cv.EscalationSummary(
                escalation_id=e.escalation_id,
                rule=e.rule,
                step=cv.LadderStep(e.step.value),
                raised_at=e.raised_at,
                decision=cv.BreachDecision(e.decision.value) if e.decision else None,
            )
            for e in pack.escalations
        ],
        plan_changes=pack.plan_changes,
    )
