"""Domain to wire, the one place: each domain event becomes the platform events it causes.

Each publication names its key, its CloudEvents subject and the agencies it is addressed to;
the runtime's emitter resolves the topics from the registry (the service's domain topic when it
carries the type, and each addressee's outbound topic).
"""

from dataclasses import dataclass
from uuid import UUID

from ddp_messaging.emitter import Publication
from ddp_referrals.domain import events
from ddp_referrals.domain.mandates import Mandate
from ddp_referrals.domain.screening import ScreeningFailure
from ddp_schemas import reasons
from ddp_schemas.events import outbound, referrals
from ddp_schemas.events.vocabulary import Agency, MandateTerms, MandateType, Need, Reason


@dataclass(frozen=True)
class Rejection:
    """The sender is told why its referral was refused; the delivery's effects are kept."""

    reasons: tuple[Reason, ...]
    agency_reference: str


def publications(event: events.DomainEvent) -> list[Publication | Rejection]:
    """What ``event`` causes on the wire, in the order it is to be written."""
    match event:
        case events.ReferralReceived(referral_id, origin):
            received = referrals.ReferralReceived(referral_id=referral_id, referred_by=Agency(origin))
            return [Publication(received, str(referral_id), str(referral_id))]
        case events.ReferralRejected(referral_id, origin, agency_reference, failures):
            told = coded_reasons(failures)
            rejected = referrals.ReferralRejected(referral_id=referral_id, referred_by=Agency(origin), reasons=told)
            return [Publication(rejected, str(referral_id), str(referral_id)), Rejection(tuple(told), agency_reference)]
        case events.ReferralAccepted(referral_id, origin, agency_reference, case_id, subject_id):
            # Keyed like ReferralReceived, so one referral's events stay in order.
            accepted = referrals.ReferralAccepted(referral_id=referral_id, case_id=case_id, subject_id=subject_id)
            return [
                Publication(accepted, str(referral_id), str(case_id)),
                _acknowledgement(origin, agency_reference, referral_id, case_id),
            ]
        case events.ReferralLinked(referral_id, origin, agency_reference, case_id, subject_id):
            linked = referrals.ReferralLinked(referral_id=referral_id, case_id=case_id, subject_id=subject_id)
            return [
                Publication(linked, str(referral_id), str(case_id)),
                _acknowledgement(origin, agency_reference, referral_id, case_id),
                Publication(linked, agency_reference, str(case_id), to=(origin,), domain=False),
            ]
        case events.SubmissionConflicted(_, _, agency_reference, fields):
            conflicts = [
                Reason(code=reasons.REFERRAL_CONFLICT, message=reasons.DESCRIPTIONS[reasons.REFERRAL_CONFLICT], field=f)
                for f in fields
            ]
            return [Rejection(tuple(conflicts), agency_reference)]
        case events.SubmissionRepeated(referral_id, origin, agency_reference, case_id, subject_id, linked_, failures):
            if case_id is None or subject_id is None:  # a rejection again: told to the sender, not published
                return [Rejection(tuple(coded_reasons(failures)), agency_reference)] if failures else []
            repeated: list[Publication | Rejection] = [_acknowledgement(origin, agency_reference, referral_id, case_id)]
            if linked_:
                notice = referrals.ReferralLinked(referral_id=referral_id, case_id=case_id, subject_id=subject_id)
                repeated.append(Publication(notice, agency_reference, str(case_id), to=(origin,), domain=False))
            return repeated
        case events.CaseOpened(case_id, subject_id, referral_id, mandate, mappa_level, needs):
            opened = referrals.CaseOpened(
                case_id=case_id,
                subject_id=subject_id,
                referral_id=referral_id,
                mandate=mandate_terms(mandate),
                mappa_level=mappa_level,
                assessed_needs=[Need(n) for n in needs],
            )
            return [Publication(opened, str(case_id), str(case_id))]
        case events.ReferralWithdrawn(referral_id, case_id, actor, effective_on, at):
            withdrawn = referrals.ReferralWithdrawn(
                referral_id=referral_id, case_id=case_id, actor=actor, effective_on=effective_on, occurred_at=at
            )
            return [Publication(withdrawn, str(referral_id), str(case_id or referral_id))]
        case events.CaseSuspended(case_id, actor, reason, effective_on, at):
            suspended = referrals.CaseSuspended(
                case_id=case_id, actor=actor, reason_code=reason, effective_on=effective_on, occurred_at=at
            )
            return [Publication(suspended, str(case_id), str(case_id))]
        case events.CaseResumed(case_id, actor, reason, effective_on, at):
            resumed = referrals.CaseResumed(
                case_id=case_id, actor=actor, reason_code=reason, effective_on=effective_on, occurred_at=at
            )
            return [Publication(resumed, str(case_id), str(case_id))]
        case events.CaseClosed(case_id, actor, reason, effective_on, at):
            closure = referrals.CaseClosureReason(reason)
            closed = referrals.CaseClosed(
                case_id=case_id, actor=actor, reason_code=closure, effective_on=effective_on, occurred_at=at
            )
            return [Publication(closed, str(case_id), str(case_id))]
        case events.MandateChanged(case_id, change, mandate, effective_on, actor, at):
            changed = referrals.MandateChanged(
                case_id=case_id,
                change=referrals.MandateChange(change.value),
                mandate=mandate_terms(mandate),
                effective_on=effective_on,
                actor=actor,
                occurred_at=at,
            )
            return [Publication(changed, str(case_id), str(case_id))]
        case events.CaseAmended(case_id, needs, category, level, effective_on, actor, at):
            amended = referrals.CaseAmended(
                case_id=case_id,
                assessed_needs=[Need(n) for n in needs] if needs is not None else None,
                mappa_category=category,
                mappa_level=level,
                effective_on=effective_on,
                actor=actor,
                occurred_at=at,
            )
            return [Publication(amended, str(case_id), str(case_id))]
        case events.SubjectsMerged(surviving, merged, case_ids, actor, at):
            merge = referrals.SubjectsMerged(
                surviving_subject_id=surviving,
                merged_subject_id=merged,
                case_ids=list(case_ids),
                actor=actor,
                occurred_at=at,
            )
            return [Publication(merge, str(surviving), str(surviving))]
    raise TypeError(type(event).__name__)


def coded_reasons(failures: tuple[ScreeningFailure, ...]) -> list[Reason]:
    """Screening failures as the platform's reasons: code, plain explanation, field; never the content."""
    return [Reason(code=f.code, message=reasons.DESCRIPTIONS[f.code], field=f.field) for f in failures]


def mandate_terms(mandate: Mandate) -> MandateTerms:
    """The mandate without the agency's own reference for it."""
    return MandateTerms(
        type=MandateType(mandate.type.value),
        responsible_authority=Agency(mandate.responsible_authority),
        participation_required=mandate.participation_required,
        starts_on=mandate.starts_on,
        ends_on=mandate.ends_on,
    )


def _acknowledgement(origin: str, agency_reference: str, referral_id: UUID, case_id: UUID) -> Publication:
    receipt = outbound.ReferralAcknowledged(agency_reference=agency_reference, referral_id=referral_id, case_id=case_id)
    return Publication(receipt, agency_reference, str(case_id), to=(origin,))
