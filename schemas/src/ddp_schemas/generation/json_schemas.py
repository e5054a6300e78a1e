"""One JSON Schema per event type and version, generated from the catalogue's models."""

from typing import Any

from ddp_schemas.catalogue import CATALOGUE, EventCatalogue
from ddp_schemas.event import Event
from ddp_schemas.generation.rendering import render_json

DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSONSCHEMA_DIR = "schemas/generated/jsonschema"

Schema = dict[str, Any]
EventKey = tuple[str, int]


def schema_id(event_type: str, version: int) -> str:
    """The stable identifier of a (type, version) schema, also usable as ``ce_dataschema``."""
    return f"urn:ddp:schema:{event_type}:v{version}"


def schema_file(event_type: str, version: int) -> str:
    """The schema's path below a schema directory (generated or released)."""
    return f"{event_type}/v{version}.json"


def json_schema(model: type[Event]) -> Schema:
    """The JSON Schema of ``model``'s data, labelled with its event type and version."""
    return {
        **model.model_json_schema(),
        "$schema": DIALECT,
        "$id": schema_id(model.event_type, model.version),
        "title": f"{model.event_type} v{model.version}",
        "x-ddp-event-type": model.event_type,
        "x-ddp-version": model.version,
    }


def json_schemas(catalogue: EventCatalogue = CATALOGUE) -> dict[EventKey, Schema]:
    """Every (type, version) in ``catalogue`` with its JSON Schema, in sorted order."""
    return {(model.event_type, model.version): json_schema(model) for model in catalogue.models()}


def json_schema_files(catalogue: EventCatalogue = CATALOGUE) -> dict[str, str]:
    """Generated schema files: path relative to the repository root -> file text."""
    return {
        f"{JSONSCHEMA_DIR}/{schema_file(event_type, version)}": render_json(schema)
        for (event_type, version), schema in json_schemas(catalogue).items()
    }
