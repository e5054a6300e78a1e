"""What other services reported about a case: attendance records and engagement concerns, kept as facts.

A fact is keyed by the id of the event that reported it (and its kind: one correction can report
an absence and a concern). An unacceptable absence and a concern are non-compliance instances.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.vocabulary import AbsenceCategory, AttendanceOutcome, FactKind, InstanceCategory


@dataclass(frozen=True)
class Report:
    """The event that reported something: its id (the identity of what it reported) and its type."""

    event_id: UUID
    event_type: str


@dataclass(frozen=True)
class Fact:
    """One reported fact; ``counts_as`` is set when it is a non-compliance instance."""

    event_id: UUID
    kind: FactKind
    case_id: UUID
    attendance_id: UUID | None
    event_type: str
    occurred_at: datetime
    outcome: AttendanceOutcome | None = None
    absence_category: AbsenceCategory | None = None
    counts_as: InstanceCategory | None = None

    @property
    def key(self) -> tuple[UUID, FactKind]:
        return self.event_id, self.kind

    def instance(self) -> Instance:
        assert self.counts_as is not None
        return Instance(self.occurred_at.astimezone(UTC), self.event_id, self.event_type, self.counts_as)


def attendance(
    report: Report,
    case_id: UUID,
    attendance_id: UUID,
    occurred_at: datetime,
    outcome: AttendanceOutcome,
    absence: AbsenceCategory | None = None,
) -> Fact:
    """An attendance record; an unacceptable absence is a non-compliance instance."""
    unacceptable = outcome is AttendanceOutcome.ABSENT and absence is AbsenceCategory.UNACCEPTABLE
    return Fact(
        event_id=report.event_id,
        kind=FactKind.ATTENDANCE,
        case_id=case_id,
        attendance_id=attendance_id,
        event_type=report.event_type,
        occurred_at=occurred_at,
        outcome=outcome,
        absence_category=absence,
        counts_as=InstanceCategory.UNACCEPTABLE_ABSENCE if unacceptable else None,
    )


def concern(report: Report, case_id: UUID, attendance_id: UUID, occurred_at: datetime) -> Fact:
    """A provider's concern about engagement at a session: always a non-compliance instance."""
    return Fact(
        event_id=report.event_id,
        kind=FactKind.CONCERN,
        case_id=case_id,
        attendance_id=attendance_id,
        event_type=report.event_type,
        occurred_at=occurred_at,
        counts_as=InstanceCategory.ENGAGEMENT_CONCERN,
    )
