"""Composition root: wires the referrals handlers and the mandate check into the delivery runtime."""

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.orm import messaging
from ddp_referrals.entrypoints.mandate_expiry_job import mandate_expiry_job
from ddp_referrals.service_layer import handlers
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.events import inbound
from ddp_schemas.topics import load_topic_registry

CHANGES = (
    inbound.ReferralWithdrawalSubmitted,
    inbound.MandateVaried,
    inbound.MandateExtended,
    inbound.MandateRevoked,
    inbound.MandateEnded,
    inbound.CustodyStatusChanged,
    inbound.IdentifiersMerged,
)


def now() -> datetime:
    return datetime.now(UTC)


def build(settings: ReferralsSettings | None = None, clock: Callable[[], datetime] = now) -> ServiceRuntime:
    """The service; ``clock`` decides what "today" is for screening and the mandate check (tests move it)."""
    settings = settings or ReferralsSettings()
    registry = load_topic_registry()
    cipher = FieldCipher.from_settings(settings)
    definition = ServiceDefinition(
        name="referrals",
        tables=messaging,
        handlers={
            inbound.ReferralSubmitted.event_type: partial(
                handlers.submit_referral, registry=registry, cipher=cipher, clock=clock
            ),
            **{
                change.event_type: partial(handlers.apply_change, registry=registry, cipher=cipher, clock=clock)
                for change in CHANGES
            },
        },
        migrations_package="ddp_referrals",
        background=[mandate_expiry_job(settings.mandate_check_interval_seconds, clock, cipher)],
    )
    return ServiceRuntime(definition, settings)
