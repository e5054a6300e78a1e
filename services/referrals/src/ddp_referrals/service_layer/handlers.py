"""Event handlers: each inbound event type the referrals service acts on, from delivery to use case."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from ddp_messaging.handling import Delivery, Refused
from ddp_messaging.rejections import reason
from ddp_referrals.adapters.case_registry import SqlCaseRegistry
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.inbound_translation import to_command, to_submission
from ddp_referrals.adapters.outbound_translation import coded_reasons, publications
from ddp_referrals.domain import commands, events
from ddp_referrals.domain.refusals import ChangeRefused
from ddp_referrals.service_layer import identity, intake, lifecycle
from ddp_schemas.events.inbound import ReferralSubmitted
from ddp_schemas.topics import TopicRegistry

Clock = Callable[[], datetime]

USE_CASES: dict[type, Callable[..., Awaitable[list[events.DomainEvent]]]] = {
    commands.WithdrawReferral: lifecycle.withdraw_referral,
    commands.ChangeMandate: lifecycle.change_mandate,
    commands.ChangeCustody: lifecycle.change_custody,
    commands.MergeIdentifiers: identity.merge_identifiers,
}


async def submit_referral(delivery: Delivery, registry: TopicRegistry, cipher: FieldCipher, clock: Clock) -> None:
    """Screen a referral; accept it (open a case), link it, or reject it with reasons. Idempotent per reference."""
    assert isinstance(delivery.event, ReferralSubmitted)
    cases = SqlCaseRegistry(delivery.session, cipher)
    happened = await intake.submit_referral(to_submission(delivery.event), delivery.origin, cases, clock().date())
    await publish(delivery, registry, happened)


async def apply_change(delivery: Delivery, registry: TopicRegistry, cipher: FieldCipher, clock: Clock) -> None:
    """Withdrawal, mandate change, custody change or merge; an impossible one is refused to the sender."""
    command = to_command(delivery.event)
    cases = SqlCaseRegistry(delivery.session, cipher)
    try:
        happened = await USE_CASES[type(command)](command, delivery.origin, cases, clock())
    except ChangeRefused as refusal:
        # Refused rolls back whatever the use case wrote: the change is never half applied.
        raise Refused([reason(refusal.code, refusal.field)]) from None
    await publish(delivery, registry, happened)


async def publish(delivery: Delivery, registry: TopicRegistry, happened: list[Any]) -> None:
    for event in happened:
        for publication in publications(event, registry):
            await delivery.emit(publication.topic, publication.key, publication.event, publication.subject)
        if isinstance(event, events.ReferralRejected | events.SubmissionRepeated) and event.failures:
            await delivery.tell_sender(coded_reasons(event.failures), agency_reference=event.agency_reference)
