"""Plans over real Kafka: a case reaches an agreed plan with providers, the programme team adjusts and assigns,
providers decline, plans follow the case."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from ddp_interventions.adapters.progress_queries import progress_for_case
from ddp_schemas.events.programme_inbound import (
    PlanAdjustmentSubmitted,
    PlanAgreementSubmitted,
    ProviderAssignmentSubmitted,
)
from ddp_schemas.events.provider_inbound import AssignmentResponseSubmitted, SessionScheduleSubmitted
from ddp_schemas.events.referrals import CaseClosed, CaseResumed, CaseSuspended
from ddp_schemas.events.vocabulary import Agency, Need
from tests.integration.interventions_harness import (
    MERIDIAN,
    NORTHSTAR,
    PROGRAMME,
    agreed_with_providers,
    intervention_of,
    interventions_service,
)

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def codes(rejection) -> list[str]:
    return [r["code"] for r in rejection.event.data["reasons"]]


async def test_a_case_reaches_an_agreed_plan_with_providers_that_accepted(kafka, namespace, database_url):
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        [agreed] = await service.emitted(case_id, "ddp.plan.agreed", 1)
        assigned = await service.emitted(case_id, "ddp.provider.assigned", 2)
        accepted = await service.emitted(case_id, "ddp.provider.assignment_accepted", 2)

    assert agreed.event.data["plan_id"] == plan["plan_id"] and agreed.key == str(case_id)
    assert {(a.event.data["provider"], a.event.data["kind"]) for a in assigned} == {
        (NORTHSTAR, "MENTORING"),
        (MERIDIAN, "PRACTICAL_SUPPORT"),
    }
    assert {a.event.data["provider"] for a in accepted} == {NORTHSTAR, MERIDIAN}


async def test_programme_team_adjusts_a_plan_and_moves_a_declined_intervention(kafka, namespace, database_url):
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await service.open_case([Need.IDEOLOGY, Need.HOUSING])
        theology = intervention_of(plan, "THEOLOGICAL_IDEOLOGICAL_ADVICE")
        adjustment = PlanAdjustmentSubmitted(
            case_id=case_id,
            plan_id=plan["plan_id"],
            add=[{"kind": "PSYCHOLOGICAL_SUPPORT", "addresses": ["TRAUMA"]}],
            withdraw=[theology],
        )
        await service.send(PROGRAMME, adjustment, case_id)
        await service.send(PROGRAMME, PlanAgreementSubmitted(case_id=case_id, plan_id=plan["plan_id"]), case_id)
        [adjusted] = await service.emitted(case_id, "ddp.plan.adjusted", 1)
        [agreed] = await service.emitted(case_id, "ddp.plan.agreed", 1)

        practical = intervention_of(plan, "PRACTICAL_SUPPORT")
        offer = ProviderAssignmentSubmitted(case_id=case_id, intervention_id=practical, provider=MERIDIAN)
        await service.send(PROGRAMME, offer, case_id)
        await service.emitted(case_id, "ddp.provider.assigned", 1)
        decline = AssignmentResponseSubmitted(
            case_id=case_id, intervention_id=practical, response="DECLINE", decline_reason="NO_CAPACITY"
        )
        await service.send(MERIDIAN, decline, case_id)
        [declined] = await service.emitted(case_id, "ddp.provider.assignment_declined", 1)
        await service.send(PROGRAMME, offer.model_copy(update={"provider": Agency(NORTHSTAR)}), case_id)
        moved = await service.emitted(case_id, "ddp.provider.assigned", 2)

    assert [i["kind"] for i in adjusted.event.data["added"]] == ["PSYCHOLOGICAL_SUPPORT"]
    assert adjusted.event.data["withdrawn"] == [str(theology)]
    kinds = [i["kind"] for i in agreed.event.data["interventions"]]
    assert kinds == ["MENTORING", "PRACTICAL_SUPPORT", "PSYCHOLOGICAL_SUPPORT"]
    assert (declined.event.data["provider"], declined.event.data["reason"]) == (MERIDIAN, "NO_CAPACITY")
    assert (moved[1].event.data["provider"], moved[1].event.data["replaces"]) == (NORTHSTAR, MERIDIAN)


async def test_programme_team_decisions_that_break_a_rule_are_refused_with_reasons(kafka, namespace, database_url):
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await service.open_case([Need.HOUSING])
        agreement = PlanAgreementSubmitted(case_id=case_id, plan_id=plan["plan_id"])
        await service.send(PROGRAMME, agreement, case_id)
        second = await service.send(PROGRAMME, agreement, case_id)  # a new event id: a second agreement
        mentoring = intervention_of(plan, "MENTORING")
        await service.send(
            PROGRAMME,
            ProviderAssignmentSubmitted(case_id=case_id, intervention_id=mentoring, provider="probation"),
            case_id,
        )
        unknown_case = uuid4()
        await service.send(PROGRAMME, PlanAgreementSubmitted(case_id=unknown_case, plan_id=uuid4()), unknown_case)
        rejections = await service.rejections(PROGRAMME, 3)
        agreed = await service.all_of("ddp.interventions.events")

    by_code = {codes(r)[0]: r for r in rejections}
    assert set(by_code) == {"PLAN_ALREADY_AGREED", "NOT_A_PROVIDER", "UNKNOWN_CASE"}
    assert by_code["PLAN_ALREADY_AGREED"].event.data["rejected_event_id"] == str(second.id)
    assert by_code["PLAN_ALREADY_AGREED"].key == str(case_id)
    assert [e.event.type for e in agreed].count("ddp.plan.agreed") == 1
    assert "ddp.provider.assigned" not in [e.event.type for e in agreed]


async def test_a_provider_cannot_send_the_programme_teams_decisions(kafka, namespace, database_url):
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await service.open_case([Need.HOUSING])
        await service.send(NORTHSTAR, PlanAgreementSubmitted(case_id=case_id, plan_id=plan["plan_id"]), case_id)
        [rejection] = await service.rejections(NORTHSTAR, 1)
        emitted = await service.all_of("ddp.interventions.events")

    assert codes(rejection) == ["ORIGIN_NOT_ALLOWED"]
    assert [e.event.type for e in emitted] == ["ddp.plan.drafted"]


async def test_plans_pause_resume_and_end_with_the_case(kafka, namespace, database_url):
    now = datetime.now(UTC)
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        lifecycle = {"case_id": case_id, "actor": "probation", "occurred_at": now}
        await service.from_referrals(CaseSuspended(**lifecycle, reason_code="CUSTODY_RECALLED"), case_id)
        await service.emitted(case_id, "ddp.plan.paused", 1)
        session = SessionScheduleSubmitted(
            case_id=case_id,
            intervention_id=intervention_of(plan, "MENTORING"),
            session_id=uuid4(),
            starts_at=now + timedelta(days=7),
            duration_minutes=60,
        )
        await service.send(NORTHSTAR, session, case_id)
        [suspended] = await service.rejections(NORTHSTAR, 1)
        paused = await service.in_database(lambda s: progress_for_case(s, case_id))

        await service.from_referrals(CaseResumed(**lifecycle, reason_code="CUSTODY_RELEASED"), case_id)
        await service.emitted(case_id, "ddp.plan.resumed", 1)
        await service.send(NORTHSTAR, session.model_copy(update={"session_id": uuid4()}), case_id)
        await service.emitted(case_id, "ddp.session.scheduled", 1)

        await service.from_referrals(CaseClosed(**lifecycle, reason_code="MANDATE_ENDED"), case_id)
        await service.emitted(case_id, "ddp.plan.ended", 1)
        await service.send(NORTHSTAR, session.model_copy(update={"session_id": uuid4()}), case_id)
        rejections = await service.rejections(NORTHSTAR, 2)
        ended = await service.in_database(lambda s: progress_for_case(s, case_id))

    assert codes(suspended) == ["CASE_SUSPENDED"]
    assert sorted(codes(r)[0] for r in rejections) == ["CASE_CLOSED", "CASE_SUSPENDED"]
    assert (paused.plan_status, ended.plan_status) == ("PAUSED", "ENDED")
    assert ended.sessions_offered == 1
