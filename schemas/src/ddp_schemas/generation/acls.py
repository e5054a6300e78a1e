"""Kafka ACLs derived from the topic registry: who may write, read and join which group.

Producers get WRITE and DESCRIBE on their topics, readers (consumers, and operators who read
that kind of topic) READ and DESCRIBE. Each service that consumes also gets READ on its
consumer group ``ddp.<service>``; each agency that reads gets READ on the groups it names
``ddp.<agency>.*``. Every principal that writes gets IDEMPOTENT_WRITE on the cluster: its
producers are idempotent, and the broker's fallback (WRITE on some topic) was seen to refuse an
idempotent producer on a cluster while a broker was down. Super users (the admin) need no ACL.
An operator who watches consumers gets DESCRIBE (offsets and metadata, never a record) on every
topic a service reads and on every service's group. Nothing else is allowed: the broker denies
whatever no binding allows, so an agency writes only its own inbound topic and reads only its
own outbound topic.

A namespaced deployment (one test's copy of the topics) gets the same bindings on its own
topic and group names, so one broker serves several isolated copies with the same rules.
"""

from ddp_schemas.generation.rendering import render_json
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicRegistry

ACLS_PATH = "schemas/generated/acls.json"

AclBinding = dict[str, str]

CLUSTER = "kafka-cluster"  # the one name Kafka gives the cluster resource


def consumer_group(service: str) -> str:
    """The consumer group every instance of ``service`` joins."""
    return f"ddp.{service}"


def agency_group_prefix(agency: str) -> str:
    """The prefix of every consumer group ``agency`` may use for reading its outbound topic."""
    return f"ddp.{agency}."


def acl_bindings(registry: TopicRegistry, namespace: TopicNamespace = TopicNamespace()) -> list[AclBinding]:
    """Every ALLOW binding the registry implies, sorted and without duplicates."""
    grants: set[tuple[str, str, str, str, str]] = set()
    exempt = set(registry.super_users)

    def grant(resource_type: str, name: str, principal: str, operation: str, pattern: str = "LITERAL") -> None:
        if principal not in exempt:
            grants.add((resource_type, namespace.physical(name), pattern, principal, operation))

    for topic in registry.topics:
        for producer in topic.producers:
            for operation in ("WRITE", "DESCRIBE"):
                grant("TOPIC", topic.name, producer, operation)
            if producer not in exempt:  # one cluster, whatever the namespace: never prefixed
                grants.add(("CLUSTER", CLUSTER, "LITERAL", producer, "IDEMPOTENT_WRITE"))
        for reader in registry.readers(topic):
            for operation in ("READ", "DESCRIBE"):
                grant("TOPIC", topic.name, reader, operation)
            if reader in registry.services:
                grant("GROUP", consumer_group(reader), reader, "READ")
            elif reader in registry.agencies:
                grant("GROUP", agency_group_prefix(reader), reader, "READ", pattern="PREFIXED")
    for name, operator in registry.operators.items():
        if operator.watches_consumers:
            for service in registry.services:
                grant("GROUP", consumer_group(service), name, "DESCRIBE")
                for topic in registry.read_by(service):
                    grant("TOPIC", topic.name, name, "DESCRIBE")
    return [
        {
            "principal": f"User:{principal}",
            "resource_type": resource_type,
            "resource_name": name,
            "pattern_type": pattern,
            "operation": operation,
            "permission": "ALLOW",
        }
        for resource_type, name, pattern, principal, operation in sorted(grants)
    ]


def render_acls(registry: TopicRegistry) -> str:
    """The bindings as deterministic JSON."""
    return render_json(acl_bindings(registry))
