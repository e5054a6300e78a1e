"""Committed generated files equal what the code generates, and generation is deterministic."""

import json
from pathlib import Path

import pytest

from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.generation.artifacts import generated_files, stale_files
from ddp_schemas.generation.json_schemas import JSONSCHEMA_DIR, schema_id

GENERATED = generated_files()


@pytest.mark.parametrize("rel", GENERATED)
def test_committed_file_is_current(rel: str, repo_root: Path) -> None:
    path = repo_root / rel
    assert path.is_file(), f"{rel} is missing: run `ddp-schemas generate`"
    assert path.read_text() == GENERATED[rel], f"{rel} is out of date: run `ddp-schemas generate`"


def test_no_stale_generated_files(repo_root: Path) -> None:
    assert stale_files(repo_root, GENERATED) == []


def test_generation_is_deterministic() -> None:
    assert generated_files() == GENERATED


def test_one_json_schema_per_catalogue_version() -> None:
    expected = {f"{JSONSCHEMA_DIR}/{m.event_type}/v{m.version}.json" for m in CATALOGUE.models()}
    assert {rel for rel in GENERATED if rel.startswith(JSONSCHEMA_DIR)} == expected


@pytest.mark.parametrize("model", CATALOGUE.models(), ids=lambda m: f"{m.event_type}.v{m.version}")
def test_json_schema_is_labelled(model) -> None:
    text = GENERATED[f"{JSONSCHEMA_DIR}/{model.event_type}/v{model.version}.json"]
    schema = json.loads(text)
    assert (
        schema["$id"]
        == schema_id(model.event_type, model.version)
        == f"urn:ddp:schema:{model.event_type}:v{model.version}"
    )
    assert schema["title"] == f"{model.event_type} v{model.version}"
    assert (schema["x-ddp-event-type"], schema["x-ddp-version"]) == (model.event_type, model.version)
    assert text.endswith("}\n") and text == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
