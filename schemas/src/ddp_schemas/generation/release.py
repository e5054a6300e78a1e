"""Freezing schemas: ``schemas/released/<type>/v<N>.json`` is written once and never again."""

from pathlib import Path

from ddp_schemas.compatibility import check_released
from ddp_schemas.generation.json_schemas import json_schemas, schema_file
from ddp_schemas.generation.rendering import render_json

RELEASED_DIR = "schemas/released"


def release(root: Path) -> list[str]:
    """Freeze every (type, version) not yet released; return the files written.

    An existing released file is never overwritten: a released version that needs to change
    becomes a new version with an upcaster.
    """
    written = []
    for (event_type, version), schema in json_schemas().items():
        rel = f"{RELEASED_DIR}/{schema_file(event_type, version)}"
        path = root / rel
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x" mode: fail rather than overwrite if the file appeared meanwhile.
        with path.open("x") as out:
            out.write(render_json(schema))
        written.append(rel)
    return written


def compatibility_problems(root: Path) -> list[str]:
    """Released (type, version)s the current catalogue no longer honours."""
    return check_released(root / RELEASED_DIR, json_schemas())
