"""The case lifecycle over real Kafka and PostgreSQL: custody, mandate changes, withdrawal, refusals."""

from datetime import date, timedelta

import pytest

from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.events import inbound
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_testkit.agency_client import AgencyClient
from tests.factories import referral_with
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

TODAY = date.today()


def of_type(observed, event_type: str) -> list:  # type: ignore[no-untyped-def]
    return [o.event for o in observed if o.event.type == event_type]


def reason_codes(rejection) -> list[str]:  # type: ignore[no-untyped-def]
    return [r["code"] for r in rejection.data["reasons"]]


def service(kafka, namespace, database_url):  # type: ignore[no-untyped-def]
    return running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    )


async def test_recall_suspends_release_resumes_and_a_second_release_is_refused(kafka, namespace, database_url):
    custody = inbound.CustodyStatusChanged
    async with service(kafka, namespace, database_url):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(referral_with("PRB-C1"), key="PRB-C1")
            await probation.send(
                custody(agency_reference="PRB-C1", effective_on=TODAY, status="RECALLED"), key="PRB-C1"
            )
            await probation.send(
                custody(agency_reference="PRB-C1", effective_on=TODAY, status="RELEASED"), key="PRB-C1"
            )
            refused = await probation.send(
                custody(agency_reference="PRB-C1", effective_on=TODAY, status="RELEASED"), key="PRB-C1"
            )
        outbound = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 5)

    [opened], [suspended], [resumed] = (
        of_type(domain, t) for t in ("ddp.case.opened", "ddp.case.suspended", "ddp.case.resumed")
    )
    case_id = opened.data["case_id"]
    assert (suspended.data["case_id"], suspended.data["actor"], suspended.data["reason_code"]) == (
        case_id,
        "probation",
        "CUSTODY_RECALLED",
    )
    assert (resumed.data["case_id"], resumed.data["reason_code"]) == (case_id, "CUSTODY_RELEASED")
    assert [o.key for o in domain if o.event.type.startswith("ddp.case.")] == [case_id] * 3
    [rejection] = of_type(outbound, "ddp.inbound.rejected")
    assert reason_codes(rejection) == ["CASE_NOT_SUSPENDED"]
    assert rejection.data["rejected_event_id"] == str(refused.id)


async def test_mandate_varied_extended_then_ended_closes_the_case_and_later_changes_are_refused(
    kafka, namespace, database_url
):
    reference = "PRB-M1"
    changes = [
        inbound.MandateVaried(
            agency_reference=reference,
            effective_on=TODAY,
            participation_required=False,
            ends_on=TODAY + timedelta(days=300),
        ),
        inbound.MandateExtended(agency_reference=reference, effective_on=TODAY, ends_on=TODAY + timedelta(days=900)),
        inbound.MandateEnded(agency_reference=reference, effective_on=TODAY),
        inbound.MandateRevoked(agency_reference=reference, effective_on=TODAY),
    ]
    async with service(kafka, namespace, database_url):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(referral_with(reference), key=reference)
            for change in changes:
                await probation.send(change, key=reference)
        outbound = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 7)

    changed = of_type(domain, "ddp.mandate.changed")
    assert [c.data["change"] for c in changed] == ["VARIED", "EXTENDED", "ENDED"]
    assert changed[0].data["mandate"]["participation_required"] is False
    assert changed[1].data["mandate"]["ends_on"] == (TODAY + timedelta(days=900)).isoformat()
    assert "reference" not in changed[0].data["mandate"]
    [closed] = of_type(domain, "ddp.case.closed")
    assert (closed.data["reason_code"], closed.data["actor"]) == ("MANDATE_ENDED", "probation")
    [rejection] = of_type(outbound, "ddp.inbound.rejected")
    assert reason_codes(rejection) == ["CASE_ALREADY_CLOSED"]


