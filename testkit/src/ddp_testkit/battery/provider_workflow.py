"""The battery's second phase: unacceptable absences for every open case, as interventions reports them.

The battery writes them on ``ddp.interventions.events`` itself (in its own namespace), so the
compliance service escalates under faults without a provider workflow in front. Each absence
is written twice: a duplicate must never escalate twice.
"""

from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID, uuid4

from ddp_cli.battery.workload import INPUT_HEADER
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.session_vocabulary import AbsenceCategory
from ddp_schemas.events.sessions import SessionMissed
from ddp_schemas.kafka_binding import encode

Record = tuple[str, bytes, list[tuple[str, bytes]]]  # key, value, headers


def absences(cases: dict[UUID, date]) -> list[Record]:
    """Two unacceptable absences in each case's first week (the policy's induction period)."""
    records: list[Record] = []
    for case_id, starts_on in sorted(cases.items()):
        for day in (2, 5):
            occurred = datetime.combine(starts_on + timedelta(days=day), time(10), tzinfo=UTC)
            missed = SessionMissed(
                case_id=case_id,
                intervention_id=uuid4(),
                session_id=uuid4(),
                attendance_id=uuid4(),
                occurred_at=occurred,
                absence_category=AbsenceCategory.UNACCEPTABLE,
            )
            envelope = CloudEvent(
                source="/ddp/interventions",
                type=missed.event_type,
                dataversion=missed.version,
                subject=str(case_id),
                data=missed.model_dump(mode="json"),
            )
            value, headers = encode(envelope)
            record = (str(case_id), value, [*headers, (INPUT_HEADER, b"absence")])
            records += [record, record]
    return records
