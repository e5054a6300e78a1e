"""The clients an agency would really use work against the secured broker, with nothing but its bundle.

Each submits a referral on its agency's inbound topic and reads the acknowledgement back from
the agency's outbound topic, with the referrals service running: aiokafka (the platform's own
client), confluent-kafka (librdkafka, what most backends embed) and Debian's kcat (what an
engineer at an agency types). librdkafka's clients are told ``partitioner=murmur2_random``, the
Java client's partitioner, so that a key lands on the same partition whichever client wrote it.
kcat is given its configuration in a file (``-F``), never on its command line.
"""

import asyncio
import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import MessageSizeTooLargeError
from confluent_kafka import Consumer, Producer

from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.inbound import SubjectIdentifiers
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_schemas.generation.acls import agency_group_prefix
from ddp_schemas.kafka_binding import EnvelopeError, decode, encode
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry
from tests.factories import licence_referral, referral_with
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

REGISTRY = load_topic_registry()
ACKNOWLEDGED = "ddp.referral.acknowledged"
ANSWER_TIMEOUT = 30.0  # the referrals service answers within a second or two
# librdkafka's default partitioner (consistent_random, CRC32) places keys differently from the Java client's.
SAME_PARTITIONS_AS_JAVA = {"partitioner": "murmur2_random"}


def referral(agency: str, reference: str) -> CloudEvent:
    """A referral ``agency`` may make, as the envelope it would send (distinct people: no linking)."""
    submissions = {
        "probation": licence_referral(reference),
        "ct-policing": referral_with(
            reference,
            kind=MandateType.TPIM,
            authority=Agency.CT_POLICING,
            identifiers=SubjectIdentifiers(pnc_id="2019/1234567J"),
        ),
        "home-office": referral_with(
            reference,
            kind=MandateType.TEO,
            authority=Agency.HOME_OFFICE,
            identifiers=SubjectIdentifiers(home_office_reference="HO-CLIENT-1"),
        ),
    }
    event = submissions[agency]
    return CloudEvent(
        source=f"/agencies/{agency}",
        type=event.event_type,
        dataversion=event.version,
        subject=reference,
        data=event.model_dump(mode="json"),
    )


def acknowledgement(value: bytes | None, headers, reference: str) -> CloudEvent | None:
    """The record as the acknowledgement of ``reference``, or None if it is anything else."""
    try:
        event = decode(value, headers or [])
    except EnvelopeError:
        return None
    return event if event.type == ACKNOWLEDGED and event.data.get("agency_reference") == reference else None


def topics_of(agency: str, namespace: TopicNamespace) -> tuple[str, str]:
    return namespace.physical(REGISTRY.inbound_topic(agency)), namespace.physical(REGISTRY.outbound_topic(agency))


async def test_an_agency_using_aiokafka_submits_and_reads_its_acknowledgement(kafka, namespace, database_url):
    agency, reference = "probation", "PRB-AIO-1"
    inbound, outbound = topics_of(agency, namespace)
    access = kafka.access(agency)
    async with running(build, ReferralsSettings, kafka=kafka.endpoint, database_url=database_url, namespace=namespace):
        sent = referral(agency, reference)
        value, headers = encode(sent)
        producer = AIOKafkaProducer(**access.aiokafka(), enable_idempotence=True)
        await producer.start()
        try:
            await producer.send_and_wait(inbound, value, key=reference.encode(), headers=headers)
        finally:
            await producer.stop()

        # No consumer group: a backend that keeps its own position needs READ on its topic only.
        reader = AIOKafkaConsumer(**access.aiokafka(), group_id=None, enable_auto_commit=False)
        partitions = [TopicPartition(outbound, p) for p in range(REGISTRY.topic(f"ddp.outbound.{agency}").partitions)]
        await reader.start()
        try:
            reader.assign(partitions)
            await reader.seek_to_beginning(*partitions)

            async def answered() -> CloudEvent:
                while True:
                    for records in (await reader.getmany(timeout_ms=500)).values():
                        for record in records:
                            if found := acknowledgement(record.value, record.headers, reference):
                                return found

            answer = await asyncio.wait_for(answered(), ANSWER_TIMEOUT)
        finally:
            await reader.stop()

    assert answer.causationid == sent.id and answer.data["case_id"]


async def test_an_agency_using_confluent_kafka_submits_and_reads_its_acknowledgement(kafka, namespace, database_url):
    agency, reference = "ct-policing", "CTP-RDK-1"
    inbound, outbound = topics_of(agency, namespace)
    config = kafka.access(agency).librdkafka()
    async with running(build, ReferralsSettings, kafka=kafka.endpoint, database_url=database_url, namespace=namespace):
        sent = referral(agency, reference)
        value, headers = encode(sent)
        # librdkafka blocks: run it off the event loop, where the referrals service is running.
        producing = {**config, **SAME_PARTITIONS_AS_JAVA}  # a producer's setting: the consumer would warn of it
        delivered = await asyncio.to_thread(produce_with_librdkafka, producing, inbound, reference, value, headers)
        assert delivered is None, delivered
        group = namespace.physical(agency_group_prefix(agency)) + "case-backend"  # under the agency's own prefix
        answer = await asyncio.to_thread(read_with_librdkafka, config, group, outbound, reference)

    assert answer is not None, f"no {ACKNOWLEDGED} for {reference} on {outbound} within {ANSWER_TIMEOUT}s"
    assert answer.causationid == sent.id and answer.data["case_id"]


