"""Decisions over real Kafka: accepted only from the authority the referral went to, once, and published.

The rationale stays in the compliance database: the published decision says only that one was given.
"""

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from ddp_compliance.bootstrap import build
from ddp_compliance.settings import ComplianceSettings
from ddp_schemas.events.authority_inbound import BreachDecisionSubmitted
from ddp_schemas.events.compliance_vocabulary import BreachDecision, DecidingRole
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_testkit.agency_client import AgencyClient
from tests.integration.compliance_histories import NOW, feed, missed, opened
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

RATIONALE = "Fictional rationale: explanation for the absences not accepted."


def decision(
    escalation_id: str, case_id: uuid.UUID, outcome: BreachDecision, role: DecidingRole
) -> BreachDecisionSubmitted:
    return BreachDecisionSubmitted(
        escalation_id=uuid.UUID(escalation_id),
        case_id=case_id,
        decision=outcome,
        deciding_role=role,
        rationale=RATIONALE,
        decided_at=datetime(2026, 3, 4, 15, tzinfo=UTC),
    )


def reason_codes(rejection) -> list[str]:
    return [r["code"] for r in rejection.event.data["reasons"]]


async def test_decisions_are_applied_only_from_the_responsible_authority(kafka, namespace, database_url):
    licence, tpim = opened(MandateType.LICENCE, Agency.PROBATION), opened(MandateType.TPIM, Agency.CT_POLICING)
    lc, tc = licence.case_id, tpim.case_id
    await feed(kafka, namespace, "referrals", [licence], str(lc))
    await feed(kafka, namespace, "referrals", [tpim], str(tc))
    await feed(kafka, namespace, "interventions", [missed(lc, 30), missed(lc, 44)], str(lc))
    await feed(kafka, namespace, "interventions", [missed(tc, 2)], str(tc))
    bootstrap = kafka.endpoint
    async with running(
        lambda s: build(s, clock=lambda: NOW),
        ComplianceSettings,
        kafka=bootstrap,
        database_url=database_url,
        namespace=namespace,
    ):
        raised = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 2, event_type="ddp.compliance.breach_referral_raised"
        )
        raised += await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.warning_recommended"
        )
        by_case = {(e.event.data["case_id"], e.event.type): e.event.data["escalation_id"] for e in raised}
        licence_referral = by_case[(str(lc), "ddp.compliance.breach_referral_raised")]
        licence_warning = by_case[(str(lc), "ddp.compliance.warning_recommended")]
        tpim_referral = by_case[(str(tc), "ddp.compliance.breach_referral_raised")]

        async with AgencyClient(bootstrap.access("ct-policing"), namespace) as police:
            await police.send(
                decision(licence_referral, lc, BreachDecision.RECALL, DecidingRole.SENIOR_INVESTIGATING_OFFICER),
                str(lc),
            )
        [refused] = await wait_for_events(
            bootstrap, namespace, "ddp.outbound.ct-policing", 1, event_type="ddp.inbound.rejected"
        )
        assert reason_codes(refused) == ["NOT_RESPONSIBLE_AUTHORITY"]

        async with AgencyClient(bootstrap.access("probation"), namespace) as probation:
            await probation.send(
                decision(licence_warning, lc, BreachDecision.RECALL, DecidingRole.SENIOR_PROBATION_OFFICER), str(lc)
            )
            await probation.send(
                decision(str(uuid.uuid4()), lc, BreachDecision.RECALL, DecidingRole.SENIOR_PROBATION_OFFICER), str(lc)
            )
            await probation.send(
                decision(licence_referral, lc, BreachDecision.RECALL, DecidingRole.SENIOR_PROBATION_OFFICER), str(lc)
            )
            await probation.send(
                decision(licence_referral, lc, BreachDecision.WARNING, DecidingRole.SENIOR_PROBATION_OFFICER), str(lc)
            )
        rejections = await wait_for_events(
            bootstrap, namespace, "ddp.outbound.probation", 3, event_type="ddp.inbound.rejected"
        )
        assert [reason_codes(r) for r in rejections] == [
            ["NOT_A_BREACH_REFERRAL"],
            ["UNKNOWN_ESCALATION"],
            ["ALREADY_DECIDED"],
        ]

        async with AgencyClient(bootstrap.access("home-office"), namespace) as home_office:
            await home_office.send(
                decision(tpim_referral, tc, BreachDecision.NO_FURTHER_ACTION, DecidingRole.HOME_OFFICE_CASEWORKER),
                str(tc),
            )

        recorded = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 2, event_type="ddp.compliance.breach_decision_recorded"
        )
        decided = {e.event.data["escalation_id"]: e.event.data for e in recorded}
        assert len(recorded) == 2
        assert (
            decided[licence_referral]["decision"] == "RECALL" and decided[licence_referral]["decided_by"] == "probation"
        )
        nfa = decided[tpim_referral]
        assert (nfa["decision"], nfa["decided_by"], nfa["deciding_role"], nfa["rationale_given"]) == (
            "NO_FURTHER_ACTION",
            "home-office",
            "HOME_OFFICE_CASEWORKER",
            True,
        )
        for agency in ("ct-policing", "home-office"):
            told = await wait_for_events(
                bootstrap, namespace, f"ddp.outbound.{agency}", 1, event_type="ddp.compliance.breach_decision_recorded"
            )
            assert told[0].event.data["decision"] == "NO_FURTHER_ACTION"
        everything = await wait_for_events(bootstrap, namespace, "ddp.compliance.events", 1)
        assert all(RATIONALE not in str(e.event.data) for e in everything), "the rationale is never published"

    engine = create_async_engine(database_url)
    async with engine.connect() as connection:
        stored = (
            await connection.execute(
                text("SELECT decision, rationale FROM escalations WHERE decision IS NOT NULL ORDER BY decision")
            )
        ).all()
    await engine.dispose()
    assert stored == [("NO_FURTHER_ACTION", RATIONALE), ("RECALL", RATIONALE)]
