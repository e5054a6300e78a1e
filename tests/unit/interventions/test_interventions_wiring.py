"""The composition root: a handler for every type the registry says the service acts on, and no other."""

from ddp_interventions.bootstrap import handlers_for, providers
from ddp_schemas.topics import load_topic_registry

REGISTRY = load_topic_registry()


def test_every_type_the_service_acts_on_has_a_handler_and_nothing_else_does() -> None:
    acted_on = {
        carried.type
        for topic in REGISTRY.read_by("interventions")
        for carried in topic.events
        if "interventions" in carried.consumers
    }
    assert set(handlers_for(REGISTRY)) == acted_on


def test_providers_are_the_agencies_whose_topic_carries_sessions() -> None:
    assert providers(REGISTRY) == {"provider-northstar", "provider-meridian"}
    assert "programme-team" not in providers(REGISTRY)


def test_providers_and_the_programme_team_send_different_types() -> None:
    programme = {e.type for e in REGISTRY.topic("ddp.inbound.programme-team").events}
    for provider in providers(REGISTRY):
        assert not programme & {e.type for e in REGISTRY.topic(f"ddp.inbound.{provider}").events}
