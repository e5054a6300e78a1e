"""``ddp tail``: what an on-call engineer watches. Envelope attributes and a summary; data only by type."""

from ddp_cli.timeline import describe
from ddp_cli.topic_reader import TopicReader
from ddp_schemas.connection import KafkaAccess
from ddp_schemas.namespace import TopicNamespace


async def tail(access: KafkaAccess, topics: list[str], namespace: TopicNamespace, from_beginning: bool) -> None:
    async with TopicReader(access, topics, namespace, from_beginning=from_beginning) as reader:
        async for observed in reader:
            event = observed.event
            # Inbound events may carry personal data: show their envelope only.
            summary = "" if observed.topic.startswith("ddp.inbound.") else describe(observed)
            print(
                f"{event.time.isoformat()} {observed.topic}[{observed.partition}]@{observed.offset} "
                f"{event.type} v{event.dataversion} subject={event.subject} id={event.id} {summary}"
            )
