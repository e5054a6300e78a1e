"""Non-compliance instances: reported events that may count towards an escalation."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from ddp_compliance.domain.vocabulary import InstanceCategory


@dataclass(frozen=True, order=True)
class Instance:
    """One instance, keyed by the id of the event that reported it; ordered by when it happened."""

    occurred_at: datetime
    event_id: UUID
    event_type: str
    category: InstanceCategory


@dataclass(frozen=True)
class SuspensionPeriod:
    """The case was suspended from ``starts_at`` until ``ends_at`` (open while still suspended), by the
    event ``suspended_by`` reported."""

    starts_at: datetime
    ends_at: datetime | None
    suspended_by: UUID | None = None

    def covers(self, moment: datetime) -> bool:
        return self.starts_at <= moment and (self.ends_at is None or moment < self.ends_at)


def suspension_periods(starts: dict[UUID, datetime], ends: Iterable[datetime]) -> list[SuspensionPeriod]:
    """Each suspension lasts until the first resumption at or after its start, whatever order the two
    were reported in: the periods depend on the dates alone."""
    resumptions = sorted(ends)
    periods = []
    for suspended_by, starts_at in sorted(starts.items(), key=lambda item: (item[1], item[0])):
        ends_at = next((end for end in resumptions if end >= starts_at), None)
        periods.append(SuspensionPeriod(starts_at, ends_at, suspended_by))
    return periods


def categorised(instance: Instance, mandate_starts_on: date, induction_days: int) -> Instance:
    """An unacceptable absence during the induction period is a missed initial session.

    Decided from the instance's own time and the mandate start only, so the category never
    depends on which other reports happened to arrive first.
    """
    induction_ends = datetime.combine(mandate_starts_on, datetime.min.time(), instance.occurred_at.tzinfo)
    induction_ends += timedelta(days=induction_days)
    if instance.category is InstanceCategory.UNACCEPTABLE_ABSENCE and instance.occurred_at < induction_ends:
        return Instance(
            instance.occurred_at, instance.event_id, instance.event_type, InstanceCategory.MISSED_INITIAL_SESSION
        )
    return instance
