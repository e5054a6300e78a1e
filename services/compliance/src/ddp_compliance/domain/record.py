"""The compliance record: the terms under which compliance follows one case."""

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from uuid import UUID

from ddp_compliance.domain.events import RecordOpened
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.vocabulary import PROGRAMME_TEAM, MandateType


@dataclass(frozen=True)
class MandateTerms:
    """What the case's mandate requires, as compliance needs it."""

    type: MandateType
    responsible_authority: str
    participation_required: bool
    starts_on: date


# Terms that have applied since before anything happened: the mandate's terms when the case opened.
# (A plain early date: the database driver reads its own minimum back without a time zone.)
SINCE_THE_START = datetime(1900, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class TermsInForce:
    """The mandate's terms from ``since`` (until terms from a later date replace them). Of two from the
    same date, the one the referring service recorded later (``recorded_at``) stands."""

    since: datetime
    terms: MandateTerms
    recorded_at: datetime = SINCE_THE_START

    @property
    def order(self) -> tuple[datetime, datetime]:
        return self.since, self.recorded_at


@dataclass
class ComplianceRecord:
    case_id: UUID
    mandate_type: MandateType
    responsible_authority: str
    participation_required: bool
    escalation_possible: bool
    policy_version: str
    mandate_starts_on: date | None = None
    mappa_level: int | None = None
    # The terms in force at each date, by the event that set them (the opening, each variation);
    # empty for records from before they were kept: the record's own terms then apply throughout.
    terms_history: dict[UUID, TermsInForce] = field(default_factory=dict)
    closed_at: datetime | None = None  # when the platform recorded the closure
    ends_at: datetime | None = None  # when it took effect: nothing from then on counts
    ended_by: UUID | None = None  # the event that reported the closure
    events: list[RecordOpened] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        case_id: UUID,
        mandate_type: str,
        responsible_authority: str,
        participation_required: bool,
        policy: Policy,
        mandate_starts_on: date | None = None,
        mappa_level: int | None = None,
    ) -> "ComplianceRecord":
        """Follow the case under the current policy, noting whether it can ever escalate to breach."""
        escalation_possible = policy.can_escalate(mandate_type, participation_required)
        record = cls(
            case_id,
            MandateType(mandate_type),
            responsible_authority,
            participation_required,
            escalation_possible,
            policy.version,
            mandate_starts_on,
            mappa_level,
        )
        record.events.append(
            RecordOpened(
                case_id,
                record.mandate_type,
                responsible_authority,
                participation_required,
                escalation_possible,
                policy.version,
            )
        )
        record.keep_opening_terms()
        return record

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def close(self, ended_by: UUID, ends_at: datetime, at: datetime) -> None:
        """A closed case raises nothing more and has no more reviews; nothing from ``ends_at`` counts."""
        if self.closed_at is None:
            self.closed_at, self.ends_at, self.ended_by = at, ends_at, ended_by

    def change_mandate(
        self, variation_id: UUID, since: datetime, recorded_at: datetime, terms: MandateTerms, policy: Policy
    ) -> None:
        """The terms apply from ``since`` (however late the variation is reported); the record's own
        terms are the latest in force, whatever order variations arrived in."""
        # A record from before the history was kept starts it with the terms it has now.
        self.keep_opening_terms()
        self.terms_history.setdefault(variation_id, TermsInForce(since, terms, recorded_at))
        self._take(self.terms_at(None), policy)

    def keep_opening_terms(self) -> None:
        """The terms the case opened under apply from the start, until a variation replaces them."""
        if self.mandate_starts_on is not None:
            self.terms_history.setdefault(self.case_id, TermsInForce(SINCE_THE_START, self.terms))

    @property
    def terms(self) -> MandateTerms:
        assert self.mandate_starts_on is not None
        return MandateTerms(
            self.mandate_type, self.responsible_authority, self.participation_required, self.mandate_starts_on
        )

    def terms_at(self, moment: datetime | None) -> MandateTerms:
        """The terms in force at ``moment`` (None: the latest), by the dates they took effect."""
        in_force = [t for t in self.terms_history.values() if moment is None or t.since <= moment]
        if not in_force:
            return self.terms
        return max(in_force, key=lambda t: t.order).terms

    def under(self, terms: MandateTerms, policy: Policy) -> "ComplianceRecord":
        """This record as it stands under ``terms``: what an instance judged under them escalates with."""
        judged = replace(self, events=[])
        judged._take(terms, policy)
        return judged

    def _take(self, terms: MandateTerms, policy: Policy) -> None:
        self.mandate_type = terms.type
        self.responsible_authority = terms.responsible_authority
        self.participation_required = terms.participation_required
        self.escalation_possible = policy.can_escalate(terms.type, terms.participation_required)
        self.mandate_starts_on = terms.starts_on

    def referred_to(self, policy: Policy) -> list[str]:
        """Who hears of an escalation: the policy's authorities, or the programme team when it cannot escalate."""
        if not self.escalation_possible:
            return [PROGRAMME_TEAM]
        return list(policy.mandates[self.mandate_type].refer_to)

    def review_chair(self) -> str:
        """The responsible authority chairs the case's reviews, alongside the programme team and providers."""
        return self.responsible_authority

    def review_cadence(self, policy: Policy) -> int:
        """Days between reviews, by mandate type and risk (MAPPA level)."""
        return policy.mandates[self.mandate_type].review.cadence_for(self.mappa_level)
