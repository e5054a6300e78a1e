"""The referral aggregate: received once per agency reference; accepted, linked or rejected; withdrawable."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID, uuid4

from ddp_referrals.domain import events as domain_events
from ddp_referrals.domain.case import Case
from ddp_referrals.domain.effective_dates import refuse_if_ahead
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.domain.screening import ScreeningFailure, screen
from ddp_referrals.domain.submission import Submission


class ReferralStatus(StrEnum):
    ACCEPTED = "ACCEPTED"  # opened a case
    LINKED = "LINKED"  # joined the subject's open case
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


@dataclass
class Referral:
    referral_id: UUID
    origin: str
    agency_reference: str
    status: ReferralStatus
    case_id: UUID | None = None
    failures: tuple[ScreeningFailure, ...] = ()
    opened_case: bool = False
    # Each stated fact's keyed hash, by field path (``Submission.facts``): what a resubmission is
    # compared with. None for referrals received before it was kept.
    fingerprint: dict[str, str] | None = None
    events: list[domain_events.DomainEvent] = field(default_factory=list)

    @classmethod
    def receive(
        cls, submission: Submission, origin: str, today: date, subject_id: UUID, open_case: Case | None = None
    ) -> tuple["Referral", Case | None]:
        """Screen a new submission: an eligible one joins ``open_case`` or opens a case for ``subject_id``."""
        referral_id, reference = uuid4(), submission.agency_reference
        failures = tuple(screen(submission, origin, today))
        received = domain_events.ReferralReceived(referral_id, origin)
        if failures:
            referral = cls(referral_id, origin, reference, ReferralStatus.REJECTED, failures=failures)
            referral.events += [received, domain_events.ReferralRejected(referral_id, origin, reference, failures)]
            return referral, None
        if open_case is not None:
            referral = cls(referral_id, origin, reference, ReferralStatus.LINKED, case_id=open_case.case_id)
            linked = domain_events.ReferralLinked(referral_id, origin, reference, open_case.case_id, subject_id)
            referral.events += [received, linked]
            return referral, None
        case = Case.open(referral_id, subject_id, submission)
        referral = cls(referral_id, origin, reference, ReferralStatus.ACCEPTED, case_id=case.case_id, opened_case=True)
        referral.events += [
            received,
            domain_events.ReferralAccepted(referral_id, origin, reference, case.case_id, subject_id),
            *case.events,
        ]
        case.events.clear()
        return referral, case

    def resubmitted(self, fingerprint: dict[str, str], subject_id: UUID | None) -> None:
        """The same reference again: the first outcome again when it states the same facts; a conflict,
        naming the fields that differ, when it does not (nothing the sender stated is dropped silently)."""
        if self.fingerprint is not None:
            differing = sorted(
                path
                for path in self.fingerprint.keys() | fingerprint.keys()
                if self.fingerprint.get(path) != fingerprint.get(path)
            )
            if differing:
                self.events.append(
                    domain_events.SubmissionConflicted(
                        self.referral_id, self.origin, self.agency_reference, tuple(differing)
                    )
                )
                return
        self.repeat(subject_id)

    def amended(self, facts: dict[str, str]) -> None:
        """The amended facts (keyed hashes, by field path) are what this referral states from now on."""
        if self.fingerprint is not None:
            self.fingerprint = {**self.fingerprint, **facts}

    def repeat(self, subject_id: UUID | None) -> None:
        """The same reference submitted again: record the first outcome again, change nothing."""
        linked = self.case_id is not None and not self.opened_case
        self.events.append(
            domain_events.SubmissionRepeated(
                self.referral_id, self.origin, self.agency_reference, self.case_id, subject_id, linked, self.failures
            )
        )

    def case_to_change(self) -> UUID:
        """The case a change about this referral applies to; refused when there is none to change."""
        if self.status is ReferralStatus.REJECTED or self.case_id is None:
            raise Refusal("REFERRAL_NOT_ACCEPTED", "agency_reference")
        if self.status is ReferralStatus.WITHDRAWN:
            raise Refusal("REFERRAL_ALREADY_WITHDRAWN", "agency_reference")
        return self.case_id

    def case_mandate_to_change(self) -> UUID:
        """Only the referral that opened the case holds the case's mandate."""
        case_id = self.case_to_change()
        if not self.opened_case:
            raise Refusal("MANDATE_NOT_HELD", "agency_reference")
        return case_id

    def withdraw(self, actor: str, effective_on: date, at: datetime) -> None:
        self.case_to_change()
        refuse_if_ahead(effective_on, at)
        self.status = ReferralStatus.WITHDRAWN
        self.events.append(domain_events.ReferralWithdrawn(self.referral_id, self.case_id, actor, effective_on, at))
