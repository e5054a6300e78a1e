"""The case's compliance history: the aggregate a use case loads once, changes, and hands back to be saved."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ddp_compliance.domain import events as happened
from ddp_compliance.domain.case_escalations import CaseEscalations
from ddp_compliance.domain.case_reports import CaseReports, NotCounting
from ddp_compliance.domain.case_reviews import CaseReviews
from ddp_compliance.domain.escalation import Decision
from ddp_compliance.domain.evaluation import qualifying_situations
from ddp_compliance.domain.facts import Fact, Report
from ddp_compliance.domain.instances import Instance, categorised
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord, MandateTerms
from ddp_compliance.domain.review import RecordedOutcome
from ddp_compliance.domain.review_pack import review_pack
from ddp_compliance.domain.vocabulary import FactKind


@dataclass
class CaseCompliance:
    """Everything compliance knows of one case, and the events its changes cause (``events``).

    Reports can arrive before the case opens here (they come on another topic): they are kept,
    and evaluated when it opens. Each situation has at most one standing escalation: its id is derived
    from the situation (and from how many earlier escalations of it were withdrawn).
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
        self._evaluate(policy, now)

    def suspend(self, suspension_id: UUID, since: datetime, policy: Policy, now: datetime) -> None:
        """Sessions from ``since`` (the recall date, however late it is reported) until a resumption do
        not count; what was counted inside the period is withdrawn."""
        self.reports.suspend(suspension_id, since)
        self._evaluate(policy, now)

    def resume(self, resumption_id: UUID, until: datetime, policy: Policy, now: datetime) -> None:
        """The suspension that began before ``until`` ends then; what it held back counts again."""
        self.reports.resume(resumption_id, until)
        self._evaluate(policy, now)

    def close(self, closure_id: UUID, ends_at: datetime, policy: Policy, now: datetime) -> None:
        """Nothing counts from ``ends_at`` and the case has no more reviews or new escalations;
        referrals raised still take decisions."""
        if self.record is not None and not self.record.closed:
            self.record.close(closure_id, ends_at, now)
            self._evaluate(policy, now)

    def change_mandate(
        self,
        variation_id: UUID,
        since: datetime,
        recorded_at: datetime,
        mandate: MandateTerms,
        policy: Policy,
        now: datetime,
    ) -> None:
        """Terms from ``since``: what happened from then on is judged under them, what happened before
        keeps the terms it happened under."""
        if self.record is not None:
            self.record.change_mandate(variation_id, since, recorded_at, mandate, policy)
            self._evaluate(policy, now)

    def change_mappa_level(self, level: int, policy: Policy) -> None:
        """The level sets the review cadence: the review not yet due moves to a cadence after its period
        began (and is announced again); a closed case has no reviews to move."""
        record = self.record
        if record is None or record.closed or record.mappa_level == level:
            return
        record.mappa_level = level
        self.reviews.reschedule(record, policy)

    def record_plan_change(self, report: Report, at: datetime) -> None:
        """Counted for the review pack."""
        self.reports.plan_changed(report, at)

    def report(self, facts: Iterable[Fact], policy: Policy, now: datetime) -> None:
        """Keep each fact once; a counting instance is recorded, and may complete a ladder step."""
        for fact in facts:
            self.reports.keep(fact)
        self._evaluate(policy, now)

    def correct(
        self, correction_id: UUID, corrected_attendance_id: UUID, facts: Iterable[Fact], policy: Policy, now: datetime
    ) -> None:
        """The replaced record's instances are withdrawn (an escalation that relied on them is withdrawn
        too, or stands if the rest still reaches its rung); the correction's own facts are reported."""
        self.reports.correct(corrected_attendance_id, correction_id)
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

    def _evaluate(self, policy: Policy, now: datetime) -> None:
        """Evaluate the whole history by when things happened, never by when they were reported.

        Instances that count now and were not recorded are recorded; recorded ones that no longer
        count (corrected, in custody, after the case ended) are withdrawn, with the escalations that
        relied on them; situations that qualify and have no standing escalation are raised. The same
        facts give the same instances and escalations whatever order they arrived in.
        """
        record = self.record
        ends_at, ended_by = (record.ends_at, record.ended_by) if record is not None else (None, None)
        counting: dict[tuple[UUID, FactKind], Fact] = {}
        not_counting: dict[UUID, NotCounting] = {}
        periods = self.reports.periods()  # paired once for the whole history
        for key, fact in self.reports.facts.items():
            if fact.counts_as is None:
                continue
            if (why := self.reports.not_counting(fact, periods, ends_at, ended_by)) is None:
                counting[key] = fact
            else:
                not_counting[key[0]] = why

        def by_occurrence(key: tuple[UUID, FactKind]) -> tuple[datetime, UUID]:
            return self.reports.facts[key].occurred_at, key[0]

        for key in sorted(counting.keys() - self.reports.counted, key=by_occurrence):
            instance = self._categorised(counting[key].instance(), policy)
            self.events.append(
                happened.NonComplianceRecorded(
                    self.case_id, instance.event_id, instance.event_type, instance.category, instance.occurred_at
                )
            )
        just_withdrawn = sorted(self.reports.counted - counting.keys(), key=by_occurrence)
        for event_id, _ in just_withdrawn:
            why = not_counting[event_id]
            self.events.append(happened.NonComplianceWithdrawn(self.case_id, event_id, why.reason, why.caused_by))
        self.reports.counted = set(counting)
        if record is None or record.mandate_starts_on is None:
            return  # before the case opens here there is no ladder to climb: the instances wait
        # Each instance is judged under the terms in force when it happened.
        by_terms: dict[MandateTerms, list[Instance]] = {}
        for fact in counting.values():
            by_terms.setdefault(record.terms_at(fact.occurred_at), []).append(fact.instance())
        judged = []
        for terms, instances in by_terms.items():
            under = record.under(terms, policy)
            assert under.mandate_starts_on is not None
            found = qualifying_situations(
                policy, self.case_id, under.mandate_type, under.mandate_starts_on, under.escalation_possible, instances
            )
            judged.append((under, found))
        qualifying = {s.key for _, found in judged for s in found}
        withdrawn_now = {event_id for event_id, _ in just_withdrawn}
        # Records kept before the terms' history have no dates to judge by: only their evidence can
        # withdraw their escalations.
        varied = len(record.terms_history) > 1
        self.events.extend(
            self.escalations.reconcile(self.case_id, not_counting, withdrawn_now, qualifying, now, varied=varied)
        )
        if not record.closed:
            for under, found in judged:
                self.events.extend(self.escalations.raise_new(found, under, policy, now))

    def _categorised(self, instance: Instance, policy: Policy) -> Instance:
        # Before the case opens here its induction period is unknown: the reported category stands.
        record = self.record
        if record is None or record.mandate_starts_on is None:
            return instance
        terms = record.terms_at(instance.occurred_at)
        return categorised(instance, terms.starts_on, policy.mandates[terms.type].induction_days)


def _raises(event: happened.DomainEvent, escalation_id: UUID) -> bool:
    return isinstance(event, happened.EscalationRaised) and event.escalation_id == escalation_id
