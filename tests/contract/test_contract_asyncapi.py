"""The AsyncAPI document: every topic a channel, every carried version a message, every $ref resolves."""

from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from ddp_schemas import kafka_binding
from ddp_schemas.examples import load_examples, to_kafka
from ddp_schemas.generation.asyncapi import ASYNCAPI_PATH
from ddp_schemas.generation.asyncapi_components import schema_components
from ddp_schemas.topics import TopicKind, TopicRegistry


@pytest.fixture(scope="module")
def document(repo_root: Path) -> dict:
    return yaml.safe_load((repo_root / ASYNCAPI_PATH).read_text())


def _refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _resolve(document: dict, ref: str):
    target = document
    for part in ref.removeprefix("#/").split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return target


def test_is_asyncapi_3(document: dict) -> None:
    assert document["asyncapi"] == "3.0.0"
    assert document["info"]["title"] == "DDP coordination platform"
    assert document["servers"]["kafka"] == {
        "host": "localhost:9092",
        "protocol": "kafka",
        "description": document["servers"]["kafka"]["description"],
    }


def test_every_topic_is_a_channel_with_its_messages(document: dict, registry: TopicRegistry) -> None:
    assert list(document["channels"]) == [topic.name for topic in registry.topics]
    for topic in registry.topics:
        channel = document["channels"][topic.name]
        assert channel["address"] == topic.name
        expected = {f"{e.type}.v{v}" for e in topic.events for v in e.versions}
        assert set(channel["messages"]) == expected
        assert all(channel["messages"][key]["name"] == key for key in expected)
        kafka = channel["bindings"]["kafka"]
        assert kafka["partitions"] == topic.partitions
        assert kafka["topicConfiguration"]["retention.ms"] == topic.retention_ms
        assert (channel["x-owner"], channel["x-producers"], channel["x-consumers"]) == (
            topic.owner,
            topic.producers,
            topic.consumers,
        )


def test_every_reference_resolves(document: dict) -> None:
    refs = set(_refs(document))
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        _resolve(document, ref)


def test_operations_follow_the_platform_view(document: dict, registry: TopicRegistry) -> None:
    operations = document["operations"]
    for topic in registry.topics:
        if topic.kind is TopicKind.INBOUND:
            operation = operations[f"{topic.rejected_by}.receive.{topic.name}"]
            assert operation["action"] == "receive"
        else:
            for service in (p for p in topic.producers if p in registry.services):
                assert operations[f"{service}.send.{topic.name}"]["action"] == "send"
    for operation in operations.values():
        channel = operation["channel"]["$ref"]
        assert all(m["$ref"].startswith(channel + "/messages/") for m in operation["messages"])
    assert not any(key.startswith(tuple(registry.agencies)) for key in operations), "agencies are not the platform"


def test_examples_match_the_documented_headers_and_payloads(document: dict) -> None:
    components = document["components"]
    for example in load_examples():
        key = f"{example.event_type}.v{example.version}"
        for part, instance in (("headers", example.headers), ("", example.value)):
            name = f"{key}.{part}" if part else key
            validator = Draft202012Validator(
                {"$ref": f"#/components/schemas/{name}", "components": components},
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            assert [e.message for e in validator.iter_errors(instance)] == [], f"{example.label} {part or 'payload'}"


def test_documented_required_headers_are_what_decode_requires(document: dict) -> None:
    example = load_examples()[0]
    headers = document["components"]["schemas"][f"{example.event_type}.v{example.version}.headers"]
    value, record_headers = to_kafka(example)
    for name in headers["properties"]:
        without = [(k, v) for k, v in record_headers if k != name]
        if name in headers["required"]:
            with pytest.raises(kafka_binding.EnvelopeError):
                kafka_binding.decode(value, without)
        else:
            kafka_binding.decode(value, without)


def test_definitions_sharing_a_name_but_not_a_shape_are_kept_apart() -> None:
    def event(terms: dict) -> dict:
        return {
            "$id": "urn:x",
            "type": "object",
            "properties": {"terms": {"$ref": "#/$defs/Terms"}, "kind": {"$ref": "#/$defs/Kind"}},
            "$defs": {"Terms": terms, "Kind": {"enum": ["A"], "type": "string"}},
        }

    components = schema_components(
        {
            ("ddp.thing.done", 1): event({"type": "object", "properties": {"a": {"type": "string"}}}),
            ("ddp.thing.done", 2): event({"type": "object", "properties": {"b": {"type": "string"}}}),
        }
    )
    assert "Kind" in components and "Terms" not in components
    assert components["ddp.thing.done.v1"]["properties"]["terms"] == {
        "$ref": "#/components/schemas/ddp.thing.done.v1.Terms"
    }
    assert components["ddp.thing.done.v2.Terms"]["properties"] == {"b": {"type": "string"}}
    assert components["ddp.thing.done.v2"]["properties"]["kind"] == {"$ref": "#/components/schemas/Kind"}
    assert "$id" not in components["ddp.thing.done.v1"], "an $id would re-base the references inside"
