"""Handles a batch of records in one database transaction, with the delivery guarantees."""

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any
from uuid import UUID

from opentelemetry.trace import SpanKind, Status, StatusCode
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import Delivery, Handler, ReadAhead, Refused
from ddp_messaging.inbox import Inbox, Outcome, Seen
from ddp_messaging.metrics import NO_REASON, UNKNOWN_TYPE, RecordOutcome, ServiceMetrics
from ddp_messaging.outbox import Outbox
from ddp_messaging.records import InboundRecord
from ddp_messaging.redrive import unwrap
from ddp_messaging.rejections import Rejections
from ddp_messaging.retries import Backoff, is_transient
from ddp_messaging.screening import Accept, Reject, Ruling, Skip, screen_record
from ddp_messaging.staging import staged_rows
from ddp_messaging.tracing import parent_context, tracer
from ddp_schemas import reasons
from ddp_schemas.catalogue import EventCatalogue
from ddp_schemas.kafka_binding import event_id_of, header_value
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicRegistry

log = logging.getLogger(__name__)

# Failures that are not transient before a batch is split, and before one record is set aside.
# More than one: a concurrent consumer of the same records fails a batch once, on the inbox key.
_BATCH_TRIES = 3


class BatchProcessor:
    """Applies a batch: every record's effect, inbox row and outgoing events commit together.

    Each handler runs in a savepoint, so one failing record is dead-lettered without undoing
    the others. A transient fault (database down, serialization failure) rolls back the
    whole batch and retries it with backoff; nothing is committed to Kafka until it succeeds.
    """

    def __init__(
        self,
        *,
        service: str,
        registry: TopicRegistry,
        catalogue: EventCatalogue,
        handlers: Mapping[str, Handler],
        sessions: async_sessionmaker[AsyncSession],
        outbox: Outbox,
        inbox: Inbox,
        max_record_bytes: int,
        backoff: Backoff,
        namespace: TopicNamespace,
        on_commit: Callable[[], None] = lambda: None,
        read_ahead: ReadAhead | None = None,
        metrics: ServiceMetrics | None = None,
    ) -> None:
        self._service = service
        self._registry = registry
        self._catalogue = catalogue
        self._handlers = handlers
        self._sessions = sessions
        self._outbox = outbox
        self._inbox = inbox
        self._rejections = Rejections(service, registry, outbox)
        self._max_record_bytes = max_record_bytes
        self._backoff = backoff
        self._on_commit = on_commit
        self._namespace = namespace
        self._read_ahead = read_ahead
        self._metrics = metrics or ServiceMetrics()
        self._known_types = frozenset(catalogue.types())
        self.making_progress = True

    async def process(self, raw_records: Sequence[Any]) -> None:
        records = self._unwrapped([InboundRecord.from_consumer_record(r, self._namespace) for r in raw_records])
        # Each record is screened (and decoded) once, whatever retries follow; a batch of records
        # that are all for other services needs no transaction at all.
        screened = [(record, self._screen(record)) for record in records]
        if all(isinstance(ruling, Skip) for _, ruling in screened):
            self.making_progress = True
            return
        self._backoff.reset()
        if not await self._applied(screened, give_up_after=_BATCH_TRIES):
            # Something in one record defeats even its dead letter. Never skip the batch and
            # never retry it forever: go record by record, in order, and set aside any record
            # that fails on its own.
            log.error("%s: batch of %d keeps failing; applying it record by record", self._service, len(records))
            for one in screened:
                if not await self._applied([one], give_up_after=_BATCH_TRIES):
                    await self._set_aside(one[0])
        self.making_progress = True
        self._on_commit()

    def _screen(self, record: InboundRecord) -> Ruling:
        try:
            return screen_record(
                record,
                service=self._service,
                registry=self._registry,
                catalogue=self._catalogue,
                max_record_bytes=self._max_record_bytes,
            )
        except Exception as error:
            # Screening judges any bytes; should it ever raise, the record is dead-lettered, never
            # the batch left unacknowledged. The class only: a message may quote the record.
            log.error("%s: screening %s raised %s", self._service, record.coordinates_key, type(error).__name__)
            return Reject(reasons.HANDLER_ERROR, type(error).__name__, "record could not be screened")

    async def _applied(self, screened: list[tuple[InboundRecord, Ruling]], *, give_up_after: int) -> bool:
        """Apply the ``screened`` records in one transaction, waiting out transient faults; False after
        ``give_up_after`` failures that are not transient."""
        failures = 0
        while True:
            # Counted once the transaction commits: a batch rolled back and tried again is one batch.
            outcomes: list[RecordOutcome] = []
            try:
                started = time.perf_counter()
                async with self._sessions.begin() as session:
                    known = await self._inbox.seen(session, [self._record_key(r) for r, _ in screened])
                    await self._read_ahead_for(session, screened, known)
                    for record, ruling in screened:
                        await self._process_one(session, record, ruling, known, outcomes)
                self._metrics.count_batch(len(outcomes), time.perf_counter() - started)
                self._metrics.count_records(outcomes)
                self._log_decisions(outcomes)
                return True
            except Exception as error:
                # Faults in a record's handling were dead-lettered inside the transaction; what
                # escapes is the database, the broker, or a concurrent consumer of the same
                # records (a unique inbox key, which a retry resolves: the inbox tells what is
                # already done).
                self.making_progress = False
                self._metrics.count_retry(is_transient(error))
                if is_transient(error):
                    log.warning("%s: batch of %d waits for %s", self._service, len(screened), type(error).__name__)
                else:
                    failures += 1
                    log.error("%s: batch of %d failed with %s", self._service, len(screened), type(error).__name__)
                    if failures >= give_up_after:
                        return False
                await self._backoff.wait()

    async def _read_ahead_for(
        self, session: AsyncSession, screened: list[tuple[InboundRecord, Ruling]], known: dict[str, Seen]
    ) -> None:
        if self._read_ahead is None:
            return
        fresh = [r.event for record, r in screened if isinstance(r, Accept) and self._record_key(record) not in known]
        if not fresh:
            return
        try:
            # In a savepoint of its own: a failure leaves the batch's transaction usable.
            async with session.begin_nested():
                await self._read_ahead(session, fresh)
        except Exception as error:
            if is_transient(error):
                raise
            # Reading ahead is an optimisation: the handlers read what they need themselves.
            log.warning("%s: reading ahead failed with %s", self._service, type(error).__name__)

    async def _set_aside(self, record: InboundRecord) -> None:
        """Dead-letter ``record`` with nothing of its own but its coordinates and ids.

        The dead letter carries no key and no sender text, so only the database itself can
        fail it, and that is waited out.
        """
        bare = replace(record, key=None)
        key = self._record_key(record)
        rejection = Reject(reasons.HANDLER_ERROR, "Unprocessable", "record could not be applied or dead-lettered")
        while True:
            outcomes: list[RecordOutcome] = []
            try:
                async with self._sessions.begin() as session:
                    if key not in await self._inbox.seen(session, [key]):
                        await self._dead_letter(session, bare, key, rejection, outcomes)
                self._metrics.count_records(outcomes)
                self._log_decisions(outcomes)
                return
            except Exception as error:
                self.making_progress = False
                log.error(
                    "%s: setting aside %s failed with %s", self._service, record.coordinates_key, type(error).__name__
                )
                await self._backoff.wait()

    def _unwrapped(self, records: list[InboundRecord]) -> list[InboundRecord]:
        found = []
        for record in records:
            original = unwrap(record, self._service, self._registry)
            if original is None:
                log.warning("%s: re-drive copy at %s names no original; skipped", self._service, record.coordinates_key)
            else:
                found.append(original)
        return found

    def _outcome(self, record: InboundRecord, event_type: str, outcome: str, reason: str = NO_REASON) -> RecordOutcome:
        event_id = event_id_of(record.headers)
        return RecordOutcome(
            record.topic,
            event_type,
            outcome,
            reason,
            event_id=str(event_id) if event_id else None,
            correlation_id=_uuid_header(record, "ce_correlationid"),
            case_id=_uuid_header(record, "ce_subject"),
            partition=record.partition,
            offset=record.offset,
        )

    def _log_decisions(self, outcomes: list[RecordOutcome]) -> None:
        """One line per record once its batch committed: what the service decided, and the ids to follow it."""
        for o in outcomes:
            log.info(
                "%s: %s %s%s",
                self._service,
                o.outcome,
                o.event_type,
                f" ({o.reason})" if o.reason else "",
                extra={
                    "service": self._service,
                    "event_id": o.event_id,
                    "correlation_id": o.correlation_id,
                    "case_id": o.case_id,
                    "event_type": o.event_type,
                    "outcome": o.outcome,
                    "reason": o.reason or None,
                    "topic": o.topic,
                    "partition": o.partition,
                    "offset": o.offset,
                },
            )

    def _event_type(self, record: InboundRecord) -> str:
        """The record's type as a metric label: a catalogue type, or UNKNOWN_TYPE for anything else."""
        event_type = header_value(record.headers, "ce_type")
        return event_type if event_type in self._known_types else UNKNOWN_TYPE

    @staticmethod
    def _record_key(record: InboundRecord) -> str:
        event_id = event_id_of(record.headers)
        return str(event_id) if event_id else record.coordinates_key

    async def _process_one(
        self,
        session: AsyncSession,
        record: InboundRecord,
        ruling: Ruling,
        known: dict[str, Seen],
        outcomes: list[RecordOutcome],
    ) -> None:
        if isinstance(ruling, Skip):
            return
        key, digest = self._record_key(record), record.digest()
        if key in known and known[key].digest != digest:
            # The id was used before for another event: judged by where this record was read.
            key = record.coordinates_key
            known.update(await self._inbox.seen(session, [key]) if key not in known else {})
            ruling = Reject(reasons.ID_CONFLICT, "IdConflict", "ce_id was already used for a different event")
        if key in known:
            if not (record.redriven and known[key].outcome is Outcome.DEAD_LETTERED):
                log.info("%s: duplicate %s at %s skipped", self._service, key, record.coordinates_key)
                outcomes.append(self._outcome(record, self._event_type(record), "duplicate"))
                return
            await self._inbox.forget(session, key)
        known[key] = Seen(digest, Outcome.APPLIED)
        if isinstance(ruling, Reject):
            known[key] = Seen(digest, Outcome.DEAD_LETTERED)
            await self._dead_letter(session, record, key, ruling, outcomes)
            return
        await self._apply(session, record, key, ruling, outcomes)

    async def _apply(
        self, session: AsyncSession, record: InboundRecord, key: str, accepted: Accept, outcomes: list[RecordOutcome]
    ) -> None:
        """Apply one record in a span of its own, the child of the trace context its envelope carries."""
        envelope = accepted.envelope
        case_id = _uuid_header(record, "ce_subject")
        attributes: dict[str, str | int] = {
            "messaging.system": "kafka",
            "messaging.operation.type": "process",
            "messaging.destination.name": record.topic,
            "messaging.destination.partition.id": str(record.partition),
            "messaging.kafka.offset": record.offset,
            "messaging.message.id": str(envelope.id),
            "cloudevents.event_id": str(envelope.id),
            "cloudevents.event_type": envelope.type,
            "ddp.service": self._service,
            **({"ddp.case_id": case_id} if case_id else {}),
        }
        with tracer.start_as_current_span(
            f"{self._service} apply {envelope.type}",
            context=parent_context(envelope.traceparent),
            kind=SpanKind.CONSUMER,
            attributes=attributes,
            # An exception's message may quote the data it failed on: its class only, set below.
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            try:
                await self._apply_handler(session, record, key, accepted, outcomes)
            except Exception as error:  # transient: the batch is rolled back and tried again
                span.set_status(Status(StatusCode.ERROR, type(error).__name__))
                raise
            decided = outcomes[-1]
            span.set_attribute("ddp.outcome", decided.outcome)
            if decided.reason:
                span.set_attribute("ddp.reason", decided.reason)

    async def _apply_handler(
        self, session: AsyncSession, record: InboundRecord, key: str, accepted: Accept, outcomes: list[RecordOutcome]
    ) -> None:
        delivery = Delivery(
            envelope=accepted.envelope,
            event=accepted.event,
            origin=self._registry.origin(record.topic),
            record=record,
            session=session,
            emitter=Emitter(
                service=self._service,
                registry=self._registry,
                outbox=self._outbox,
                session=session,
                cause=accepted.envelope,
            ),
            rejections=self._rejections,
        )
        event_type = accepted.envelope.type
        # Rows the handler stages go with its savepoint: a refusal or a failure undoes both.
        staged = staged_rows(session)
        position = staged.position()
        try:
            async with session.begin_nested():
                await self._handlers[event_type](delivery)
        except Refused as refusal:
            staged.discard_from(position)
            await self._rejections.tell_sender(session, record, refusal.reasons, event_id=accepted.envelope.id)
            await self._inbox.record(session, record, record_key=key, event_type=event_type, outcome=Outcome.REFUSED)
            # The first reason names the refusal; the sender's rejection carries them all.
            reason = refusal.reasons[0].code if refusal.reasons else NO_REASON
            outcomes.append(self._outcome(record, event_type, "refused", reason))
            return
        except Exception as error:
            if is_transient(error):
                raise
            staged.discard_from(position)
            # The class and place only: an exception's message may quote personal data.
            log.error(
                "%s: handler for %s failed with %s at %s",
                self._service,
                event_type,
                type(error).__name__,
                record.coordinates_key,
            )
            rejection = Reject(reasons.HANDLER_ERROR, type(error).__name__, f"handler for {event_type} raised")
            await self._dead_letter(session, record, key, rejection, outcomes)
            return
        await self._inbox.record(session, record, record_key=key, event_type=event_type, outcome=Outcome.APPLIED)
        outcomes.append(self._outcome(record, event_type, "applied"))

    async def _dead_letter(
        self,
        session: AsyncSession,
        record: InboundRecord,
        key: str,
        rejection: Reject,
        outcomes: list[RecordOutcome],
    ) -> None:
        log.warning("%s: dead-lettered %s (%s)", self._service, record.coordinates_key, rejection.code)
        await self._rejections.dead_letter(
            session,
            record,
            code=rejection.code,
            error_class=rejection.error_class,
            detail=rejection.detail,
            event_id=event_id_of(record.headers),
            fields=rejection.fields,
        )
        await self._inbox.record(session, record, record_key=key, event_type=None, outcome=Outcome.DEAD_LETTERED)
        outcomes.append(self._outcome(record, self._event_type(record), "dead_lettered", rejection.code))


def _uuid_header(record: InboundRecord, name: str) -> str | None:
    """A header's value when it is a UUID (a platform id); anything else may be the sender's own text."""
    value = header_value(record.headers, name)
    try:
        return str(UUID(value)) if value else None
    except ValueError:
        return None
