"""Reusable AsyncAPI schemas: event payloads and the CloudEvents headers that carry them."""

import json
from collections.abc import Mapping
from typing import Any

from ddp_schemas.envelope import CLASSIFICATION, CONTENT_TYPE, SPEC_VERSION
from ddp_schemas.generation.json_schemas import EventKey, Schema, schema_id
from ddp_schemas.generation.rendering import sorted_keys
from ddp_schemas.kafka_binding import CONTENT_TYPE_HEADER, HEADER_PREFIX

# The headers kafka_binding.decode refuses to do without; a contract test keeps the two in step.
REQUIRED_HEADERS = ("id", "source", "type", "specversion", "dataversion")
_COMPONENTS = "#/components/schemas/"


def message_key(event_type: str, version: int) -> str:
    """The AsyncAPI name of one event version, e.g. ``ddp.referral.submitted.v1``."""
    return f"{event_type}.v{version}"


def headers_key(event_type: str, version: int) -> str:
    """The component name of one event version's headers schema."""
    return f"{message_key(event_type, version)}.headers"


def headers_schema(event_type: str, version: int) -> Schema:
    """The ``ce_*`` headers of the CloudEvents Kafka binding (binary mode) for one event version."""

    def text(description: str, **constraints: Any) -> Schema:
        return {"type": "string", "description": description, **constraints}

    properties = {
        "id": text("Event id, the idempotency key.", format="uuid"),
        "source": text("URI reference of the producer. The origin is the topic, never this header."),
        "type": text("Event type.", const=event_type),
        "specversion": text("CloudEvents version.", const=SPEC_VERSION),
        "dataversion": text("Version of the event type's data schema.", const=str(version)),
        "time": text("When the event happened (RFC 3339).", format="date-time"),
        "subject": text("The case id, or the sender's own reference before a case exists."),
        "dataschema": text(f"Optional; when present, {schema_id(event_type, version)}."),
        "correlationid": text("Id of the event that started this chain.", format="uuid"),
        "causationid": text("Id of the event that caused this one.", format="uuid"),
        "classification": text("Protective marking.", const=CLASSIFICATION),
    }
    headers = {HEADER_PREFIX + name: schema for name, schema in properties.items()}
    headers[CONTENT_TYPE_HEADER] = text("Content type of the value.", const=CONTENT_TYPE)
    return {
        "type": "object",
        "required": [HEADER_PREFIX + name for name in REQUIRED_HEADERS],
        "properties": headers,
    }


def schema_components(schemas: Mapping[EventKey, Schema]) -> dict[str, Schema]:
    """Payload and header schemas for ``schemas``, with pydantic's ``$defs`` hoisted to components.

    A definition shared unchanged by several events appears once under its own name; a name
    that means different things in different events is qualified with the event's key, so
    no reference is ambiguous.
    """
    wanted = {key: schemas[key] for key in sorted(schemas)}
    variants: dict[str, set[str]] = {}
    for schema in wanted.values():
        for name, definition in schema.get("$defs", {}).items():
            variants.setdefault(name, set()).add(json.dumps(definition, sort_keys=True))
    components: dict[str, Schema] = {}
    for (event_type, version), schema in wanted.items():
        key = message_key(event_type, version)
        names = {name: name if len(variants[name]) == 1 else f"{key}.{name}" for name in schema.get("$defs", {})}
        for name, definition in schema.get("$defs", {}).items():
            components[names[name]] = _rewrite_refs(definition, names)
        # $id and $schema would change how references inside the payload resolve.
        body = {k: v for k, v in schema.items() if k not in ("$defs", "$id", "$schema")}
        components[key] = _rewrite_refs(body, names)
        components[headers_key(event_type, version)] = headers_schema(event_type, version)
    return {name: sorted_keys(components[name]) for name in sorted(components)}


def _rewrite_refs(node: Any, names: dict[str, str]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node = {**node, "$ref": _COMPONENTS + names[ref.removeprefix("#/$defs/")]}
        return {k: _rewrite_refs(v, names) if k != "$ref" else v for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(item, names) for item in node]
    return node
