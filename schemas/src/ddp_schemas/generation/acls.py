"""Kafka ACLs derived from the topic registry: who may write, read and join which group.

Producers get WRITE and DESCRIBE on their topics, consumers READ and DESCRIBE. Each service
that consumes also gets READ on its consumer group ``ddp.<service>``. Nothing else is allowed:
an agency can write only its own inbound topic and read only its own outbound topic.
"""

from ddp_schemas.generation.rendering import render_json
from ddp_schemas.topics import TopicRegistry

ACLS_PATH = "schemas/generated/acls.json"

AclBinding = dict[str, str]


def consumer_group(service: str) -> str:
    """The consumer group every instance of ``service`` joins."""
    return f"ddp.{service}"


def acl_bindings(registry: TopicRegistry) -> list[AclBinding]:
    """Every ALLOW binding the registry implies, sorted and without duplicates."""
    grants: set[tuple[str, str, str, str]] = set()
    for topic in registry.topics:
        for producer in topic.producers:
            grants |= {("TOPIC", topic.name, producer, op) for op in ("WRITE", "DESCRIBE")}
        for consumer in topic.consumers:
            grants |= {("TOPIC", topic.name, consumer, op) for op in ("READ", "DESCRIBE")}
            if consumer in registry.services:
                grants.add(("GROUP", consumer_group(consumer), consumer, "READ"))
    return [
        {
            "principal": f"User:{principal}",
            "resource_type": resource_type,
            "resource_name": name,
            "pattern_type": "LITERAL",
            "operation": operation,
            "permission": "ALLOW",
        }
        for resource_type, name, principal, operation in sorted(grants)
    ]


def render_acls(registry: TopicRegistry) -> str:
    """The bindings as deterministic JSON."""
    return render_json(acl_bindings(registry))
