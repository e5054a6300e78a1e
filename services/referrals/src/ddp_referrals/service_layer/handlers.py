"""Command handlers: one per inbound event type the referrals service acts on."""

from collections.abc import Callable
from datetime import date
from uuid import uuid4

from ddp_messaging.handling import Delivery
from ddp_referrals.adapters.inbound_translation import to_submission
from ddp_referrals.adapters.outbound_translation import publications
from ddp_referrals.adapters.repository import ReferralRepository
from ddp_referrals.domain import events
from ddp_referrals.domain.referral import Referral, ReferralStatus
from ddp_schemas import reasons
from ddp_schemas.events.inbound import ReferralSubmitted
from ddp_schemas.events.outbound import ReferralAcknowledged
from ddp_schemas.events.vocabulary import Reason
from ddp_schemas.topics import TopicRegistry


async def submit_referral(delivery: Delivery, registry: TopicRegistry, today: Callable[[], date]) -> None:
    """Screen a referral; accept it (open a case) or reject it with reasons. Idempotent per reference."""
    assert isinstance(delivery.event, ReferralSubmitted)
    submission = to_submission(delivery.event)
    repository = ReferralRepository(delivery.session)
    existing = await repository.by_agency_reference(delivery.origin, submission.agency_reference)
    if existing is not None:
        await _repeat_outcome(delivery, registry, existing)
        return
    referral, case = Referral.receive(submission, delivery.origin, today(), subject_id=uuid4())
    await repository.add(referral)
    if case is not None:
        await repository.add_subject(case.subject_id, submission)
        await repository.add_case(case)
    for event in referral.events:
        for publication in publications(event, registry):
            await delivery.emit(publication.topic, publication.key, publication.event, publication.subject)
        if isinstance(event, events.ReferralRejected):
            await delivery.tell_sender(_reasons(event.failures), agency_reference=event.agency_reference)


async def _repeat_outcome(delivery: Delivery, registry: TopicRegistry, referral: Referral) -> None:
    """The same reference again: the same answer, and never a second case."""
    if referral.status is ReferralStatus.ACCEPTED and referral.case_id is not None:
        await delivery.emit(
            registry.outbound_topic(delivery.origin),
            referral.agency_reference,
            ReferralAcknowledged(
                agency_reference=referral.agency_reference, referral_id=referral.referral_id, case_id=referral.case_id
            ),
            subject=str(referral.case_id),
        )
    else:
        await delivery.tell_sender(_reasons(referral.failures), agency_reference=referral.agency_reference)


def _reasons(failures: tuple) -> list[Reason]:
    return [Reason(code=f.code, message=reasons.DESCRIPTIONS[f.code], field=f.field) for f in failures]
