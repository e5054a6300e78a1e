"""Bad input over real Kafka: dead-lettered with a reason, the sender told, the partition never blocked."""

import json

import pytest

from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import encode
from ddp_testkit.agency_client import AgencyClient
from ddp_testkit.group_positions import GroupPositions, partitions_of
from tests.factories import DISTINCTIVE_NAME, licence_referral
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def envelope(event_type: str, data: dict, version: int = 1) -> CloudEvent:
    return CloudEvent(source="/agencies/probation", type=event_type, dataversion=version, data=data)


async def test_every_kind_of_bad_input_is_dead_lettered_once_and_valid_input_still_flows(
    kafka, namespace, database_url
):
    valid = licence_referral("PRB-OK")
    schema_violation = envelope(
        "ddp.referral.submitted", {**valid.model_dump(mode="json"), "agency_reference": "PRB-BAD", "mandate": None}
    )

    def fresh() -> tuple[bytes, list[tuple[str, bytes]]]:
        return encode(envelope("ddp.referral.submitted", valid.model_dump(mode="json")))

    async with AgencyClient(kafka.access("probation"), namespace) as probation:
        await probation.send_raw(b"{not json", fresh()[1], "K1")
        await probation.send_raw(None, fresh()[1], "K2")
        value, headers = fresh()
        await probation.send_raw(value, [h for h in headers if h[0] != "ce_type"], "K3")
        await probation.send_raw(b"x" * 300_000, fresh()[1], "K4")
        await probation.send_envelope(envelope("ddp.plan.drafted", {"anything": 1}), "K5")
        await probation.send_envelope(envelope("ddp.made.up", {"anything": 1}), "K6")
        await probation.send_envelope(envelope("ddp.referral.submitted", valid.model_dump(mode="json"), 9), "K7")
        await probation.send_envelope(schema_violation, "PRB-BAD")
        first = await probation.send(valid, key="PRB-OK")
        reused_id = first.model_copy(update={"data": {**first.data, "agency_reference": "PRB-OTHER"}})
        await probation.send_envelope(reused_id, "PRB-OK")
    expected_codes = sorted(
        [
            "UNPARSEABLE",
            "NULL_VALUE",
            "INVALID_ENVELOPE",
            "OVERSIZED",
            "ORIGIN_NOT_ALLOWED",
            "UNKNOWN_TYPE",
            "UNSUPPORTED_VERSION",
            "SCHEMA_VIOLATION",
            "ID_CONFLICT",
        ]
    )
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        dead = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.dlq", len(expected_codes))
        outbound = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", len(expected_codes) + 1)

    assert sorted(d.event.data["reason_code"] for d in dead) == expected_codes
    for letter in dead:
        original = letter.event.data["original"]
        assert original["topic"] == "ddp.inbound.probation" and original["offset"] >= 0
        assert letter.event.data["error_class"]
    violation = next(d for d in dead if d.event.data["reason_code"] == "SCHEMA_VIOLATION")
    assert "mandate" in violation.event.data["detail"]
    rejections = [o for o in outbound if o.event.type == "ddp.inbound.rejected"]
    assert sorted(r.event.data["reasons"][0]["code"] for r in rejections) == expected_codes
    acknowledgements = [o for o in outbound if o.event.type == "ddp.referral.acknowledged"]
    assert [a.event.data["agency_reference"] for a in acknowledgements] == ["PRB-OK"]
    assert acknowledgements[0].event.causationid == first.id
    everything = json.dumps([d.event.data for d in dead] + [o.event.data for o in outbound])
    assert DISTINCTIVE_NAME not in everything and "X123456" not in everything


async def test_offsets_are_committed_after_the_batch_is_applied(kafka, namespace, database_url):
    group = namespace.physical("ddp.referrals")  # the service's own group: the only one its ACLs allow
    async with AgencyClient(kafka.access("probation"), namespace) as probation:
        for n in range(5):
            await probation.send(licence_referral(f"PRB-C{n}"), key=f"PRB-C{n}")
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 5)

    partitions = partitions_of(namespace, ["ddp.inbound.probation"])
    async with GroupPositions(kafka.endpoint) as positions:
        ends = await positions.ends(partitions)
        behind = await positions.behind(group, partitions, ends)
    assert sum(ends.values()) == 5
    assert behind == [], "every partition committed to its end once the service stopped"
