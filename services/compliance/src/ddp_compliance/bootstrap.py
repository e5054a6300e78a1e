"""Composition root: wires the compliance handlers into the delivery runtime."""

from functools import partial

from ddp_compliance.adapters.orm import messaging
from ddp_compliance.domain.policy import default_policy
from ddp_compliance.service_layer import handlers
from ddp_compliance.settings import ComplianceSettings
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.topics import load_topic_registry


def build(settings: ComplianceSettings | None = None) -> ServiceRuntime:
    registry = load_topic_registry()
    definition = ServiceDefinition(
        name="compliance",
        tables=messaging,
        handlers={
            CaseOpened.event_type: partial(handlers.open_compliance_record, registry=registry, policy=default_policy())
        },
        migrations_package="ddp_compliance",
    )
    return ServiceRuntime(definition, settings or ComplianceSettings())
