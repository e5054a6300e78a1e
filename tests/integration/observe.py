"""Reading what the platform wrote on its topics, for assertions.

"Nothing more happened" is shown, never waited for: once the expected events are there, every
service running in the test is shown to have done everything it was given (its consumer group
committed to the end of every partition it reads, its outbox empty), and the topic is then read
to its end. A second effect of anything sent before would be on the topic by then.
"""

from aiokafka import TopicPartition
from sqlalchemy import func, select

from ddp_cli.topic_reader import ObservedEvent, TopicReader, read_to_end
from ddp_messaging.runtime import ServiceRuntime
from ddp_schemas.connection import OPERATOR, KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from ddp_testkit.group_positions import GroupPositions, partitions_of, read_by
from tests.support import eventually

# The services running in this process, registered by tests.integration.running_service.
RUNNING: list[ServiceRuntime] = []


async def wait_for_events(
    kafka: KafkaEndpoint,
    namespace: TopicNamespace,
    topic: str,
    count: int,
    *,
    event_type: str | None = None,
    timeout: float = 30.0,
) -> list[ObservedEvent]:
    """Read ``topic`` until ``count`` events (of ``event_type``) are there; once every running service
    has settled, return all of them on the topic (read as the on-call operator: what on-call may see)."""
    seen: list[ObservedEvent] = []
    async with TopicReader(kafka.access(OPERATOR), [topic], namespace) as reader:

        async def enough() -> bool:
            seen.extend(e for e in await reader.batch(timeout_ms=200) if event_type in (None, e.event.type))
            return len(seen) >= count

        await eventually(enough, timeout=timeout)
    await settled(kafka, timeout=timeout)
    everything = await read_to_end(kafka.access(OPERATOR), topic, namespace)
    return [e for e in everything if event_type in (None, e.event.type)]


async def settled(kafka: KafkaEndpoint, timeout: float = 30.0) -> None:
    """Every running service has consumed and committed everything on the topics it reads, and
    published everything it staged; twice in a row, with no record added meanwhile (one service's
    output is another's input)."""
    if not RUNNING:
        return  # a stopped service drained its outbox and does nothing more
    last: list[dict[TopicPartition, int] | None] = []
    async with GroupPositions(kafka) as positions:

        async def quiet() -> bool:
            ends = [await _settled_at(positions, runtime) for runtime in list(RUNNING)]
            stable = None not in ends and last == ends
            last[:] = ends
            return stable

        await eventually(quiet, timeout=timeout, interval=0.05)


async def _settled_at(positions: GroupPositions, runtime: ServiceRuntime) -> dict[TopicPartition, int] | None:
    """The end offsets of what ``runtime`` reads when it has done all of it; None while it has not."""
    async with runtime.sessions() as session:
        outbox = runtime.definition.tables.outbox
        if await session.scalar(select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))):
            return None
    name, namespace = runtime.definition.name, runtime.namespace
    group = runtime.settings.consumer_group or namespace.physical(f"ddp.{name}")
    partitions = read_by(namespace, name)
    ends = await positions.ends(partitions)
    return None if await positions.behind(group, partitions, ends) else ends


async def committed_to_the_end(
    kafka: KafkaEndpoint, namespace: TopicNamespace, group: str, topics: list[str], timeout: float = 30.0
) -> None:
    """The group's committed offset reaches the end of every partition of ``topics``: no record was
    left behind, and none is being retried."""
    partitions = partitions_of(namespace, topics)
    async with GroupPositions(kafka) as positions:

        async def at_the_end() -> bool:
            return not await positions.behind(group, partitions)

        await eventually(at_the_end, timeout=timeout)
