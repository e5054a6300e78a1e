"""Domain to wire: each domain event becomes the platform events it causes, with topic and key."""

from dataclasses import dataclass

from ddp_referrals.domain import events
from ddp_schemas import reasons
from ddp_schemas.event import Event
from ddp_schemas.events import outbound, referrals
from ddp_schemas.events.vocabulary import Agency, MandateTerms, MandateType, Need, Reason
from ddp_schemas.topics import TopicRegistry


@dataclass(frozen=True)
class Publication:
    topic: str
    key: str
    subject: str
    event: Event


def publications(event: events.DomainEvent, registry: TopicRegistry) -> list[Publication]:
    domain_topic = registry.domain_topic("referrals")
    match event:
        case events.ReferralReceived(referral_id, origin):
            key = str(referral_id)
            return [
                Publication(
                    domain_topic,
                    key,
                    key,
                    referrals.ReferralReceived(referral_id=referral_id, referred_by=Agency(origin)),
                )
            ]
        case events.ReferralRejected(referral_id, origin, agency_reference, failures):
            reasons_ = [Reason(code=f.code, message=reasons.DESCRIPTIONS[f.code], field=f.field) for f in failures]
            key = str(referral_id)
            return [
                Publication(
                    domain_topic,
                    key,
                    key,
                    referrals.ReferralRejected(referral_id=referral_id, referred_by=Agency(origin), reasons=reasons_),
                ),
            ]
        case events.ReferralAccepted(referral_id, origin, agency_reference, case_id, subject_id):
            # Keyed like ReferralReceived, so one referral's events stay in order.
            key = str(case_id)
            return [
                Publication(
                    domain_topic,
                    str(referral_id),
                    key,
                    referrals.ReferralAccepted(referral_id=referral_id, case_id=case_id, subject_id=subject_id),
                ),
                Publication(
                    registry.outbound_topic(origin),
                    agency_reference,
                    key,
                    outbound.ReferralAcknowledged(
                        agency_reference=agency_reference, referral_id=referral_id, case_id=case_id
                    ),
                ),
            ]
        case events.CaseOpened(case_id, subject_id, referral_id, mandate, mappa_level, needs):
            key = str(case_id)
            return [
                Publication(
                    domain_topic,
                    key,
                    key,
                    referrals.CaseOpened(
                        case_id=case_id,
                        subject_id=subject_id,
                        referral_id=referral_id,
                        mandate=MandateTerms(
                            type=MandateType(mandate.type.value),
                            responsible_authority=Agency(mandate.responsible_authority),
                            participation_required=mandate.participation_required,
                            starts_on=mandate.starts_on,
                            ends_on=mandate.ends_on,
                        ),
                        mappa_level=mappa_level,
                        assessed_needs=[Need(n) for n in needs],
                    ),
                )
            ]
    raise TypeError(type(event).__name__)
