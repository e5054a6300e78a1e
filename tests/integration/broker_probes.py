"""Asking the secured broker what a principal may do: try it, and say how the broker answered.

An attempt is ``allowed`` (the broker did it), ``denied`` (the broker refused with an
authorization error) or anything else, spelled out (``failed: <error>``): a timeout or another
error is never taken for a refusal, so a broken listener cannot pass for a working ACL.
"""

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import GroupAuthorizationFailedError, NoError, TopicAuthorizationFailedError, for_code

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import Topic, TopicRegistry

ALLOWED = "allowed"
DENIED = "denied"
PRODUCE = "produce"
CONSUME = "consume"
OPERATIONS = (PRODUCE, CONSUME)

# Short enough that the whole matrix stays quick, long enough for a loaded machine's first fetch.
PROBE_TIMEOUT = 10.0
PROBE_RECORD = b"authorization probe: not an event"

# The broker refuses in its reply to the request itself; a client that waits this long heard nothing.
_CLIENT_TIMEOUTS = {"request_timeout_ms": 5000}


@dataclass(frozen=True)
class Attempt:
    principal: str
    topic: str  # the registry's name
    operation: str
    outcome: str  # ALLOWED, DENIED, or "failed: ..." for anything that is neither


def may(registry: TopicRegistry, principal: str, topic: Topic, operation: str) -> bool:
    """What the registry says, read directly (not through the ACL generator, which this checks)."""
    if principal in registry.super_users:
        return True
    if operation == PRODUCE:
        return principal in topic.producers
    return principal in registry.readers(topic)


def failed(error: BaseException) -> str:
    return f"failed: {type(error).__name__}: {error}"


def producer_for(access: KafkaAccess) -> AIOKafkaProducer:
    # Not idempotent: an idempotent producer asks for a producer id first, which a principal that
    # writes nothing (the operator) is refused before any topic is tried.
    return AIOKafkaProducer(**access.aiokafka(), enable_idempotence=False, acks="all", **_CLIENT_TIMEOUTS)


def reader_for(access: KafkaAccess) -> AIOKafkaConsumer:
    """A consumer without a group: what it reads depends on the topic's ACLs only."""
    return AIOKafkaConsumer(
        **access.aiokafka(),
        group_id=None,
        enable_auto_commit=False,
        fetch_max_wait_ms=100,
        **_CLIENT_TIMEOUTS,
    )


def admin_for(access: KafkaAccess) -> AIOKafkaAdminClient:
    """Not an administrator: the principal's own view of topic metadata (``DESCRIBE``), which is all it asks."""
    return AIOKafkaAdminClient(**access.aiokafka(), request_timeout_ms=5000)


async def try_produce(producer: AIOKafkaProducer, topic: str) -> str:
    try:
        await asyncio.wait_for(producer.send_and_wait(topic, PROBE_RECORD, key=b"probe"), PROBE_TIMEOUT)
    except TopicAuthorizationFailedError:
        return DENIED
    except Exception as error:
        return failed(error)
    return ALLOWED


async def try_consume(metadata: AIOKafkaAdminClient, consumer: AIOKafkaConsumer, topic: str, partitions: int) -> str:
    """Look the topic up, assign every partition, seek to the beginning, fetch: allowed once a record comes back.

    A principal that may not even describe the topic is refused in the broker's metadata answer,
    which aiokafka's consumer only logs while it retries for ever; so the lookup comes first and
    its refusal is raised as the error it is. A principal that may describe but not read is
    refused at the fetch, which the consumer raises itself. Every topic holds a record by then
    (``seed``), so an allowed read returns one; nothing at all within the timeout is reported as
    such, and counts neither way.
    """
    assigned = [TopicPartition(topic, p) for p in range(partitions)]
    try:
        [described] = await asyncio.wait_for(metadata.describe_topics([topic]), PROBE_TIMEOUT)
        if (refusal := for_code(described["error_code"])) is not NoError:
            raise refusal(topic)
        # Assigning replaces the previous topic's partitions: never unsubscribe, after which
        # aiokafka 0.14's consumer hangs in stop().
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)

        async def first_record() -> None:
            while not any((await consumer.getmany(*assigned, timeout_ms=200)).values()):
                pass

        await asyncio.wait_for(first_record(), PROBE_TIMEOUT)
    except TopicAuthorizationFailedError:
        return DENIED
    except TimeoutError:
        return f"failed: neither a record nor a refusal within {PROBE_TIMEOUT}s"
    except Exception as error:
        return failed(error)
    return ALLOWED


async def seed(admin: KafkaAccess, topics: Iterable[str]) -> None:
    """One record on each topic, written by the super user, so that every allowed read has something to read."""
    producer = producer_for(admin)
    await producer.start()
    try:
        await asyncio.gather(*(producer.send_and_wait(t, PROBE_RECORD, key=b"seed") for t in topics))
    finally:
        await producer.stop()


async def attempts_of(
    access: KafkaAccess, registry: TopicRegistry, namespace: TopicNamespace, topics: Iterable[Topic]
) -> list[Attempt]:
    """Every operation on every topic as ``access``'s principal: one producer and one reader, reused."""
    producer, consumer, metadata = producer_for(access), reader_for(access), admin_for(access)
    await producer.start()
    await consumer.start()
    await metadata.start()
    found: list[Attempt] = []
    try:
        for topic in topics:
            physical = namespace.physical(topic.name)
            produced = await try_produce(producer, physical)
            consumed = await try_consume(metadata, consumer, physical, topic.partitions)
            found += [
                Attempt(access.principal, topic.name, PRODUCE, produced),
                Attempt(access.principal, topic.name, CONSUME, consumed),
            ]
    finally:
        await metadata.close()
        await consumer.stop()
        await producer.stop()
    return found


async def attempt(access: KafkaAccess, namespace: TopicNamespace, topic: Topic, operation: str) -> str:
    """One cell of the matrix, on its own: a fresh client, so nothing learnt earlier colours the answer."""
    physical = namespace.physical(topic.name)
    if operation == PRODUCE:
        producer = producer_for(access)
        await producer.start()
        try:
            return await try_produce(producer, physical)
        finally:
            await producer.stop()
    consumer, metadata = reader_for(access), admin_for(access)
    await consumer.start()
    await metadata.start()
    try:
        return await try_consume(metadata, consumer, physical, topic.partitions)
    finally:
        await metadata.close()
        await consumer.stop()


async def try_group(access: KafkaAccess, group: str, topic: str) -> str:
    """Join ``group`` subscribed to ``topic``: allowed once the group's coordinator hands out partitions."""
    consumer = AIOKafkaConsumer(
        topic,
        **access.aiokafka(),
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
        **_CLIENT_TIMEOUTS,
    )
    try:
        await consumer.start()

        async def assigned() -> None:
            while not consumer.assignment():
                await consumer.getmany(timeout_ms=200)

        await asyncio.wait_for(assigned(), PROBE_TIMEOUT)
    except GroupAuthorizationFailedError:
        return DENIED
    except TimeoutError:
        return f"failed: neither an assignment nor a refusal within {PROBE_TIMEOUT}s"
    except Exception as error:
        return failed(error)
    finally:
        await consumer.stop()
    return ALLOWED
