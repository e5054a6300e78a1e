"""The AsyncAPI 3.0 document of the platform, built from the topic registry and the models.

The document describes the platform as one application: it *receives* what agencies write on
their inbound topics and what services read from each other, and it *sends* on the domain,
outbound and dead-letter topics its services write.
"""

from typing import Any

from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CONTENT_TYPE
from ddp_schemas.generation.asyncapi_components import headers_key, message_key, schema_components
from ddp_schemas.generation.asyncapi_operations import operations
from ddp_schemas.generation.json_schemas import json_schemas
from ddp_schemas.generation.rendering import render_yaml
from ddp_schemas.topics import Topic, TopicKind, TopicRegistry

ASYNCAPI_PATH = "schemas/generated/asyncapi.yaml"
KAFKA_BINDING_VERSION = "0.5.0"
_KIND_SUMMARY = {
    TopicKind.INBOUND: "Written only by {owner}; the platform reads it.",
    TopicKind.DOMAIN: "Written only by the {owner} service.",
    TopicKind.OUTBOUND: "What {owner} needs to know; written by the platform, read by {owner}.",
    TopicKind.DEAD_LETTER: "Records the {owner} service could not process; platform access only.",
    TopicKind.REDRIVE: (
        "Dead-lettered records of the {owner} service, copied back by platform engineers after a fix;"
        " each keeps its original coordinates in ddp_redrive_* headers."
    ),
}


def asyncapi_document(registry: TopicRegistry) -> dict[str, Any]:
    """The AsyncAPI 3.0 document as plain data, keys in a fixed, readable order."""
    carried = {(e.type, v) for topic in registry.topics for e in topic.events for v in e.versions}
    schemas = {key: schema for key, schema in json_schemas().items() if key in carried}
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "DDP coordination platform",
            "version": str(registry.registry_version),
            "description": "Events exchanged over Kafka by the DDP coordination platform and its "
            "partner agencies. Generated from the topic registry; do not edit.",
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "kafka": {
                "host": "localhost:9092",
                "protocol": "kafka",
                "description": "Placeholder; each environment supplies its own bootstrap servers.",
            }
        },
        "channels": {topic.name: _channel(topic, registry) for topic in registry.topics},
        "operations": operations(registry),
        "components": {"schemas": schema_components(schemas)},
    }


def render_asyncapi(registry: TopicRegistry) -> str:
    """The document as deterministic YAML."""
    return render_yaml(asyncapi_document(registry))


def _channel(topic: Topic, registry: TopicRegistry) -> dict[str, Any]:
    configs = registry.defaults.configs
    channel: dict[str, Any] = {
        "address": topic.name,
        "description": _KIND_SUMMARY[topic.kind].format(owner=topic.owner) + f" Key: {topic.key}.",
        "messages": {
            message_key(carried.type, version): _message(topic, carried.type, version)
            for carried in topic.events
            for version in carried.versions
        },
        "bindings": {
            "kafka": {
                "partitions": topic.partitions,
                "replicas": registry.defaults.replication_factor,
                "topicConfiguration": {
                    "cleanup.policy": configs["cleanup.policy"].split(","),
                    "retention.ms": topic.retention_ms,
                    "min.insync.replicas": int(configs["min.insync.replicas"]),
                },
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
        "x-kind": topic.kind.value,
        "x-owner": topic.owner,
        "x-producers": list(topic.producers),
        "x-consumers": list(topic.consumers),
    }
    if topic.rejected_by:
        channel["x-rejected-by"] = topic.rejected_by
    return channel


def _message(topic: Topic, event_type: str, version: int) -> dict[str, Any]:
    message: dict[str, Any] = {"name": message_key(event_type, version), "title": f"{event_type} v{version}"}
    doc = (CATALOGUE.model(event_type, version).__doc__ or "").strip()
    if doc:
        message["summary"] = doc.splitlines()[0]
    message |= {
        "contentType": CONTENT_TYPE,
        "headers": {"$ref": "#/components/schemas/" + headers_key(event_type, version)},
        "payload": {"$ref": "#/components/schemas/" + message_key(event_type, version)},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": topic.key},
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
    }
    return message
