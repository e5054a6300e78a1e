"""Domain to wire for the case lifecycle: withdrawal, suspension, resumption, closure, mandates, merges."""

from ddp_referrals.adapters.publication import Publication, mandate_terms
from ddp_referrals.domain import events
from ddp_schemas.events import referrals
from ddp_schemas.topics import TopicRegistry


def lifecycle_publications(event: events.DomainEvent, registry: TopicRegistry) -> list[Publication]:
    topic = registry.domain_topic("referrals")
    match event:
        case events.ReferralWithdrawn(referral_id, case_id, actor, at):
            withdrawn = referrals.ReferralWithdrawn(
                referral_id=referral_id, case_id=case_id, actor=actor, occurred_at=at
            )
            return [Publication(topic, str(referral_id), str(case_id or referral_id), withdrawn)]
        case events.CaseSuspended(case_id, actor, reason, at):
            suspended = referrals.CaseSuspended(case_id=case_id, actor=actor, reason_code=reason, occurred_at=at)
            return [Publication(topic, str(case_id), str(case_id), suspended)]
        case events.CaseResumed(case_id, actor, reason, at):
            resumed = referrals.CaseResumed(case_id=case_id, actor=actor, reason_code=reason, occurred_at=at)
            return [Publication(topic, str(case_id), str(case_id), resumed)]
        case events.CaseClosed(case_id, actor, reason, at):
            closed = referrals.CaseClosed(
                case_id=case_id, actor=actor, reason_code=referrals.CaseClosureReason(reason), occurred_at=at
            )
            return [Publication(topic, str(case_id), str(case_id), closed)]
        case events.MandateChanged(case_id, change, mandate, effective_on, actor, at):
            changed = referrals.MandateChanged(
                case_id=case_id,
                change=referrals.MandateChange(change.value),
                mandate=mandate_terms(mandate),
                effective_on=effective_on,
                actor=actor,
                occurred_at=at,
            )
            return [Publication(topic, str(case_id), str(case_id), changed)]
        case events.SubjectsMerged(surviving, merged, case_ids, actor, at):
            key = str(surviving)
            merge = referrals.SubjectsMerged(
                surviving_subject_id=surviving,
                merged_subject_id=merged,
                case_ids=list(case_ids),
                actor=actor,
                occurred_at=at,
            )
            return [Publication(topic, key, key, merge)]
    raise TypeError(type(event).__name__)
