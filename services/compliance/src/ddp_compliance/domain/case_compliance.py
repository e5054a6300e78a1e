"""The case's compliance history: the aggregate a use case loads once, changes, and hands back to be saved."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ddp_compliance.domain import events as happened
from ddp_compliance.domain.case_escalations import CaseEscalations
from ddp_compliance.domain.case_reports import CaseReports
from ddp_compliance.domain.case_reviews import CaseReviews
from ddp_compliance.domain.escalation import Decision
from ddp_compliance.domain.evaluation import qualifying_situations
from ddp_compliance.domain.facts import Fact, Report
from ddp_compliance.domain.instances import categorised
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord, MandateTerms
from ddp_compliance.domain.review import RecordedOutcome
from ddp_compliance.domain.review_pack import review_pack
from ddp_compliance.domain.vocabulary import InstanceCategory


@dataclass
class CaseCompliance:
    """Everything compliance knows of one case, and the events its changes cause (``events``).

    Reports can arrive before the case opens here (they come on another topic): they are kept,
    and evaluated when it opens. Each situation escalates once: its id is derived from it.
    """

    case_id: UUID
    record: ComplianceRecord | None = None
    reports: CaseReports = field(default_factory=CaseReports)
    escalations: CaseEscalations = field(default_factory=CaseEscalations)
    reviews: CaseReviews = field(default_factory=CaseReviews)
    events: list[happened.DomainEvent] = field(default_factory=list)

    def open(self, mandate: MandateTerms, mappa_level: int | None, policy: Policy, now: datetime) -> None:
        """Follow the case under the current policy (once), schedule its first review, evaluate what waited."""
        if self.record is not None:
            return
        terms = (mandate.type, mandate.responsible_authority, mandate.participation_required)
        self.record = ComplianceRecord.open(self.case_id, *terms, policy, mandate.starts_on, mappa_level)
        self.events.extend(self.record.events)
        self.record.events.clear()
        self.reviews.schedule(self.record, 1, now, policy)
        self._escalate(policy, now)

    def suspend(self, suspension_id: UUID, at: datetime) -> None:
        """Sessions from ``at`` until the case resumes do not count."""
        self.reports.suspend(suspension_id, at)

    def resume(self, at: datetime) -> None:
        self.reports.resume(at)

    def close(self, at: datetime) -> None:
        """Nothing counts on a closed case and it has no more reviews; referrals raised still take decisions."""
        if self.record is not None:
            self.record.close(at)

    def change_mandate(self, mandate: MandateTerms, policy: Policy) -> None:
        if self.record is not None:
            self.record.change_mandate(mandate, policy)

    def record_plan_change(self, report: Report, at: datetime) -> None:
        """Counted for the review pack."""
        self.reports.plan_changed(report, at)

    def report(self, facts: Iterable[Fact], policy: Policy, now: datetime) -> None:
        """Keep each fact once; a counting instance is recorded, and may complete a ladder step."""
        for fact in facts:
            category = self._counted_as(fact, policy) if self.reports.keep(fact) else None
            if category is not None:
                recorded = happened.NonComplianceRecorded(
                    self.case_id, fact.event_id, fact.event_type, category, fact.occurred_at
                )
                self.events.append(recorded)
        self._escalate(policy, now)

    def correct(
        self, correction_id: UUID, corrected_attendance_id: UUID, facts: Iterable[Fact], policy: Policy, now: datetime
    ) -> None:
        """The replaced record's instances are withdrawn: quietly before any escalation used them, openly
        (every recipient told, the escalation stands) after. Then the correction's own facts are reported."""
        for replaced in self.reports.correct(corrected_attendance_id, correction_id):
            self.events.extend(self.escalations.withdraw(self.case_id, replaced.event_id, correction_id))
        self.report(facts, policy, now)

    def decide(self, escalation_id: UUID, decision: Decision) -> None:
        """The responsible authority's decision on one of the case's breach referrals."""
        self.events.extend(self.escalations.decide(escalation_id, decision))

    def flag_overdue_referrals(self, now: datetime, reflag_hours: int) -> int:
        """Breach referrals past their decision limit, flagged again every re-flag interval; how many."""
        flagged = self.escalations.flag_overdue(now, reflag_hours)
        self.events.extend(flagged)
        return len(flagged)

    def conclude_review(self, review_id: UUID, chair: str, outcome: RecordedOutcome, policy: Policy) -> None:
        """The chair's outcome; the next review is scheduled from when it was recorded, unless the case closed."""
        review, recorded = self.reviews.conclude(review_id, chair, outcome)
        self.events.extend(recorded)
        if self.record is not None and not self.record.closed:
            self.reviews.schedule(self.record, review.sequence + 1, outcome.recorded_at, policy)

    def check_reviews(self, now: datetime, policy: Policy) -> int:
        """The review dates of an open case, checked at ``now``; how many events that caused."""
        if self.record is None or self.record.closed:
            return 0
        grace = policy.mandates[self.record.mandate_type].review.overdue_after_days
        standing, escalations = self.reports.standing(), self.escalations.summaries()
        plan_changes = [change.at for change in self.reports.plan_changes.values()]
        events = self.reviews.check(
            now.date(), grace, now, lambda r: review_pack(r.period_start, now, standing, escalations, plan_changes)
        )
        self.events.extend(events)
        return len(events)

    def raised_elsewhere(self, escalation_id: UUID) -> None:
        """Another transaction raised this situation first (the database keeps it unique): not raised here."""
        self.escalations.forget(escalation_id)
        self.events = [e for e in self.events if not _raises(e, escalation_id)]

    def _counted_as(self, fact: Fact, policy: Policy) -> InstanceCategory | None:
        # Before the case opens here its induction period is unknown: the reported category stands.
        if not self.reports.counts(fact):
            return None
        record = self.record
        if record is not None and record.closed:
            return None  # kept for the record, but nothing counts on a closed case
        if record is None or record.mandate_starts_on is None:
            return fact.counts_as
        induction = policy.mandates[record.mandate_type].induction_days
        return categorised(fact.instance(), record.mandate_starts_on, induction).category

    def _escalate(self, policy: Policy, now: datetime) -> None:
        """Raise each situation the counting instances now qualify for and that was not raised yet."""
        record = self.record
        if record is None or record.closed or record.mandate_starts_on is None:
            return
        situations = qualifying_situations(
            policy,
            self.case_id,
            record.mandate_type,
            record.mandate_starts_on,
            record.escalation_possible,
            self.reports.counting_instances(),
        )
        self.events.extend(self.escalations.raise_new(situations, record, policy, now))


def _raises(event: happened.DomainEvent, escalation_id: UUID) -> bool:
    return isinstance(event, happened.EscalationRaised) and event.escalation_id == escalation_id
