"""Where a service's events go, resolved from the topic registry and checked against it on write."""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.outbox import Outbox
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.topics import TopicRegistry


class EventNotCarried(Exception):
    """The registry does not let this service write this event type where it was addressed.

    A programming error, not bad input: the handler fails and the record is dead-lettered
    rather than publishing something no consumer has agreed to read.
    """


@dataclass(frozen=True)
class Publication:
    """What a service's outbound translation makes of one domain event: a wire event to emit.

    ``key`` is the Kafka key (the case id, or the agency's reference before a case exists),
    ``subject`` the CloudEvents subject (the key unless given), ``to`` the agencies it is addressed
    to; ``domain=False`` keeps it off the service's domain topic (see ``Emitter.emit``).
    """

    event: Event
    key: str | UUID
    subject: str | UUID | None = None
    to: tuple[str, ...] = ()
    domain: bool = True


class Emitter:
    """Stages events on the outbox in the caller's transaction.

    A use case names only the event and the agencies it is addressed to. The event goes on the
    service's domain topic when that topic carries its type, and on each addressee's outbound
    topic, which must carry the type and list this service among its producers. Everything it
    stages is chained to ``cause`` (correlation and causation ids) when there is one.
    """

    def __init__(
        self,
        *,
        service: str,
        registry: TopicRegistry,
        outbox: Outbox,
        session: AsyncSession,
        cause: CloudEvent | None = None,
    ) -> None:
        self._service = service
        self._registry = registry
        self._outbox = outbox
        self._session = session
        self._cause = cause
        self.emitted = 0

    async def emit(
        self,
        event: Event,
        *,
        key: str | UUID,
        subject: str | UUID | None = None,
        to: Iterable[str] = (),
        domain: bool = True,
    ) -> None:
        """Stage ``event`` keyed by ``key`` (the case id, or the agency's reference before a case exists).

        ``domain=False`` writes only to the addressees: for an answer keyed by the agency's own
        reference, or one that repeats what the domain topic already holds.
        """
        for topic in self.topics_for(event.event_type, to, domain=domain):
            await self._outbox.add(
                self._session,
                topic=topic,
                key=str(key),
                event=event,
                subject=str(subject) if subject is not None else None,
                cause=self._cause,
            )
            self.emitted += 1

    async def publish(self, publication: Publication) -> None:
        """Stage what an outbound translation made of a domain event."""
        subject = publication.key if publication.subject is None else publication.subject
        await self.emit(
            publication.event, key=publication.key, subject=subject, to=publication.to, domain=publication.domain
        )

    def topics_for(self, event_type: str, addressees: Iterable[str] = (), *, domain: bool = True) -> list[str]:
        """The topics an event of ``event_type`` addressed to ``addressees`` is written to."""
        own = self._registry.topic(self._registry.domain_topic(self._service))
        topics = [own.name] if domain and own.carries(event_type) else []
        for agency in addressees:
            outbound = self._registry.topic(self._registry.outbound_topic(agency))
            if self._service not in outbound.producers or not outbound.carries(event_type):
                raise EventNotCarried(f"{self._service} may not write {event_type} on {outbound.name}")
            topics.append(outbound.name)
        if not topics:
            raise EventNotCarried(f"{event_type} is carried by no topic {self._service} writes")
        return topics
