"""Composition root: wires the interventions handlers into the delivery runtime."""

from functools import partial

from ddp_interventions.adapters.orm import messaging
from ddp_interventions.domain.drafting_rules import default_rules
from ddp_interventions.service_layer import handlers
from ddp_interventions.settings import InterventionsSettings
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.topics import load_topic_registry


def build(settings: InterventionsSettings | None = None) -> ServiceRuntime:
    registry = load_topic_registry()
    definition = ServiceDefinition(
        name="interventions",
        tables=messaging,
        handlers={CaseOpened.event_type: partial(handlers.draft_plan, registry=registry, rules=default_rules())},
        migrations_package="ddp_interventions",
    )
    return ServiceRuntime(definition, settings or InterventionsSettings())
