"""What the checker reads after a run: every platform topic, and the services' own read interfaces.

Nothing here reads a service's database: a service's effects are what it published, and what
it answers on its read interfaces (health, interventions' case progress).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from ddp_cli.topic_reader import ObservedEvent, read_all_to_end
from ddp_schemas.connection import ADMIN, KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicKind, load_topic_registry


@dataclass
class Evidence:
    topics: dict[str, list[ObservedEvent]] = field(default_factory=dict)  # inbound topics too
    progress: dict[UUID, dict[str, Any]] = field(default_factory=dict)  # interventions' progress per case
    unready: list[str] = field(default_factory=list)  # instances not answering ready at the end

    def events_of_type(self, event_type: str, topic: str | None = None) -> list[ObservedEvent]:
        """The events of ``event_type`` on ``topic``, or on every topic the platform writes (an agency may
        send anything on its inbound topic, a bad input says nothing of the platform)."""
        events = self.topics.get(topic, []) if topic else self.platform_written()
        return [e for e in events if e.event.type == event_type]

    def distinct(
        self, event_type: str, about: Callable[[ObservedEvent], object], topic: str | None = None
    ) -> dict[str, set[UUID]]:
        """Per business key (what ``about`` says the event is about), the distinct ids of ``event_type``.

        A republished copy keeps its id and counts once; a second effect has an id of its own.
        """
        found: dict[str, set[UUID]] = defaultdict(set)
        for event in self.events_of_type(event_type, topic):
            found[str(about(event))].add(event.event.id)
        return found

    def platform_written(self) -> list[ObservedEvent]:
        """Everything the services wrote (every topic but the agencies' inbound ones)."""
        return [e for name, events in self.topics.items() if not name.startswith("ddp.inbound.") for e in events]


def data(field_name: str) -> Callable[[ObservedEvent], object]:
    """``about`` for :meth:`Evidence.distinct`: the business key is a field of the event's data."""
    return lambda event: event.event.data.get(field_name)


def caused_by(event: ObservedEvent) -> object:
    """``about`` for :meth:`Evidence.distinct`: the business key is the event that caused it."""
    return event.event.causationid


async def read_topics(kafka: KafkaEndpoint, namespace: TopicNamespace) -> dict[str, list[ObservedEvent]]:
    """Every decodable event on every registry topic but the re-drive ones (the battery re-drives nothing).

    Read as the admin: the checker compares what agencies sent (inbound) with what came of it."""
    names = [t.name for t in load_topic_registry().topics if t.kind is not TopicKind.REDRIVE]
    by_topic: dict[str, list[ObservedEvent]] = {name: [] for name in names}
    for event in await read_all_to_end(kafka.access(ADMIN), names, namespace):
        by_topic[event.topic].append(event)
    return by_topic


def first_occurrences(events: list[ObservedEvent]) -> dict[str, list[ObservedEvent]]:
    """Per key, the distinct events in the order they first appear (republished copies dropped)."""
    order: dict[str, list[ObservedEvent]] = defaultdict(list)
    seen: set[UUID] = set()
    for event in sorted(events, key=lambda e: (e.partition, e.offset)):
        if event.event.id not in seen:
            seen.add(event.event.id)
            order[event.key or ""].append(event)
    return order
