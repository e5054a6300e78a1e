"""Domain to wire: each domain event becomes the platform events it causes, with topic and key."""

from uuid import UUID

from ddp_referrals.adapters.lifecycle_translation import lifecycle_publications
from ddp_referrals.adapters.publication import Publication, mandate_terms
from ddp_referrals.domain import events
from ddp_schemas import reasons
from ddp_schemas.events import outbound, referrals
from ddp_schemas.events.vocabulary import Agency, Need, Reason
from ddp_schemas.topics import TopicRegistry

__all__ = ["Publication", "coded_reasons", "publications"]


def publications(event: events.DomainEvent, registry: TopicRegistry) -> list[Publication]:
    """Intake events here; lifecycle events (suspended, closed, mandate changed, ...) next door."""
    domain_topic = registry.domain_topic("referrals")
    match event:
        case events.ReferralReceived(referral_id, origin):
            key = str(referral_id)
            received = referrals.ReferralReceived(referral_id=referral_id, referred_by=Agency(origin))
            return [Publication(domain_topic, key, key, received)]
        case events.ReferralRejected(referral_id, origin, agency_reference, failures):
            key = str(referral_id)
            rejected = referrals.ReferralRejected(
                referral_id=referral_id, referred_by=Agency(origin), reasons=coded_reasons(failures)
            )
            return [Publication(domain_topic, key, key, rejected)]
        case events.ReferralAccepted(referral_id, origin, agency_reference, case_id, subject_id):
            # Keyed like ReferralReceived, so one referral's events stay in order.
            accepted = referrals.ReferralAccepted(referral_id=referral_id, case_id=case_id, subject_id=subject_id)
            return [
                Publication(domain_topic, str(referral_id), str(case_id), accepted),
                _acknowledgement(registry, origin, agency_reference, referral_id, case_id),
            ]
        case events.ReferralLinked(referral_id, origin, agency_reference, case_id, subject_id):
            linked = referrals.ReferralLinked(referral_id=referral_id, case_id=case_id, subject_id=subject_id)
            return [
                Publication(domain_topic, str(referral_id), str(case_id), linked),
                _acknowledgement(registry, origin, agency_reference, referral_id, case_id),
                Publication(registry.outbound_topic(origin), agency_reference, str(case_id), linked),
            ]
        case events.SubmissionRepeated(referral_id, origin, agency_reference, case_id, subject_id, linked_, _):
            if case_id is None or subject_id is None:
                return []  # a rejection again: told to the sender as a rejection, not published
            repeated = [_acknowledgement(registry, origin, agency_reference, referral_id, case_id)]
            if linked_:
                notice = referrals.ReferralLinked(referral_id=referral_id, case_id=case_id, subject_id=subject_id)
                repeated.append(Publication(registry.outbound_topic(origin), agency_reference, str(case_id), notice))
            return repeated
        case events.CaseOpened(case_id, subject_id, referral_id, mandate, mappa_level, needs):
            key = str(case_id)
            opened = referrals.CaseOpened(
                case_id=case_id,
                subject_id=subject_id,
                referral_id=referral_id,
                mandate=mandate_terms(mandate),
                mappa_level=mappa_level,
                assessed_needs=[Need(n) for n in needs],
            )
            return [Publication(domain_topic, key, key, opened)]
    return lifecycle_publications(event, registry)


def coded_reasons(failures: tuple) -> list[Reason]:
    return [Reason(code=f.code, message=reasons.DESCRIPTIONS[f.code], field=f.field) for f in failures]


def _acknowledgement(
    registry: TopicRegistry, origin: str, agency_reference: str, referral_id: UUID, case_id: UUID
) -> Publication:
    receipt = outbound.ReferralAcknowledged(agency_reference=agency_reference, referral_id=referral_id, case_id=case_id)
    return Publication(registry.outbound_topic(origin), agency_reference, str(case_id), receipt)
