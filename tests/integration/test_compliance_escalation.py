"""Escalation over real Kafka and PostgreSQL: one licence, one TPIM and one voluntary case history.

Each history is published with redeliveries and out of order (sessions before the case opens
on another topic); each qualifying situation escalates exactly once, to the right agencies,
with its evidence; decisions are accepted only from the authority the referral went to.
"""

import uuid

import httpx
import pytest

from ddp_cli.explanations import explanation_lines
from ddp_compliance.bootstrap import build
from ddp_compliance.entrypoints.escalations_api import escalation_routes
from ddp_compliance.settings import ComplianceSettings
from ddp_schemas.events.vocabulary import Agency, MandateType
from tests.integration.compliance_histories import (
    NOW,
    attended,
    concern,
    feed,
    missed,
    of_case,
    opened,
)
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def history(title: str, events) -> None:
    print(f"\n--- {title}")
    for e in events:
        d = e.event.data
        detail = d.get("rule") or d.get("category") or d.get("decision") or d.get("mandate_type") or d.get("due_on", "")
        evidence = ", ".join(f"{x['category']}@{x['occurred_at'][:10]}" for x in d.get("evidence", []))
        print(f"{e.event.type:<46} {detail} {('[' + evidence + ']') if evidence else ''}")


async def explain(runtime, escalation_id: str) -> str:
    """``ddp explain``'s lines, from the service's read interface as the running service serves it."""
    app = runtime.asgi_app(read_routes=escalation_routes(runtime.sessions, lambda: NOW))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://compliance") as client:
        response = await client.get("/escalation", params={"escalation_id": escalation_id})
        unknown = await client.get("/escalation", params={"escalation_id": str(uuid.uuid4())})
        of_case = await client.get("/escalations", params={"case_id": response.json()["case_id"]})
        casework = await client.get("/casework")
    assert response.status_code == 200 and unknown.status_code == 404
    assert escalation_id in [e["escalation_id"] for e in of_case.json()["escalations"]]
    assert casework.status_code == 200
    assert set(casework.json()) == {"breach_referrals_awaiting_decision", "reviews_overdue"}
    return "\n".join(explanation_lines(response.json()))


async def test_licence_tpim_and_voluntary_histories_escalate_once_each(kafka, namespace, database_url):
    licence, tpim, voluntary = (
        opened(MandateType.LICENCE, Agency.PROBATION),
        opened(MandateType.TPIM, Agency.CT_POLICING),
        opened(MandateType.VOLUNTARY, Agency.HOME_OFFICE),
    )
    lc, tc, vc = licence.case_id, tpim.case_id, voluntary.case_id
    # Sessions are reported before the cases open (another topic): they wait for the record.
    licence_ids = await feed(
        kafka, namespace, "interventions", [attended(lc, 3), missed(lc, 30), attended(lc, 37), missed(lc, 44)], str(lc)
    )
    tpim_ids = await feed(kafka, namespace, "interventions", [missed(tc, 5), attended(tc, 12)], str(tc))
    await feed(kafka, namespace, "interventions", [concern(vc, 20), missed(vc, 25), concern(vc, 27)], str(vc))
    for case in (licence, tpim, voluntary):
        await feed(kafka, namespace, "referrals", [case], str(case.case_id))

    async with running(
        lambda s: build(s, clock=lambda: NOW),
        ComplianceSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
        scheduled_check_interval_seconds=0.2,
    ) as runtime:
        escalated = {
            "ddp.compliance.warning_recommended",
            "ddp.compliance.breach_referral_raised",
            "ddp.compliance.engagement_concern_flagged",
        }
        events = await wait_for_events(kafka.endpoint, namespace, "ddp.compliance.events", 5 + 3 + 5)
        escalations = [e for e in events if e.event.type in escalated]
        history("licence (probation)", of_case(events, lc))
        history("TPIM (ct-policing)", of_case(events, tc))
        history("voluntary (home-office)", of_case(events, vc))

        [warning] = of_case(escalations, lc, "ddp.compliance.warning_recommended")
        [referral] = of_case(escalations, lc, "ddp.compliance.breach_referral_raised")
        assert [x["event_id"] for x in warning.event.data["evidence"]] == [str(licence_ids[1])]
        assert [x["event_id"] for x in referral.event.data["evidence"]] == [str(licence_ids[1]), str(licence_ids[3])]
        assert referral.event.data["referred_to"] == ["probation"]
        [tpim_referral] = of_case(escalations, tc)
        assert tpim_referral.event.data["rule"] == "missed-initial-session"
        assert [x["event_id"] for x in tpim_referral.event.data["evidence"]] == [str(tpim_ids[0])]
        assert tpim_referral.event.data["referred_to"] == ["ct-policing", "home-office"]
        [concern_flag] = of_case(escalations, vc)
        assert concern_flag.event.type == "ddp.compliance.engagement_concern_flagged"
        assert concern_flag.event.data["referred_to"] == ["programme-team"]
        assert len(escalations) == 4, "exactly one escalation per qualifying situation"

        probation_out = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)
        assert {e.event.type for e in probation_out} == {
            "ddp.compliance.warning_recommended",
            "ddp.compliance.breach_referral_raised",
        }
        for agency in ("ct-policing", "home-office"):
            [told] = await wait_for_events(kafka.endpoint, namespace, f"ddp.outbound.{agency}", 1)
            assert told.event.data["escalation_id"] == tpim_referral.event.data["escalation_id"]
        [programme] = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.programme-team", 1)
        assert programme.event.type == "ddp.compliance.engagement_concern_flagged"

        text = await explain(runtime, referral.event.data["escalation_id"])
        print("\n" + text)
        assert "rule           unacceptable-absences" in text and "policy version 2026-11-27" in text
        assert str(licence_ids[1]) in text and str(licence_ids[3]) in text
