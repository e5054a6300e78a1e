"""Two instances writing at once, with the interleaving forced on real PostgreSQL.

Each test runs the service's own use case in two transactions, as two instances would: both read
the same state, the first commits, then the second writes. The database decides who wins; what
the loser did is counted where it would show, on the topic.
"""

import asyncio
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from ddp_compliance.adapters.unit_of_work import SqlUnitOfWork as ComplianceUnitOfWork
from ddp_compliance.bootstrap import build as build_compliance
from ddp_compliance.domain.commands import RecordBreachDecision
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.vocabulary import BreachDecision, DecidingRole
from ddp_compliance.service_layer.decisions import record_breach_decision
from ddp_compliance.settings import ComplianceSettings
from ddp_messaging.retries import ConcurrentChange
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.inbound_translation import submit_referral as translated
from ddp_referrals.adapters.unit_of_work import SqlUnitOfWork as ReferralsUnitOfWork
from ddp_referrals.bootstrap import build as build_referrals
from ddp_referrals.service_layer.intake import submit_referral
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.events.inbound import SubjectIdentifiers
from ddp_schemas.events.vocabulary import Agency, MandateType
from tests.factories import referral_with
from tests.integration.compliance_histories import NOW, feed, missed, opened
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running
from tests.support import eventually

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


async def waiting_on_a_lock(sessions) -> bool:  # type: ignore[no-untyped-def]
    async with sessions() as probe:
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        return bool(await probe.scalar(text(query)))


async def test_two_authorities_deciding_one_referral_at_once_record_one_decision(kafka, namespace, database_url):
    tpim = opened(MandateType.TPIM, Agency.CT_POLICING)
    await feed(kafka, namespace, "referrals", [tpim], str(tpim.case_id))
    await feed(kafka, namespace, "interventions", [missed(tpim.case_id, 2)], str(tpim.case_id))
    async with running(
        lambda s: build_compliance(s, clock=lambda: NOW),
        ComplianceSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ) as runtime:
        [referral] = await wait_for_events(
            kafka.endpoint, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.breach_referral_raised"
        )
        escalation_id = uuid.UUID(referral.event.data["escalation_id"])

        def decision(origin: str, role: DecidingRole) -> RecordBreachDecision:
            decided_at = datetime(2026, 3, 2, 9, tzinfo=UTC)
            return RecordBreachDecision(
                escalation_id, tpim.case_id, BreachDecision.RECALL, role, "Fictional rationale.", decided_at, origin
            )

        async with runtime.sessions() as first, runtime.sessions() as second:
            await first.begin()
            await second.begin()
            first_uow = ComplianceUnitOfWork(first, runtime.emitter(first))
            second_uow = ComplianceUnitOfWork(second, runtime.emitter(second))
            # Both read the referral undecided.
            await first_uow.cases.get(tpim.case_id)
            await second_uow.cases.get(tpim.case_id)
            await record_breach_decision(decision("ct-policing", DecidingRole.SENIOR_INVESTIGATING_OFFICER), first_uow)
            await first.commit()
            with pytest.raises(Refusal) as refused:
                await record_breach_decision(decision("home-office", DecidingRole.HOME_OFFICE_CASEWORKER), second_uow)
            await second.rollback()
        decisions = await wait_for_events(
            kafka.endpoint, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.breach_decision_recorded"
        )

    assert refused.value.code == "ALREADY_DECIDED"
    assert [d.event.data["decided_by"] for d in decisions] == ["ct-policing"], "one decision, the first"


async def test_two_referrals_for_one_new_person_at_once_make_one_subject_and_one_case(kafka, namespace, database_url):
    shared = SubjectIdentifiers(crn="X654321")
    probation = translated(referral_with("PRB-RACE-1", identifiers=shared), "probation")
    ct_policing = translated(
        referral_with("CTP-RACE-1", kind=MandateType.TPIM, authority=Agency.CT_POLICING, identifiers=shared),
        "ct-policing",
    )
    async with running(
        build_referrals, ReferralsSettings, kafka=kafka.endpoint, database_url=database_url, namespace=namespace
    ) as runtime:
        cipher = FieldCipher.from_settings(runtime.settings)  # type: ignore[arg-type]
        clock = lambda: datetime.now(UTC)  # noqa: E731
        sessions = runtime.sessions

        async def intake(command) -> None:  # type: ignore[no-untyped-def]
            async with sessions.begin() as session:
                await submit_referral(
                    command, ReferralsUnitOfWork(session, runtime.emitter(session), cipher), clock=clock
                )

        async with sessions.begin() as first:
            await submit_referral(probation, ReferralsUnitOfWork(first, runtime.emitter(first), cipher), clock=clock)
            # The second instance found nobody either, and now waits on the first's identifier.
            second = asyncio.create_task(intake(ct_policing))
            await eventually(lambda: waiting_on_a_lock(sessions))
        # The first has committed; the second's new subject is refused by the identifier's key.
        with pytest.raises(ConcurrentChange):
            await second
        await intake(ct_policing)  # applied again, as the runtime retries a batch
        events = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 4)

    kinds = [e.event.type for e in events]
    assert kinds.count("ddp.case.opened") == 1, kinds
    assert kinds.count("ddp.referral.linked") == 1, kinds
    [opened_case] = [e for e in events if e.event.type == "ddp.case.opened"]
    [linked] = [e for e in events if e.event.type == "ddp.referral.linked"]
    assert linked.event.data["case_id"] == opened_case.event.data["case_id"]
