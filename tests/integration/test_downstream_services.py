"""Interventions and compliance, each alone, reacting to a case opened on the referrals topic."""

import uuid
from datetime import date

import pytest

from ddp_compliance.bootstrap import build as build_compliance
from ddp_compliance.settings import ComplianceSettings
from ddp_interventions.bootstrap import build as build_interventions
from ddp_interventions.settings import InterventionsSettings
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.events.vocabulary import Agency, MandateTerms, MandateType, Need
from tests.integration.domain_feed import publish_domain_event, publish_envelope
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def case_opened(mandate_type: MandateType, needs: list[Need], required: bool = True) -> CaseOpened:
    return CaseOpened(
        case_id=uuid.uuid4(),
        subject_id=uuid.uuid4(),
        referral_id=uuid.uuid4(),
        mandate=MandateTerms(
            type=mandate_type,
            responsible_authority=Agency.CT_POLICING,
            participation_required=required,
            starts_on=date(2026, 1, 1),
        ),
        mappa_level=2,
        assessed_needs=needs,
    )


async def test_interventions_drafts_one_plan_per_opened_case(kafka, namespace, database_url):
    opened = case_opened(MandateType.TPIM, [Need.THEOLOGY, Need.EMPLOYMENT])
    key = str(opened.case_id)
    envelope = await publish_domain_event(kafka.endpoint, namespace, "referrals", opened, key)
    await publish_envelope(kafka.endpoint, namespace, "referrals", envelope, key)  # redelivered
    async with running(
        build_interventions,
        InterventionsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        plans = await wait_for_events(kafka.endpoint, namespace, "ddp.interventions.events", 1)

    assert len(plans) == 1
    plan = plans[0]
    assert plan.key == key and plan.event.causationid == envelope.id
    kinds = {i["kind"]: i["addresses"] for i in plan.event.data["interventions"]}
    assert kinds == {
        "MENTORING": [],
        "THEOLOGICAL_IDEOLOGICAL_ADVICE": ["THEOLOGY"],
        "PRACTICAL_SUPPORT": ["EMPLOYMENT"],
    }


async def test_compliance_opens_records_that_escalate_only_for_mandated_cases(kafka, namespace, database_url):
    tpim = case_opened(MandateType.TPIM, [Need.IDEOLOGY])
    voluntary = case_opened(MandateType.VOLUNTARY, [Need.FAMILY], required=False)
    for opened in (tpim, voluntary):
        await publish_domain_event(kafka.endpoint, namespace, "referrals", opened, str(opened.case_id))
    async with running(
        build_compliance,
        ComplianceSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        records = await wait_for_events(
            kafka.endpoint, namespace, "ddp.compliance.events", 2, event_type="ddp.compliance.record_opened"
        )

    by_case = {r.event.data["case_id"]: r.event.data for r in records}
    assert len(records) == 2
    assert by_case[str(tpim.case_id)]["escalation_possible"] is True
    assert by_case[str(voluntary.case_id)]["escalation_possible"] is False
    assert {r["policy_version"] for r in by_case.values()} == {"2026-11-27"}