def produce_with_librdkafka(config: dict, topic: str, key: str, value: bytes, headers) -> str | None:
    """Write one record idempotently and wait for the broker's answer; the delivery error, or None."""
    outcome: list[str | None] = []
    producer = Producer({**config, "enable.idempotence": True})
    producer.produce(
        topic,
        value=value,
        key=key.encode(),
        headers=headers,
        on_delivery=lambda error, _: outcome.append(str(error) if error else None),
    )
    assert producer.flush(15) == 0, "the record was not delivered within 15s"
    return outcome[0]


def read_with_librdkafka(config: dict, group: str, topic: str, reference: str) -> CloudEvent | None:
    consumer = Consumer({**config, "group.id": group, "auto.offset.reset": "earliest"})
    consumer.subscribe([topic])
    deadline = time.monotonic() + ANSWER_TIMEOUT
    try:
        while time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is None:
                continue
            assert message.error() is None, message.error()
            if found := acknowledgement(message.value(), message.headers(), reference):
                return found
        return None
    finally:
        consumer.close()


async def test_an_agency_using_kcat_submits_and_reads_its_acknowledgement(kafka, namespace, database_url, tmp_path):
    kcat = shutil.which("kcat")
    assert kcat, (
        "these tests use Debian's kcat: run scripts/bootstrap (as root it installs it), or apt-get install kcat"
    )
    agency, reference = "home-office", "HO-KCAT-1"
    inbound, outbound = topics_of(agency, namespace)
    access = kafka.access(agency)
    settings = kcat_settings(tmp_path / "kcat.conf", {**access.librdkafka(), **SAME_PARTITIONS_AS_JAVA})
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    async with running(build, ReferralsSettings, kafka=kafka.endpoint, database_url=database_url, namespace=namespace):
        sent = referral(agency, reference)
        value, headers = encode(sent)
        header_args = [arg for name, text in headers for arg in ("-H", f"{name}={text.decode()}")]
        write = [kcat, "-F", str(settings), "-P", "-t", inbound, "-k", reference, *header_args]
        written = await run(write, stdin=value + b"\n")  # one record per line; the newline is not sent
        assert written.returncode == 0 and b"ERROR" not in written.stderr, written.stderr

        read = [kcat, "-F", str(settings), "-C", "-t", outbound, "-o", "beginning", "-e", "-J", "-q"]

        async def answered() -> CloudEvent:
            while True:
                result = await run(read)
                assert result.returncode == 0, result.stderr
                for line in result.stdout.decode().splitlines():
                    record = json.loads(line)
                    pairs = record["headers"] or []
                    as_headers = [(n, v.encode()) for n, v in zip(pairs[::2], pairs[1::2], strict=True)]
                    payload = record["payload"].encode() if record["payload"] is not None else None
                    if found := acknowledgement(payload, as_headers, reference):
                        return found
                await asyncio.sleep(0.5)  # polling for the answer to arrive, not waiting out an absence

        answer = await asyncio.wait_for(answered(), ANSWER_TIMEOUT)

    assert answer.causationid == sent.id and answer.data["case_id"]
    # The configuration went by file: kcat's command lines name that file and hold no key, not even its path.
    identity = access.identity
    assert identity is not None
    key_lines = [line for line in identity.key_file.read_text().splitlines() if line and not line.startswith("-----")]
    for argv in (write, read):
        command_line = " ".join(argv)
        assert str(settings) in argv and str(identity.key_file) not in command_line
        assert "PRIVATE KEY" not in command_line and not [line for line in key_lines if line in command_line]


def kcat_settings(path: Path, config: dict[str, str]) -> Path:
    """librdkafka's properties, one per line, in a file only this user can read (created 0600)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.writelines(f"{name}={value}\n" for name, value in config.items())
    return path


class Finished:
    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


async def run(argv: list[str], stdin: bytes | None = None) -> Finished:
    """A command run without blocking the event loop the referrals service is running on."""
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(stdin), 20)
    assert process.returncode is not None
    return Finished(process.returncode, stdout, stderr)


async def test_a_record_above_the_brokers_limit_is_refused_by_the_broker_and_never_reaches_the_platform(
    kafka, namespace
):
    """The contract says so (README, "Record size"): the sender's client gets the error, the platform
    sees nothing and answers nothing."""
    topic = namespace.physical("ddp.inbound.probation")
    producer = AIOKafkaProducer(**kafka.access("probation").aiokafka(), max_request_size=4 * 1024 * 1024)
    await producer.start()
    try:
        with pytest.raises(MessageSizeTooLargeError):
            await producer.send_and_wait(topic, key=b"PRB-HUGE", value=b"x" * (1024 * 1024 + 100))
        accepted = await producer.send_and_wait(topic, key=b"PRB-HUGE", value=b"x" * (1024 * 1024 - 200))
    finally:
        await producer.stop()
    assert accepted.offset == 0, "the refused record took no offset: nothing of it is on the topic"
