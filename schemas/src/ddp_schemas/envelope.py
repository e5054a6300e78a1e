"""The CloudEvents 1.0 envelope every DDP event travels in."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field

SPEC_VERSION = "1.0"
CLASSIFICATION = "OFFICIAL-SENSITIVE"
CONTENT_TYPE = "application/json"


def utc_now() -> datetime:
    return datetime.now(UTC)


TRACEPARENT_PATTERN = r"^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"


class CloudEvent(BaseModel):
    """CloudEvents 1.0 context attributes plus the DDP extensions, and the event data.

    ``id`` is the idempotency key: a consumer that has processed an id never applies it twice.
    ``dataversion`` is the integer version of ``type``'s data schema.
    ``subject`` is the case id (or, before a case exists, the sender's own reference).
    """

    model_config = ConfigDict(frozen=True)

    id: UUID = Field(default_factory=uuid4)
    source: str
    type: str
    dataversion: int = Field(ge=1)
    time: datetime = Field(default_factory=utc_now)
    subject: str | None = None
    specversion: str = SPEC_VERSION
    datacontenttype: str = CONTENT_TYPE
    dataschema: str | None = None
    correlationid: UUID | None = None
    causationid: UUID | None = None
    classification: str = CLASSIFICATION
    # The W3C trace context, as the CloudEvents distributed-tracing extension carries it: one
    # agency's record and everything the platform does because of it are one trace.
    traceparent: str | None = Field(default=None, pattern=TRACEPARENT_PATTERN)
    data: dict[str, Any]

    def caused(
        self,
        *,
        source: str,
        type: str,
        dataversion: int,
        data: dict[str, Any],
        subject: str | None,
        traceparent: str | None = None,
    ) -> "CloudEvent":
        """A new event caused by this one: same correlation, causation pointing here, and the trace
        context of the work that caused it (this event's own, unless a span of that work is given)."""
        return CloudEvent(
            source=source,
            type=type,
            dataversion=dataversion,
            subject=subject,
            data=data,
            correlationid=self.correlationid or self.id,
            causationid=self.id,
            traceparent=traceparent or self.traceparent,
        )
