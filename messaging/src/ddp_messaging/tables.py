"""The outbox and inbox tables, added to each service's own metadata and migrations."""

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID


def outbox_table(metadata: MetaData) -> Table:
    """Events waiting to be published, written in the transaction of the change that caused them."""
    return Table(
        "outbox",
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("topic", String(249), nullable=False),
        Column("key", Text, nullable=True),
        Column("value", LargeBinary, nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True), nullable=True),
        Index("outbox_unpublished", "id", postgresql_where=text("published_at IS NULL")),
    )


def inbox_table(metadata: MetaData) -> Table:
    """Every record this service has acted on, keyed by event id (or coordinates when it has none).

    Written in the same transaction as the record's effect, so a redelivery is recognised.
    """
    return Table(
        "inbox",
        metadata,
        Column("record_key", String(300), primary_key=True),
        Column("digest", String(64), nullable=False),
        Column("topic", String(249), nullable=False),
        Column("partition", Integer, nullable=False),
        Column("offset", BigInteger, nullable=False),
        Column("event_type", String(200), nullable=True),
        Column("outcome", String(20), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


class MessagingTables:
    """The two tables bound to one service's metadata."""

    def __init__(self, metadata: MetaData) -> None:
        self.outbox = outbox_table(metadata)
        self.inbox = inbox_table(metadata)
