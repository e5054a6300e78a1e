"""What other services reported about one case: facts, corrections, suspensions and plan changes."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ddp_compliance.domain.facts import Fact, Report
from ddp_compliance.domain.instances import Instance, SuspensionPeriod, counting
from ddp_compliance.domain.vocabulary import FactKind


@dataclass(frozen=True)
class PlanChange:
    event_type: str
    at: datetime


@dataclass
class CaseReports:
    """Part of the case's compliance history. Each report is kept once, by the id of the event that made it."""

    facts: dict[tuple[UUID, FactKind], Fact] = field(default_factory=dict)
    corrections: dict[UUID, UUID] = field(default_factory=dict)  # corrected attendance -> correcting event
    suspensions: dict[UUID, SuspensionPeriod] = field(default_factory=dict)  # by the suspending event's id
    plan_changes: dict[UUID, PlanChange] = field(default_factory=dict)  # by the plan event's id

    def keep(self, fact: Fact) -> bool:
        """False when the same event reported it before."""
        if fact.key in self.facts:
            return False
        self.facts[fact.key] = fact
        return True

    def correct(self, corrected_attendance_id: UUID, correction_id: UUID) -> list[Fact]:
        """The instances the correction replaces (none if the attendance was corrected before).

        The correction is kept even when the record it replaces has not arrived yet: that record
        will then never count.
        """
        if corrected_attendance_id in self.corrections:
            return []
        self.corrections[corrected_attendance_id] = correction_id
        return [
            f for f in self.facts.values() if f.attendance_id == corrected_attendance_id and f.counts_as is not None
        ]

    def suspend(self, suspension_id: UUID, at: datetime) -> None:
        self.suspensions.setdefault(suspension_id, SuspensionPeriod(at, None))

    def resume(self, at: datetime) -> None:
        """Ends the latest suspension that began by ``at`` and is still open."""
        started = [(p.starts_at, i) for i, p in self.suspensions.items() if p.ends_at is None and p.starts_at <= at]
        if started:
            starts_at, latest = max(started)
            self.suspensions[latest] = SuspensionPeriod(starts_at, at)

    def plan_changed(self, report: Report, at: datetime) -> None:
        self.plan_changes.setdefault(report.event_id, PlanChange(report.event_type, at))

    def standing(self) -> list[Fact]:
        """The facts not replaced by a correction."""
        return [f for f in self.facts.values() if f.attendance_id not in self.corrections]

    def counts(self, fact: Fact) -> bool:
        """An instance counts unless its record was corrected or the case was suspended when it happened."""
        if fact.counts_as is None or fact.attendance_id in self.corrections:
            return False
        return bool(counting([fact.instance()], list(self.suspensions.values())))

    def counting_instances(self) -> list[Instance]:
        """The standing instances outside every suspension, in occurrence order."""
        instances = [f.instance() for f in self.standing() if f.counts_as is not None]
        return counting(instances, list(self.suspensions.values()))
