"""Platform-internal events: dead letters, on ``ddp.<service>.dlq``."""

from typing import ClassVar
from uuid import UUID

from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import RecordCoordinates


class EventDeadLettered(Event):
    """A record a service could not process, set aside with why and where it came from.

    The original body is not copied here: it may hold personal data. Re-driving reads it
    back from ``original`` (inbound topics keep records longer than dead-letter topics).
    """

    event_type: ClassVar[str] = "ddp.event.dead_lettered"
    version: ClassVar[int] = 1

    service: str
    original: RecordCoordinates
    original_event_id: UUID | None = None
    original_event_type: str | None = None
    original_dataversion: int | None = None
    reason_code: str
    error_class: str
    detail: str
