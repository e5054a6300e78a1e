"""Kafka ACLs: each principal gets exactly what the registry says, nothing more."""

import json
from pathlib import Path

from ddp_schemas.connection import ADMIN, OPERATOR
from ddp_schemas.generation.acls import ACLS_PATH, acl_bindings
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicKind, TopicRegistry

KEYS = {"principal", "resource_type", "resource_name", "pattern_type", "operation", "permission"}


def _grants(registry: TopicRegistry) -> set[tuple[str, str, str, str]]:
    return {(b["principal"], b["resource_type"], b["resource_name"], b["operation"]) for b in acl_bindings(registry)}


def test_bindings_are_allows_in_a_stable_order_and_the_generated_file_matches(
    registry: TopicRegistry, repo_root: Path
) -> None:
    bindings = acl_bindings(registry)
    assert all(set(b) == KEYS and b["permission"] == "ALLOW" for b in bindings)
    assert {b["pattern_type"] for b in bindings if b["resource_type"] == "TOPIC"} == {"LITERAL"}
    assert len({json.dumps(b, sort_keys=True) for b in bindings}) == len(bindings)
    assert json.loads((repo_root / ACLS_PATH).read_text()) == bindings


def test_an_agency_writes_only_its_inbound_and_reads_only_its_outbound(registry: TopicRegistry) -> None:
    grants = _grants(registry)
    for agency in registry.agencies:
        principal = f"User:{agency}"
        writes = {name for who, kind, name, op in grants if who == principal and op == "WRITE"}
        reads = {name for who, kind, name, op in grants if who == principal and op == "READ" and kind == "TOPIC"}
        assert writes == {f"ddp.inbound.{agency}"}
        assert reads == {f"ddp.outbound.{agency}"}


def test_producers_write_and_readers_read_every_topic_and_nobody_else_writes(registry: TopicRegistry) -> None:
    grants = _grants(registry)
    exempt = set(registry.super_users)
    for topic in registry.topics:
        for producer in set(topic.producers) - exempt:
            assert {(f"User:{producer}", "TOPIC", topic.name, op) for op in ("WRITE", "DESCRIBE")} <= grants
        for reader in set(registry.readers(topic)) - exempt:
            assert {(f"User:{reader}", "TOPIC", topic.name, op) for op in ("READ", "DESCRIBE")} <= grants
    for topic in registry.topics:
        writers = {who for who, _, name, op in grants if name == topic.name and op == "WRITE"}
        assert writers == {f"User:{p}" for p in set(topic.producers) - exempt}


def test_the_operator_reads_what_on_call_watches_and_never_an_agencys_inbound_data(registry: TopicRegistry) -> None:
    grants = _grants(registry)
    reads = {name for who, kind, name, op in grants if who == f"User:{OPERATOR}" and op == "READ"}
    writes = {name for who, kind, name, op in grants if who == f"User:{OPERATOR}" and op == "WRITE"}
    watched = {TopicKind.DOMAIN, TopicKind.OUTBOUND, TopicKind.DEAD_LETTER}
    assert reads == {t.name for t in registry.topics if t.kind in watched}
    assert writes == set()


def test_the_operator_sees_every_services_consumer_positions_by_offsets_alone(registry: TopicRegistry) -> None:
    operator = {(kind, name, op) for who, kind, name, op in _grants(registry) if who == f"User:{OPERATOR}"}
    consumed = {topic.name for service in registry.services for topic in registry.read_by(service)}
    groups = {(kind, name, op) for kind, name, op in operator if kind == "GROUP"}
    assert groups == {("GROUP", f"ddp.{service}", "DESCRIBE") for service in registry.services}
    for name in consumed:
        assert ("TOPIC", name, "DESCRIBE") in operator
    inbound = {t.name for t in registry.topics if t.kind is TopicKind.INBOUND}
    assert {op for kind, name, op in operator if name in inbound} == {"DESCRIBE"}, "offsets, never records"


def test_dead_letters_are_read_by_the_operator_only_and_redrive_is_written_by_the_admin_only(
    registry: TopicRegistry,
) -> None:
    grants = _grants(registry)
    for topic in registry.topics:
        readers = {who for who, kind, name, op in grants if name == topic.name and op == "READ"}
        writers = {who for who, kind, name, op in grants if name == topic.name and op == "WRITE"}
        if topic.kind is TopicKind.DEAD_LETTER:
            assert readers == {f"User:{OPERATOR}"}
        if topic.kind is TopicKind.REDRIVE:
            assert writers == set() and topic.producers == [ADMIN]  # the admin is a super user: no ACL needed


def test_the_admin_is_the_only_super_user_and_needs_no_binding(registry: TopicRegistry) -> None:
    assert registry.super_users == [ADMIN]
    assert not [b for b in acl_bindings(registry) if b["principal"] == f"User:{ADMIN}"]


def test_each_consuming_service_reads_its_own_group_and_each_agency_its_prefixed_groups(
    registry: TopicRegistry,
) -> None:
    # (Joining a group and committing in it takes READ; the operator's DESCRIBE is checked above.)
    groups = {
        (b["principal"], b["resource_name"], b["pattern_type"])
        for b in acl_bindings(registry)
        if b["resource_type"] == "GROUP" and b["operation"] == "READ"
    }
    consuming = {s for s in registry.services if registry.read_by(s)}
    reading = {a for a in registry.agencies if any(a in registry.readers(t) for t in registry.topics)}
    assert groups == {(f"User:{s}", f"ddp.{s}", "LITERAL") for s in consuming} | {
        (f"User:{a}", f"ddp.{a}.", "PREFIXED") for a in reading
    }


def test_a_namespaced_deployment_gets_the_same_bindings_on_its_own_names(registry: TopicRegistry) -> None:
    plain, spaced = acl_bindings(registry), acl_bindings(registry, TopicNamespace("t-1"))
    cluster = [b for b in plain if b["resource_type"] == "CLUSTER"]
    assert cluster == [b for b in spaced if b["resource_type"] == "CLUSTER"], "one cluster for every namespace"
    plain, spaced = [b for b in plain if b not in cluster], [b for b in spaced if b not in cluster]
    assert len(plain) == len(spaced)
    assert all(b["resource_name"].startswith("t-1.ddp.") for b in spaced)
    assert sorted(b["resource_name"] for b in spaced) == sorted("t-1." + b["resource_name"] for b in plain)


def test_every_principal_that_writes_may_use_an_idempotent_producer_and_no_reader_may(registry: TopicRegistry) -> None:
    idempotent = {b["principal"] for b in acl_bindings(registry) if b["operation"] == "IDEMPOTENT_WRITE"}
    writers = {p for t in registry.topics for p in t.producers} - set(registry.super_users)
    assert idempotent == {f"User:{p}" for p in writers}
    assert f"User:{OPERATOR}" not in idempotent
