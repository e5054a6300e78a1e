"""Dead letters and rejections: what a service writes when it cannot or will not act on a record."""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.outbox import Outbox
from ddp_messaging.records import InboundRecord
from ddp_schemas import reasons
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.events.outbound import InboundRejected
from ddp_schemas.events.platform import EventDeadLettered
from ddp_schemas.events.vocabulary import Reason
from ddp_schemas.kafka_binding import header_value, parse_count
from ddp_schemas.topics import TopicKind, TopicRegistry

_KNOWN_TYPES = frozenset(CATALOGUE.types())


def reason(code: str, field: str | None = None) -> Reason:
    """A reason with the platform's plain explanation of ``code``."""
    return Reason(code=code, message=reasons.DESCRIPTIONS.get(code, code), field=field)


class Rejections:
    def __init__(self, service: str, registry: TopicRegistry, outbox: Outbox) -> None:
        self._service = service
        self._registry = registry
        self._outbox = outbox

    async def dead_letter(
        self,
        session: AsyncSession,
        record: InboundRecord,
        *,
        code: str,
        error_class: str,
        detail: str,
        event_id: UUID | None,
        fields: Sequence[str] = (),
    ) -> None:
        """Set the record aside on this service's dead-letter topic and tell the sender, if it can act."""
        await self._outbox.add(
            session,
            topic=self._registry.dead_letter_topic(self._service),
            key=record.key_text,
            caused_by=_correlation(record, event_id),
            event=EventDeadLettered(
                service=self._service,
                original=record.coordinates,
                original_event_id=event_id,
                original_event_type=_safe_type(record),
                original_dataversion=parse_count(header_value(record.headers, "ce_dataversion")),
                reason_code=code,
                error_class=error_class,
                detail=detail,
            ),
        )
        field_reasons = [reason(code, field) for field in fields] or [reason(code)]
        await self.tell_sender(session, record, field_reasons, event_id=event_id)

    async def tell_sender(
        self,
        session: AsyncSession,
        record: InboundRecord,
        reasons_: Sequence[Reason],
        *,
        event_id: UUID | None,
        agency_reference: str | None = None,
    ) -> None:
        """Put a rejection on the sender's outbound topic (records from agencies only)."""
        topic = self._registry.topic(record.topic)
        if topic.kind is not TopicKind.INBOUND:
            return
        await self._outbox.add(
            session,
            topic=self._registry.outbound_topic(topic.owner),
            key=record.key_text,
            subject=agency_reference or record.key_text,
            caused_by=_correlation(record, event_id),
            event=InboundRejected(
                rejected_event_id=event_id,
                rejected_event_type=_safe_type(record),
                agency_reference=agency_reference,
                received_at=record.coordinates,
                reasons=list(reasons_),
            ),
        )


def _safe_type(record: InboundRecord) -> str | None:
    """The ce_type header when it names a type the platform knows; an unknown one is sender text."""
    value = header_value(record.headers, "ce_type")
    return value if value in _KNOWN_TYPES else None


def _correlation(record: InboundRecord, event_id: UUID | None) -> tuple[UUID | None, UUID | None]:
    """(correlation, causation): the sender's correlation id if valid, else the record's id; the record's id."""
    text = header_value(record.headers, "ce_correlationid")
    try:
        return (UUID(text) if text else event_id), event_id
    except ValueError:
        return event_id, event_id
