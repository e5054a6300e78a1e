"""Reading what the platform wrote on its topics, for assertions."""

from ddp_cli.topic_reader import ObservedEvent, TopicReader
from ddp_schemas.connection import OPERATOR, KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from tests.support import eventually


async def wait_for_events(
    kafka: KafkaEndpoint,
    namespace: TopicNamespace,
    topic: str,
    count: int,
    *,
    event_type: str | None = None,
    timeout: float = 30.0,
) -> list[ObservedEvent]:
    """Read ``topic`` from the start until ``count`` events (of ``event_type``) are there; return them all.

    Read as the on-call operator: what the tests look at is what on-call may see."""
    seen: list[ObservedEvent] = []
    async with TopicReader(kafka.access(OPERATOR), [topic], namespace) as reader:

        async def enough() -> bool:
            seen.extend(e for e in await reader.batch(timeout_ms=200) if event_type in (None, e.event.type))
            return len(seen) >= count

        await eventually(enough, timeout=timeout)
        # Anything more than expected would be a second effect: give it a moment to show up.
        seen.extend(e for e in await reader.batch(timeout_ms=1000) if event_type in (None, e.event.type))
    return seen
