"""Creating the registry's topics (partitions and configs) on a cluster; never left to auto-creation."""

from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicRegistry


@dataclass(frozen=True)
class ProvisionResult:
    created: list[str]
    existing: list[str]


def topic_specs(registry: TopicRegistry, namespace: TopicNamespace, replication_factor: int | None) -> list[NewTopic]:
    """One NewTopic per registry topic. A smaller replication factor (a one-broker dev cluster)
    lowers ``min.insync.replicas`` to match, so writes with ``acks=all`` still succeed."""
    replicas = replication_factor or registry.defaults.replication_factor
    specs = []
    for topic in registry.topics:
        configs = dict(registry.defaults.configs)
        configs["retention.ms"] = str(topic.retention_ms)
        configs["min.insync.replicas"] = str(min(int(configs["min.insync.replicas"]), replicas))
        specs.append(
            NewTopic(
                name=namespace.physical(topic.name),
                num_partitions=topic.partitions,
                replication_factor=replicas,
                topic_configs=configs,
            )
        )
    return specs


async def provision_topics(
    access: KafkaAccess,
    registry: TopicRegistry,
    namespace: TopicNamespace = TopicNamespace(),
    replication_factor: int | None = None,
) -> ProvisionResult:
    """Create every missing topic; existing ones are left as they are (and reported)."""
    admin = AIOKafkaAdminClient(**access.aiokafka())
    await admin.start()
    try:
        present = set(await admin.list_topics())
        specs = topic_specs(registry, namespace, replication_factor)
        missing = [spec for spec in specs if spec.name not in present]
        if missing:
            await admin.create_topics(missing)
        return ProvisionResult(created=[s.name for s in missing], existing=[s.name for s in specs if s.name in present])
    finally:
        await admin.close()
