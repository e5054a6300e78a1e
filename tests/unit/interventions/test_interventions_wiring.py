"""The composition root: a route for every type the registry says the service acts on, and no other."""

import pytest

from ddp_interventions.bootstrap import ROUTES, build, providers
from ddp_interventions.service_layer import attendance_recording, plans, programme_decisions
from ddp_interventions.settings import InterventionsSettings
from ddp_messaging.handling import with_dependencies as bound
from ddp_schemas.topics import load_topic_registry
from tests.unit.interventions.builders import NOW

REGISTRY = load_topic_registry()


def acted_on() -> set[str]:
    return {
        carried.type
        for topic in REGISTRY.read_by("interventions")
        for carried in topic.events
        if "interventions" in carried.consumers
    }


def test_every_type_the_service_acts_on_has_a_route_and_nothing_else_does() -> None:
    assert {wire.event_type for wire in ROUTES} == acted_on()


def test_the_built_service_handles_exactly_the_routed_types() -> None:
    # Built, never connected: no broker, so no certificates to load.
    settings = InterventionsSettings(database_url="postgresql+asyncpg://ddp@127.0.0.1:1/unused", kafka_plaintext=True)
    runtime = build(settings, clock=lambda: NOW)
    assert set(runtime.definition.handlers) == acted_on()
    assert runtime.definition.handlers["ddp.attendance.submitted"].__name__ == "record_attendance"


def test_use_cases_get_the_dependencies_they_declare_and_no_others() -> None:
    dependencies = {"clock": lambda: NOW, "rules": object(), "providers": frozenset()}
    assert bound(plans.pause_plan, dependencies) is plans.pause_plan
    assert bound(attendance_recording.record_attendance, dependencies).keywords == {"clock": dependencies["clock"]}
    assert bound(programme_decisions.assign_provider, dependencies).keywords == {
        "providers": frozenset(),
        "clock": dependencies["clock"],
    }
    with pytest.raises(TypeError):
        bound(attendance_recording.record_attendance, {})


def test_providers_are_the_agencies_whose_topic_carries_sessions() -> None:
    assert providers(REGISTRY) == {"provider-northstar", "provider-meridian"}
    assert "programme-team" not in providers(REGISTRY)


def test_providers_and_the_programme_team_send_different_types() -> None:
    programme = {e.type for e in REGISTRY.topic("ddp.inbound.programme-team").events}
    for provider in providers(REGISTRY):
        assert not programme & {e.type for e in REGISTRY.topic(f"ddp.inbound.{provider}").events}
