"""``ddp lag`` over real, secured Kafka: as the operator, offsets only, with the waiting record's age."""

import asyncio
import json
import time

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from ddp_cli.consumer_lag import consumer_lag
from ddp_cli.main import main
from ddp_schemas.connection import OPERATOR
from ddp_schemas.generation.acls import consumer_group
from ddp_schemas.topics import load_topic_registry

pytestmark = [pytest.mark.docker, pytest.mark.kafka]

HOUR_MS, MINUTE_MS = 3_600_000, 60_000


async def put(kafka, namespace, ages_ms: list[int]) -> str:
    """Records on partition 0 of probation's inbound topic, written ``ages_ms`` ago (the broker keeps
    the producer's timestamp)."""
    topic = namespace.physical("ddp.inbound.probation")
    producer = AIOKafkaProducer(**kafka.access("probation").aiokafka(), enable_idempotence=True)
    await producer.start()
    try:
        now = int(time.time() * 1000)
        for age in ages_ms:
            await producer.send_and_wait(topic, b"{}", key=b"K", partition=0, timestamp_ms=now - age)
    finally:
        await producer.stop()
    return topic


async def commit_as_referrals(kafka, namespace, topic: str, offset: int) -> None:
    group = namespace.physical(consumer_group("referrals"))
    consumer = AIOKafkaConsumer(**kafka.access("referrals").aiokafka(), group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign([TopicPartition(topic, 0)])
        await consumer.commit({TopicPartition(topic, 0): OffsetAndMetadata(offset, "")})
    finally:
        await consumer.stop()


async def referrals_lag(kafka, namespace):
    found = await consumer_lag(kafka.access(OPERATOR), load_topic_registry(), namespace, ["referrals"])
    return {(p.topic, p.partition): p for p in found}


async def test_lag_and_the_oldest_waiting_records_age_from_offsets_alone(kafka, namespace):
    topic = await put(kafka, namespace, [2 * HOUR_MS, HOUR_MS, MINUTE_MS])

    never_committed = (await referrals_lag(kafka, namespace))[("ddp.inbound.probation", 0)]
    assert (never_committed.committed, never_committed.end, never_committed.lag) == (None, 3, 3)
    assert 2 * 3600 - 5 <= never_committed.oldest_unconsumed_age_seconds <= 2 * 3600 + 30

    await commit_as_referrals(kafka, namespace, topic, 2)
    partly = (await referrals_lag(kafka, namespace))[("ddp.inbound.probation", 0)]
    assert (partly.committed, partly.lag) == (2, 1)
    assert 60 - 5 <= partly.oldest_unconsumed_age_seconds <= 60 + 30

    await commit_as_referrals(kafka, namespace, topic, 3)
    caught_up = await referrals_lag(kafka, namespace)
    assert caught_up[("ddp.inbound.probation", 0)].lag == 0
    assert caught_up[("ddp.inbound.probation", 0)].oldest_unconsumed_age_seconds is None
    read = {name for name, _ in caught_up}
    assert read == {t.name for t in load_topic_registry().read_by("referrals")}, "every topic the service reads"


async def test_the_command_prints_json_and_exits_3_over_the_limit(kafka, namespace, credentials, capsys):
    await put(kafka, namespace, [MINUTE_MS, MINUTE_MS])
    connect = ["--bootstrap-servers", kafka.bootstrap_servers, "--credentials", str(credentials)]
    connect += ["--namespace", namespace.name]

    assert await asyncio.to_thread(main, ["lag", "--service", "referrals", "--json", *connect]) == 0
    waiting = json.loads(capsys.readouterr().out)
    assert [(p["topic"], p["partition"], p["lag"]) for p in waiting] == [("ddp.inbound.probation", 0, 2)]

    assert await asyncio.to_thread(main, ["lag", "--service", "referrals", "--max-lag", "1", *connect]) == 3
    table = capsys.readouterr().out
    assert "ddp.inbound.probation" in table and "2 record(s) waiting" in table
