"""What a service tells Prometheus: records by outcome, batches, the outbox, the relay, lag, readiness.

Every label value comes from a closed set the platform defines: registry topic names, catalogue
event types, outcomes and reason codes, readiness check names, partition numbers. Nothing a
sender chose (an unknown type, a key, a reference) and nothing about a case ever becomes a label.
"""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# A type outside the catalogue is the sender's text: it is counted under this instead.
UNKNOWN_TYPE = "unknown"
# An outcome with no reason (applied, duplicate) has this as its reason label.
NO_REASON = ""

_BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_DURATIONS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class RecordOutcome:
    """One record's fate in a batch, counted (and logged) only once the batch's transaction has committed.

    The first four are metric labels; the ids and coordinates go to the decision's log line only.
    """

    topic: str
    event_type: str
    outcome: str  # applied, refused, dead_lettered, duplicate
    reason: str = NO_REASON
    event_id: str | None = None
    correlation_id: str | None = None
    case_id: str | None = None  # only when the record's subject is a platform case id (a UUID)
    partition: int | None = None
    offset: int | None = None


@dataclass(frozen=True)
class WorkloadGauge:
    """A figure about the service's own work (escalations awaiting a decision, reviews overdue),
    read from its database when Prometheus scrapes. ``read`` counts; it never returns case data."""

    name: str
    documentation: str
    read: Callable[..., Awaitable[float]]  # (session) -> value


class ServiceMetrics:
    """The platform's metrics for one service process, in a registry of their own."""

    def __init__(self, registry: CollectorRegistry | None = None, workload: Iterable[WorkloadGauge] = ()) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.records = Counter(
            "ddp_records",
            "Records consumed, by registry topic, event type, outcome and reason code",
            ["topic", "event_type", "outcome", "reason"],
            registry=r,
        )
        self.batch_records = Histogram(
            "ddp_batch_records", "Records in each batch applied in one transaction", buckets=_BATCH_SIZES, registry=r
        )
        self.batch_seconds = Histogram(
            "ddp_batch_transaction_seconds",
            "Time from a batch's transaction opening to its commit",
            buckets=_DURATIONS,
            registry=r,
        )
        self.batch_retries = Counter(
            "ddp_batch_retries",
            "Batch transactions rolled back and tried again, by kind of fault",
            ["fault"],
            registry=r,
        )
        self.published = Counter("ddp_relay_published", "Outbox events published to Kafka", registry=r)
        self.publish_seconds = Histogram(
            "ddp_relay_publish_seconds",
            "Time to publish one batch of outbox events and mark them published",
            buckets=_DURATIONS,
            registry=r,
        )
        self.outbox_unpublished = Gauge(
            "ddp_outbox_unpublished", "Outbox events committed but not yet published", registry=r
        )
        self.outbox_oldest_age = Gauge(
            "ddp_outbox_oldest_unpublished_age_seconds",
            "Age of the oldest unpublished outbox event (0 when none is waiting)",
            registry=r,
        )
        self.retrying = Gauge(
            "ddp_retrying",
            "1 while a component waits out a fault and retries (consumer: its batch; relay: publishing)",
            ["component"],
            registry=r,
        )
        self.consumer_lag = Gauge(
            "ddp_consumer_lag_records",
            "Records on an assigned partition after this instance's fetch position",
            ["topic", "partition"],
            registry=r,
        )
        self.ready = Gauge("ddp_ready", "1 when a readiness check passes, by check", ["check"], registry=r)
        self.workload = [(gauge, Gauge(gauge.name, gauge.documentation, registry=r)) for gauge in workload]

    def count_records(self, outcomes: Iterable[RecordOutcome]) -> None:
        for o in outcomes:
            self.records.labels(o.topic, o.event_type, o.outcome, o.reason).inc()

    def count_batch(self, records: int, seconds: float) -> None:
        self.batch_records.observe(records)
        self.batch_seconds.observe(seconds)

    def count_retry(self, transient: bool) -> None:
        self.batch_retries.labels("transient" if transient else "other").inc()

    def count_published(self, events: int, seconds: float) -> None:
        self.published.inc(events)
        self.publish_seconds.observe(seconds)
