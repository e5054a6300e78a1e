"""Composition root: wires the referrals handlers into the delivery runtime."""

from datetime import UTC, date, datetime
from functools import partial

from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_referrals.adapters.orm import messaging
from ddp_referrals.service_layer import handlers
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.events.inbound import ReferralSubmitted
from ddp_schemas.topics import load_topic_registry


def today() -> date:
    return datetime.now(UTC).date()


def build(settings: ReferralsSettings | None = None) -> ServiceRuntime:
    registry = load_topic_registry()
    definition = ServiceDefinition(
        name="referrals",
        tables=messaging,
        handlers={
            ReferralSubmitted.event_type: partial(handlers.submit_referral, registry=registry, today=today),
        },
        migrations_package="ddp_referrals",
    )
    return ServiceRuntime(definition, settings or ReferralsSettings())
