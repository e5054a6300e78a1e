"""Composition root: the referrals use cases, their unit of work and the mandate check, on the delivery runtime."""

from collections.abc import Awaitable, Callable
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.clock import Clock, system_clock
from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import Translate, use_case_handlers
from ddp_messaging.periodic import PeriodicJob
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_referrals.adapters import inbound_translation
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.orm import messaging
from ddp_referrals.adapters.unit_of_work import SqlUnitOfWork
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.service_layer import identity, intake, lifecycle, mandate_expiry
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.event import Event
from ddp_schemas.events import inbound

UseCase = Callable[..., Awaitable[None]]  # (command, uow, *, clock)

# Wire type -> (translate, use case); the topic registry says which origins may send each.
ROUTES: dict[type[Event], tuple[Translate, UseCase]] = {
    inbound.ReferralSubmitted: (inbound_translation.submit_referral, intake.submit_referral),
    inbound.ReferralWithdrawalSubmitted: (inbound_translation.withdraw_referral, lifecycle.withdraw_referral),
    inbound.MandateVaried: (inbound_translation.vary_mandate, lifecycle.change_mandate),
    inbound.MandateExtended: (inbound_translation.extend_mandate, lifecycle.change_mandate),
    inbound.MandateRevoked: (inbound_translation.revoke_mandate, lifecycle.change_mandate),
    inbound.MandateEnded: (inbound_translation.end_mandate, lifecycle.change_mandate),
    inbound.CustodyStatusChanged: (inbound_translation.change_custody, lifecycle.change_custody),
    inbound.ReferralAmendmentSubmitted: (inbound_translation.amend_referral, lifecycle.amend_referral),
    inbound.IdentifiersMerged: (inbound_translation.merge_identifiers, identity.merge_identifiers),
}

MANDATE_CHECK_BATCH = 500


def build(settings: ReferralsSettings | None = None, clock: Clock = system_clock) -> ServiceRuntime:
    """The service; ``clock`` decides what "today" is for screening and the mandate check (tests move it)."""
    settings = settings or ReferralsSettings()
    cipher = FieldCipher.from_settings(settings)
    definition = ServiceDefinition(
        name="referrals",
        tables=messaging,
        migrations_package="ddp_referrals",
        handlers=use_case_handlers(
            ROUTES,
            unit_of_work=partial(SqlUnitOfWork.for_delivery, cipher=cipher),
            refusal=Refusal,
            dependencies={"clock": clock},
        ),
        periodic_jobs=[mandate_expiry_job(settings.mandate_check_interval_seconds, clock, cipher)],
    )
    return ServiceRuntime(definition, settings)


def mandate_expiry_job(interval_seconds: float, clock: Clock, cipher: FieldCipher) -> PeriodicJob:
    """The scheduled mandate check: each pass closes up to a batch of cases whose mandate has passed."""

    async def close_cases_past_their_mandate(session: AsyncSession, emitter: Emitter) -> int:
        uow = SqlUnitOfWork(session, emitter, cipher)
        return await mandate_expiry.close_cases_past_their_mandate(uow, clock=clock, limit=MANDATE_CHECK_BATCH)

    return PeriodicJob("mandate-expiry", interval_seconds, close_cases_past_their_mandate, MANDATE_CHECK_BATCH)
