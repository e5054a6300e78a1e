"""``ddp tail``: what an on-call engineer watches. Envelope attributes and a summary; data only by type.

Filters narrow what is printed: event types, the record key (a case id, or an agency's reference
before a case exists), and a time range on the event's own time. Inbound topics (readable only
with the admin's bundle) show the envelope and never a summary of their data.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ddp_cli.timeline import describe
from ddp_cli.topic_reader import ObservedEvent, TopicReader
from ddp_schemas.connection import KafkaAccess
from ddp_schemas.namespace import TopicNamespace


@dataclass(frozen=True)
class TailFilter:
    types: frozenset[str] = frozenset()
    key: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def admits(self, observed: ObservedEvent) -> bool:
        event = observed.event
        return (
            (not self.types or event.type in self.types)
            and (self.key is None or observed.key == self.key)
            and (self.since is None or event.time >= self.since)
            and (self.until is None or event.time <= self.until)
        )


def tail_line(observed: ObservedEvent) -> str:
    event = observed.event
    # Inbound events may carry personal data: show their envelope only.
    summary = "" if observed.topic.startswith("ddp.inbound.") else describe(observed)
    return (
        f"{event.time.isoformat()} {observed.topic}[{observed.partition}]@{observed.offset} "
        f"{event.type} v{event.dataversion} subject={event.subject} id={event.id} {summary}"
    )


async def tail(
    access: KafkaAccess,
    topics: list[str],
    namespace: TopicNamespace,
    from_beginning: bool,
    only: TailFilter = TailFilter(),
    emit: Callable[[str], None] = print,
) -> None:
    async with TopicReader(access, topics, namespace, from_beginning=from_beginning) as reader:
        async for observed in reader:
            if only.admits(observed):
                emit(tail_line(observed))
