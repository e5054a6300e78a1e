"""What other services reported about one case: facts, corrections, custody periods and plan changes.

Everything here is kept as a set of facts with their own dates, never as a state changed in
arrival order: whether an instance counts is decided from those dates alone, so a fact that
arrives late (a recall reported days after it took effect) changes what counts as if it had
arrived on time.
"""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ddp_compliance.domain.facts import Fact, Report
from ddp_compliance.domain.instances import SuspensionPeriod, suspension_periods
from ddp_compliance.domain.vocabulary import FactKind, WithdrawalReason


@dataclass(frozen=True)
class PlanChange:
    event_type: str
    at: datetime


@dataclass(frozen=True)
class NotCounting:
    """Why an instance does not count, and the event that made it so (when there is one)."""

    reason: WithdrawalReason
    caused_by: UUID | None


@dataclass
class CaseReports:
    """Part of the case's compliance history. Each report is kept once, by the id of the event that made it."""

    facts: dict[tuple[UUID, FactKind], Fact] = field(default_factory=dict)
    corrections: dict[UUID, UUID] = field(default_factory=dict)  # corrected attendance -> correcting event
    suspensions: dict[UUID, datetime] = field(default_factory=dict)  # suspending event -> suspended from
    resumptions: dict[UUID, datetime] = field(default_factory=dict)  # resuming event -> suspended until
    plan_changes: dict[UUID, PlanChange] = field(default_factory=dict)  # by the plan event's id
    # The instances published as counting (non_compliance_recorded) and not withdrawn since.
    counted: set[tuple[UUID, FactKind]] = field(default_factory=set)

    def keep(self, fact: Fact) -> bool:
        """False when the same event reported it before."""
        if fact.key in self.facts:
            return False
        self.facts[fact.key] = fact
        return True

    def correct(self, corrected_attendance_id: UUID, correction_id: UUID) -> None:
        """The correction is kept even when the record it replaces has not arrived yet: that record
        will then never count. An attendance corrected twice stays replaced by the first correction."""
        self.corrections.setdefault(corrected_attendance_id, correction_id)

    def suspend(self, suspension_id: UUID, since: datetime) -> None:
        self.suspensions.setdefault(suspension_id, since)

    def resume(self, resumption_id: UUID, until: datetime) -> None:
        self.resumptions.setdefault(resumption_id, until)

    def periods(self) -> list[SuspensionPeriod]:
        return suspension_periods(self.suspensions, self.resumptions.values())

    def plan_changed(self, report: Report, at: datetime) -> None:
        self.plan_changes.setdefault(report.event_id, PlanChange(report.event_type, at))

    def standing(self) -> list[Fact]:
        """The facts not replaced by a correction."""
        return [f for f in self.facts.values() if f.attendance_id not in self.corrections]

    def not_counting(
        self, fact: Fact, periods: list[SuspensionPeriod], ends_at: datetime | None, ended_by: UUID | None
    ) -> NotCounting | None:
        """Why a non-compliance instance does not count: corrected, in custody (``periods``, as
        :meth:`periods` pairs them), or after the case ended."""
        if fact.attendance_id is not None and (correction := self.corrections.get(fact.attendance_id)):
            return NotCounting(WithdrawalReason.CORRECTED, correction)
        for period in periods:
            if period.covers(fact.occurred_at):
                return NotCounting(WithdrawalReason.IN_CUSTODY, period.suspended_by)
        if ends_at is not None and fact.occurred_at >= ends_at:
            return NotCounting(WithdrawalReason.CASE_ENDED, ended_by)
        return None