async def test_a_teo_revoked_and_a_tpim_withdrawn_close_their_cases(kafka, namespace, database_url):
    async with service(kafka, namespace, database_url):
        async with AgencyClient(kafka.access("home-office"), namespace) as home_office:
            teo = referral_with("HO-T1", kind=MandateType.TEO, authority=Agency.HOME_OFFICE)
            await home_office.send(teo, key="HO-T1")
            await home_office.send(inbound.MandateRevoked(agency_reference="HO-T1", effective_on=TODAY), key="HO-T1")
        async with AgencyClient(kafka.access("ct-policing"), namespace) as police:
            tpim = referral_with(
                "CTP-T1",
                kind=MandateType.TPIM,
                authority=Agency.CT_POLICING,
                identifiers=inbound.SubjectIdentifiers(pnc_id="2019/0123456E"),
            )
            await police.send(tpim, key="CTP-T1")
            await police.send(
                inbound.ReferralWithdrawalSubmitted(agency_reference="CTP-T1", effective_on=TODAY), key="CTP-T1"
            )
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 10)

    closures = {c.data["actor"]: c.data["reason_code"] for c in of_type(domain, "ddp.case.closed")}
    assert closures == {"home-office": "MANDATE_ENDED", "ct-policing": "WITHDRAWN"}
    [withdrawn] = of_type(domain, "ddp.referral.withdrawn")
    [accepted] = [
        a for a in of_type(domain, "ddp.referral.accepted") if a.data["referral_id"] == withdrawn.data["referral_id"]
    ]
    assert withdrawn.data["case_id"] == accepted.data["case_id"]
    assert [c.data["change"] for c in of_type(domain, "ddp.mandate.changed")] == ["REVOKED"]


async def test_a_change_that_arrives_before_its_referral_is_refused_and_applies_when_resent(
    kafka, namespace, database_url
):
    recall = inbound.CustodyStatusChanged(agency_reference="PRB-O1", effective_on=TODAY, status="RECALLED")
    async with service(kafka, namespace, database_url):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            early = await probation.send(recall, key="PRB-O1")
            await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 1)
            await probation.send(referral_with("PRB-O1"), key="PRB-O1")
            await probation.send(recall, key="PRB-O1")  # resent as the refusal asks, with a new event id
        outbound = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 4)

    [rejection] = of_type(outbound, "ddp.inbound.rejected")
    assert reason_codes(rejection) == ["REFERRAL_UNKNOWN"]
    assert rejection.data["rejected_event_id"] == str(early.id)
    assert len(of_type(domain, "ddp.case.suspended")) == 1


async def test_home_office_may_not_report_custody_changes(kafka, namespace, database_url):
    async with service(kafka, namespace, database_url):
        async with AgencyClient(kafka.access("home-office"), namespace) as home_office:
            recall = inbound.CustodyStatusChanged(agency_reference="HO-X", effective_on=TODAY, status="RECALLED")
            await home_office.send(recall, key="HO-X")
        answers = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.home-office", 1)
        dead = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.dlq", 1)

    assert reason_codes(answers[0].event) == ["ORIGIN_NOT_ALLOWED"]
    assert dead[0].event.data["reason_code"] == "ORIGIN_NOT_ALLOWED"


async def test_an_amendment_reaches_the_case_and_a_conflicting_resubmission_is_told_which_fields(
    kafka, namespace, database_url
):
    reference = "PRB-A1"
    original = referral_with(reference)
    amendment = inbound.ReferralAmendmentSubmitted(
        agency_reference=reference,
        effective_on=TODAY,
        assessed_needs=["IDEOLOGY", "EMPLOYMENT"],
        risk=inbound.RiskContext(mappa_category=4, mappa_level=3),
    )
    changed_name = original.model_copy(
        update={"personal_details": original.personal_details.model_copy(update={"family_name": "Quayle-Other"})}
    )
    async with service(kafka, namespace, database_url):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(original, key=reference)
            await probation.send(amendment, key=reference)
            conflicting = await probation.send(changed_name, key=reference)
        outbound = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 4)

    [opened], [amended] = (of_type(domain, t) for t in ("ddp.case.opened", "ddp.case.amended"))
    assert amended.data["case_id"] == opened.data["case_id"]
    assert (amended.data["assessed_needs"], amended.data["mappa_level"]) == (["IDEOLOGY", "EMPLOYMENT"], 3)
    [rejection] = of_type(outbound, "ddp.inbound.rejected")
    assert rejection.data["rejected_event_id"] == str(conflicting.id)
    # The fields that differ from what the reference stated (the amended facts included), never a value.
    assert [(r["code"], r["field"]) for r in rejection.data["reasons"]] == [
        ("REFERRAL_CONFLICT", "assessed_needs"),
        ("REFERRAL_CONFLICT", "personal_details.family_name"),
        ("REFERRAL_CONFLICT", "risk.mappa_level"),
    ]
    assert "Quayle-Other" not in str(rejection.data)
