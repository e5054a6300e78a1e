"""Kafka ACLs: each principal gets exactly what the registry says, nothing more."""

import json
from pathlib import Path

from ddp_schemas.generation.acls import ACLS_PATH, acl_bindings
from ddp_schemas.topics import TopicRegistry

KEYS = {"principal", "resource_type", "resource_name", "pattern_type", "operation", "permission"}


def _grants(registry: TopicRegistry) -> set[tuple[str, str, str, str]]:
    return {(b["principal"], b["resource_type"], b["resource_name"], b["operation"]) for b in acl_bindings(registry)}


def test_bindings_are_literal_allows_in_a_stable_order(registry: TopicRegistry, repo_root: Path) -> None:
    bindings = acl_bindings(registry)
    assert all(set(b) == KEYS and b["pattern_type"] == "LITERAL" and b["permission"] == "ALLOW" for b in bindings)
    assert len({json.dumps(b, sort_keys=True) for b in bindings}) == len(bindings)
    assert json.loads((repo_root / ACLS_PATH).read_text()) == bindings


def test_an_agency_writes_only_its_inbound_and_reads_only_its_outbound(registry: TopicRegistry) -> None:
    grants = _grants(registry)
    for agency in registry.agencies:
        principal = f"User:{agency}"
        writes = {name for who, kind, name, op in grants if who == principal and op == "WRITE"}
        reads = {name for who, kind, name, op in grants if who == principal and op == "READ"}
        assert writes == {f"ddp.inbound.{agency}"}
        assert reads == {f"ddp.outbound.{agency}"}


def test_producers_write_and_consumers_read_every_topic(registry: TopicRegistry) -> None:
    grants = _grants(registry)
    for topic in registry.topics:
        for producer in topic.producers:
            assert {(f"User:{producer}", "TOPIC", topic.name, op) for op in ("WRITE", "DESCRIBE")} <= grants
        for consumer in topic.consumers:
            assert {(f"User:{consumer}", "TOPIC", topic.name, op) for op in ("READ", "DESCRIBE")} <= grants
    writers = {
        name: {who for who, _, n, op in grants if n == name and op == "WRITE"}
        for name in (t.name for t in registry.topics)
    }
    assert all(writers[t.name] == {f"User:{p}" for p in t.producers} for t in registry.topics)


def test_each_consuming_service_reads_its_own_group(registry: TopicRegistry) -> None:
    groups = {(who, name) for who, kind, name, op in _grants(registry) if kind == "GROUP"}
    consuming = {s for s in registry.services if registry.read_by(s)}
    assert groups == {(f"User:{s}", f"ddp.{s}") for s in consuming}
