"""Every domain event reaches the wire as a valid event of its type; inbound attendance reaches the domain."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from ddp_interventions.adapters import inbound_translation
from ddp_interventions.adapters.inbound_translation import attendance_facts
from ddp_interventions.adapters.outbound_translation import WIRE_TYPES, publication, to_wire
from ddp_interventions.domain import events
from ddp_interventions.domain.attendance_recording import correct_attendance, record_attendance
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.drafting_rules import default_rules
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.programme_decisions import adjust_plan, agree_plan, assign_provider
from ddp_interventions.domain.provider_assignments import answer_assignment, complete_intervention
from ddp_interventions.domain.session_delivery import cancel_session, reschedule_session, schedule_session
from ddp_interventions.domain.sessions import AbsenceCategory, AttendanceOutcome, Party
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.programme_inbound import PlanAdjustmentSubmitted
from ddp_schemas.events.provider_inbound import AttendanceSubmitted
from tests.unit.interventions.builders import (
    MERIDIAN,
    NORTHSTAR,
    NOW,
    PROVIDERS,
    absent,
    agreed_plan,
    attended,
    kind_id,
    with_session,
)


def every_kind_of_event() -> list[events.DomainEvent]:
    drafted = Plan.draft(uuid4(), ["HOUSING"], default_rules())
    agree_plan(drafted, drafted.plan_id)
    collected: list[events.DomainEvent] = list(drafted.events)
    plan = agreed_plan()
    mentoring, practical = kind_id(plan, Kind.MENTORING), kind_id(plan, Kind.PRACTICAL_SUPPORT)
    adjust_plan(plan, plan.plan_id, [(Kind.PSYCHOLOGICAL_SUPPORT, ("TRAUMA",))], [])
    psychological = kind_id(plan, Kind.PSYCHOLOGICAL_SUPPORT)
    assign_provider(plan, psychological, MERIDIAN, PROVIDERS, NOW)
    answer_assignment(plan, MERIDIAN, psychological, False, "NO_CAPACITY")
    assign_provider(plan, psychological, NORTHSTAR, PROVIDERS, NOW)
    answer_assignment(plan, NORTHSTAR, psychological, True, None)
    session_id = uuid4()
    schedule_session(plan, NORTHSTAR, mentoring, session_id, NOW + timedelta(days=1), 60)
    reschedule_session(plan, NORTHSTAR, session_id, NOW + timedelta(days=2), Party.PERSON, "ILLNESS")
    cancel_session(plan, NORTHSTAR, session_id, Party.PERSON, "ILLNESS")
    collected += plan.events  # with_session clears them
    held, missed = with_session(plan), with_session(plan)
    record_attendance(plan, NORTHSTAR, held, attended(concern=True), NOW)
    record_attendance(plan, NORTHSTAR, missed, absent(AbsenceCategory.LOGISTICAL), NOW)
    correct_attendance(plan, NORTHSTAR, missed, absent(AbsenceCategory.ACCEPTABLE), "LATE_INFORMATION", NOW)
    complete_intervention(plan, MERIDIAN, practical, "OBJECTIVES_MET")
    plan.suspend(NOW)
    plan.resume(NOW)
    plan.request_review(uuid4())
    plan.close(NOW)
    return [*collected, *plan.events]


def test_the_scenario_covers_every_domain_event_type() -> None:
    assert {type(e) for e in every_kind_of_event()} == {events.PlanDrafted, *WIRE_TYPES}


def test_every_domain_event_reads_back_through_the_catalogue() -> None:
    for event in every_kind_of_event():
        wire = to_wire(event)
        envelope = CloudEvent(
            source="/ddp/interventions",
            type=wire.event_type,
            dataversion=wire.version,
            data=wire.model_dump(mode="json"),
        )
        assert CATALOGUE.read(envelope) == wire
        assert str(wire.model_dump()["case_id"]) == str(event.case_id)


def test_an_adjusted_plan_lists_interventions_as_planned_on_the_wire() -> None:
    adjusted = next(e for e in every_kind_of_event() if isinstance(e, events.PlanAdjusted))
    wire = to_wire(adjusted).model_dump(mode="json")
    assert [i["kind"] for i in wire["added"]] == ["PSYCHOLOGICAL_SUPPORT"]
    assert set(wire["interventions"][0]) == {"intervention_id", "kind", "addresses"}


def test_inbound_attendance_keeps_its_notes_for_the_database_only() -> None:
    submitted = AttendanceSubmitted(
        case_id=uuid4(),
        session_id=uuid4(),
        occurred_at=datetime(2026, 3, 1, 10, tzinfo=UTC),
        outcome="ABSENT",
        absence_category="LOGISTICAL",
        concern=True,
        notes="bus strike",
    )
    facts = attendance_facts(submitted)
    assert (facts.outcome, facts.absence_category, facts.engagement_rating, facts.concern, facts.notes) == (
        AttendanceOutcome.ABSENT,
        AbsenceCategory.LOGISTICAL,
        None,
        True,
        "bus strike",
    )


def test_requested_additions_reach_the_domain_as_kinds_and_needs() -> None:
    withdrawn = uuid4()
    adjustment = PlanAdjustmentSubmitted(
        case_id=uuid4(),
        plan_id=uuid4(),
        add=[{"kind": "PSYCHOLOGICAL_SUPPORT", "addresses": ["TRAUMA"]}],
        withdraw=[withdrawn],
    )
    command = inbound_translation.adjust_plan(adjustment, "programme-team")
    assert (command.add, command.withdraw) == (((Kind.PSYCHOLOGICAL_SUPPORT, ("TRAUMA",)),), (withdrawn,))


def test_every_event_is_published_keyed_by_its_case_and_addressed_to_whoever_acts_on_it() -> None:
    # The programme team and the providers read only their own outbound topics: what they act on
    # (ids to agree and assign with, answers, assignments) must be addressed to them there.
    to_programme_team = (
        events.PlanDrafted,
        events.PlanAdjusted,
        events.PlanReviewRequested,
        events.ProviderAssignmentAccepted,
        events.ProviderAssignmentDeclined,
    )
    for event in every_kind_of_event():
        published = publication(event)
        assert (published.key, published.subject) == (str(event.case_id), str(event.case_id))
        if isinstance(event, to_programme_team):
            expected: tuple[str, ...] = ("programme-team",)
        elif isinstance(event, events.ProviderAssigned):
            expected = (event.provider,)
        else:
            expected = ()
        assert published.to == expected, type(event).__name__
