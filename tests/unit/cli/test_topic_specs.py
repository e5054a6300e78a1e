"""Topic provisioning specs, derived from the registry (no cluster involved)."""

import pytest

from ddp_cli.topics import topic_specs
from ddp_schemas.namespace import TopicNamespace


def by_name(specs):
    return {spec.name: spec for spec in specs}


def test_there_is_one_spec_per_registry_topic(registry) -> None:
    specs = topic_specs(registry, TopicNamespace(), None)
    assert sorted(s.name for s in specs) == sorted(t.name for t in registry.topics)


def test_partitions_and_retention_come_from_the_registry(registry) -> None:
    specs = by_name(topic_specs(registry, TopicNamespace(), None))
    for topic in registry.topics:
        spec = specs[topic.name]
        assert spec.num_partitions == topic.partitions
        assert spec.topic_configs["retention.ms"] == str(topic.retention_ms)


def test_dead_letters_are_kept_for_less_time_than_inbound_records(registry) -> None:
    specs = by_name(topic_specs(registry, TopicNamespace(), None))
    assert int(specs["ddp.referrals.dlq"].topic_configs["retention.ms"]) < int(
        specs["ddp.inbound.probation"].topic_configs["retention.ms"]
    )


def test_by_default_topics_use_the_registry_replication_and_durability(registry) -> None:
    for spec in topic_specs(registry, TopicNamespace(), None):
        assert spec.replication_factor == 3
        assert spec.topic_configs["min.insync.replicas"] == "2"
        assert spec.topic_configs["unclean.leader.election.enable"] == "false"


def test_a_one_broker_cluster_lowers_min_insync_replicas_to_match(registry) -> None:
    for spec in topic_specs(registry, TopicNamespace(), 1):
        assert spec.replication_factor == 1
        assert spec.topic_configs["min.insync.replicas"] == "1"


@pytest.mark.parametrize("replicas", [2, 3, 5])
def test_a_replication_factor_of_two_or_more_keeps_min_insync_replicas(registry, replicas) -> None:
    for spec in topic_specs(registry, TopicNamespace(), replicas):
        assert spec.replication_factor == replicas
        assert spec.topic_configs["min.insync.replicas"] == "2"


def test_the_namespace_is_applied_to_every_name(registry) -> None:
    specs = topic_specs(registry, TopicNamespace("ci-42"), None)
    assert sorted(s.name for s in specs) == sorted(f"ci-42.{t.name}" for t in registry.topics)


def test_specs_do_not_share_or_alter_the_registry_defaults(registry) -> None:
    before = dict(registry.defaults.configs)
    specs = topic_specs(registry, TopicNamespace(), 1)
    specs[0].topic_configs["cleanup.policy"] = "compact"
    assert registry.defaults.configs == before
    assert specs[1].topic_configs["cleanup.policy"] == "delete"
