"""The topic registry: coherent with the catalogue, and malformed registries are refused."""

import copy
from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.topics import TopicKind, TopicRegistry


def raw_registry() -> dict:
    return yaml.safe_load(resources.files("ddp_schemas").joinpath("topics.yaml").read_text())


def test_shipped_registry_loads(registry: TopicRegistry) -> None:
    assert registry.topics


def test_every_carried_event_is_in_the_catalogue(registry: TopicRegistry) -> None:
    unknown = [
        f"{topic.name}: {e.type} v{v}"
        for topic in registry.topics
        for e in topic.events
        for v in e.versions
        if not CATALOGUE.knows(e.type, v)
    ]
    assert unknown == []


def test_every_catalogue_version_travels_on_some_topic(registry: TopicRegistry) -> None:
    carried = {(e.type, v) for topic in registry.topics for e in topic.events for v in e.versions}
    assert [
        f"{m.event_type} v{m.version}" for m in CATALOGUE.models() if (m.event_type, m.version) not in carried
    ] == []


def test_inbound_topics_belong_to_one_agency_and_name_who_rejects(registry: TopicRegistry) -> None:
    for topic in (t for t in registry.topics if t.kind is TopicKind.INBOUND):
        assert topic.owner in registry.agencies, topic.name
        assert topic.name == f"ddp.inbound.{topic.owner}"
        assert topic.producers == [topic.owner], "only the agency itself writes its inbound topic"
        assert topic.rejected_by in topic.consumers
        assert set(topic.consumers) <= set(registry.services)


def test_outbound_topics_are_read_only_by_their_agency(registry: TopicRegistry) -> None:
    for topic in (t for t in registry.topics if t.kind is TopicKind.OUTBOUND):
        assert topic.owner in registry.agencies, topic.name
        assert topic.name == f"ddp.outbound.{topic.owner}"
        assert topic.consumers == [topic.owner]
        assert set(topic.producers) <= set(registry.services)


def test_domain_and_dead_letter_topics_are_written_only_by_their_service(registry: TopicRegistry) -> None:
    for topic in (t for t in registry.topics if t.kind in (TopicKind.DOMAIN, TopicKind.DEAD_LETTER)):
        assert topic.owner in registry.services, topic.name
        assert topic.producers == [topic.owner]
        assert not set(topic.consumers) & set(registry.agencies), "agencies never read platform topics"
        if topic.kind is TopicKind.DEAD_LETTER:
            assert topic.consumers == [] and registry.readers(topic) == ["operator"], "operator and admin only"


def test_every_agency_has_an_inbound_and_an_outbound_topic(registry: TopicRegistry) -> None:
    for agency in registry.agencies:
        registry.inbound_topic(agency)
        registry.outbound_topic(agency)


def _break(mutate) -> dict:
    data = copy.deepcopy(raw_registry())
    mutate(data)
    return data


def _topic(data: dict, name: str) -> dict:
    return next(t for t in data["topics"] if t["name"] == name)


MALFORMED = {
    "unknown principal": lambda d: _topic(d, "ddp.inbound.probation")["producers"].append("mallory"),
    "inbound without rejected_by": lambda d: _topic(d, "ddp.inbound.probation").pop("rejected_by"),
    "event version not in catalogue": lambda d: _topic(d, "ddp.inbound.probation")["events"][0].update(versions=[99]),
    "unknown event type": lambda d: _topic(d, "ddp.inbound.probation")["events"].append(
        {"type": "ddp.nothing.happened", "versions": [1]}
    ),
    "acting consumer does not read the topic": lambda d: _topic(d, "ddp.referrals.events")["events"][0].update(
        consumers=["referrals"]
    ),
    "topic declared twice": lambda d: d["topics"].append(copy.deepcopy(d["topics"][0])),
    "bad topic name": lambda d: _topic(d, "ddp.compliance.dlq").update(name="compliance-dlq"),
    "unknown field": lambda d: _topic(d, "ddp.compliance.dlq").update(owner_email="x@example.org"),
    "zero partitions": lambda d: _topic(d, "ddp.compliance.dlq").update(partitions=0),
    "unsupported registry version": lambda d: d.update(registry_version=2),
}


@pytest.mark.parametrize("mutate", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_registry_is_refused(mutate) -> None:
    with pytest.raises(ValidationError):
        TopicRegistry.model_validate(_break(mutate))


def test_unbroken_copy_is_accepted() -> None:
    TopicRegistry.model_validate(_break(lambda d: None))
