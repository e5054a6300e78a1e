"""What a service's event handler receives, and how it refuses an event."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.outbox import Outbox
from ddp_messaging.records import InboundRecord
from ddp_messaging.rejections import Rejections
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Reason


@dataclass(frozen=True)
class Delivery:
    """One event to handle: its envelope, its data (upcast to the latest version), where it came from.

    ``origin`` is the principal that owns the topic the record was read from, never a
    field the sender filled in.
    """

    envelope: CloudEvent
    event: Event
    origin: str
    record: InboundRecord
    session: AsyncSession
    outbox: Outbox
    rejections: Rejections

    async def emit(self, topic: str, key: str | None, event: Event, subject: str | None = None) -> CloudEvent:
        """Stage an event caused by this delivery, in this delivery's transaction."""
        return await self.outbox.add(
            self.session, topic=topic, key=key, event=event, subject=subject, cause=self.envelope
        )

    async def tell_sender(self, reasons: Sequence[Reason], *, agency_reference: str | None = None) -> None:
        """Tell the sending agency it was refused, while keeping this delivery's effects."""
        await self.rejections.tell_sender(
            self.session, self.record, reasons, event_id=self.envelope.id, agency_reference=agency_reference
        )


class Refused(Exception):
    """Raised by a handler that will not act on an event the sender may correct and resend.

    Whatever the handler wrote is rolled back; the sender's outbound topic gets a rejection
    with these reasons. Not a dead letter: nothing is wrong with the record itself.
    """

    def __init__(self, reasons: Sequence[Reason]) -> None:
        super().__init__(", ".join(r.code for r in reasons))
        self.reasons = list(reasons)


Handler = Callable[[Delivery], Awaitable[None]]
