"""Breaking-change rules for released schemas: each rule once compatible, once not."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.compatibility import check_released, incompatibilities
from ddp_schemas.generation.json_schemas import json_schema, json_schemas
from ddp_schemas.generation.release import RELEASED_DIR


def obj(properties: dict, required: tuple[str, ...] = (), **extra) -> dict:
    return {"type": "object", "properties": properties, "required": list(required), **extra}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NULLABLE_STRING = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
BASE = obj({"id": STRING, "note": NULLABLE_STRING}, ("id",), additionalProperties=False)

COMPATIBLE = {
    "unchanged": (BASE, BASE),
    "optional property added": (
        BASE,
        {**BASE, "properties": {**BASE["properties"], "extra": NULLABLE_STRING}},
    ),
    "type widened to nullable": (obj({"a": STRING}), obj({"a": NULLABLE_STRING})),
    "integer widened to number": (obj({"a": INTEGER}), obj({"a": {"type": "number"}})),
    "enum value added": (obj({"a": {"enum": ["X", "Y"]}}), obj({"a": {"enum": ["X", "Y", "Z"]}})),
    "format removed": (obj({"a": {"type": "string", "format": "date"}}), obj({"a": STRING})),
    "required made optional": (obj({"a": STRING}, ("a",)), obj({"a": STRING})),
    "additionalProperties loosened": (obj({}, additionalProperties=False), obj({})),
    "maxLength loosened": (
        obj({"a": {"type": "string", "maxLength": 32}}),
        obj({"a": {"type": "string", "maxLength": 64}}),
    ),
    "nested object unchanged": (obj({"m": obj({"t": STRING})}), obj({"m": obj({"t": STRING})})),
    "inline replaced by equal $defs reference": (
        obj({"m": obj({"t": STRING})}),
        {**obj({"m": {"$ref": "#/$defs/M"}}), "$defs": {"M": obj({"t": STRING})}},
    ),
    "array items unchanged": (
        obj({"xs": {"type": "array", "items": STRING}}),
        obj({"xs": {"type": "array", "items": STRING}}),
    ),
    "titles and descriptions ignored": (
        obj({"a": STRING}),
        obj({"a": {**STRING, "title": "A", "description": "new"}}),
    ),
}

INCOMPATIBLE = {
    "property removed": (
        BASE,
        obj({"id": STRING}, ("id",), additionalProperties=False),
        "note: property removed",
    ),
    "property renamed": (
        BASE,
        obj({"id": STRING, "remark": NULLABLE_STRING}, ("id",), additionalProperties=False),
        "note: property removed",
    ),
    "type changed": (obj({"a": STRING}), obj({"a": INTEGER}), "a: type changed from string to integer"),
    "nullable narrowed": (
        obj({"a": NULLABLE_STRING}),
        obj({"a": STRING}),
        "a: type changed from null|string to string",
    ),
    "enum value removed": (
        obj({"a": {"type": "string", "enum": ["X", "Y"]}}),
        obj({"a": {"type": "string", "enum": ["X"]}}),
        "a: enum values removed: Y",
    ),
    "format changed": (
        obj({"a": {"type": "string", "format": "date"}}),
        obj({"a": {"type": "string", "format": "date-time"}}),
        "a: format changed from date to date-time",
    ),
    "pattern added": (
        obj({"a": STRING}),
        obj({"a": {"type": "string", "pattern": "^X"}}),
        "a: pattern changed from none to ^X",
    ),
    "nested type changed": (
        obj({"m": obj({"t": STRING})}),
        obj({"m": obj({"t": INTEGER})}),
        "m.t: type changed from string to integer",
    ),
    "changed behind $defs": (
        {
            **obj({"m": {"$ref": "#/$defs/M"}}),
            "$defs": {"M": obj({"t": {"enum": ["A", "B"], "type": "string"}})},
        },
        {**obj({"m": {"$ref": "#/$defs/M"}}), "$defs": {"M": obj({"t": {"enum": ["A"], "type": "string"}})}},
        "m.t: enum values removed: B",
    ),
    "optional made required": (
        obj({"a": STRING}),
        obj({"a": STRING}, ("a",)),
        "a: optional property made required",
    ),
    "new required property": (
        obj({"a": STRING}),
        obj({"a": STRING, "b": STRING}, ("b",)),
        "b: new required property",
    ),
    "additionalProperties tightened": (
        obj({}),
        obj({}, additionalProperties=False),
        "(root): additionalProperties tightened",
    ),
    "maxLength tightened": (
        obj({"a": {"type": "string", "maxLength": 64}}),
        obj({"a": {"type": "string", "maxLength": 32}}),
        "a: maxLength tightened from 64 to 32",
    ),
    "array items changed": (
        obj({"xs": {"type": "array", "items": STRING}}),
        obj({"xs": {"type": "array", "items": INTEGER}}),
        "xs[]: type changed from string to integer",
    ),
}


@pytest.mark.parametrize(("old", "new"), COMPATIBLE.values(), ids=COMPATIBLE.keys())
def test_compatible_change_is_accepted(old: dict, new: dict) -> None:
    assert incompatibilities(old, new) == []


@pytest.mark.parametrize(("old", "new", "expected"), INCOMPATIBLE.values(), ids=INCOMPATIBLE.keys())
def test_incompatible_change_is_reported(old: dict, new: dict, expected: str) -> None:
    assert expected in incompatibilities(old, new)


def test_recursive_definitions_terminate() -> None:
    node = obj({"children": {"type": "array", "items": {"$ref": "#/$defs/T"}}, "n": STRING})
    tree = {**node, "$defs": {"T": node}}
    changed = {**node, "$defs": {"T": {**node, "properties": {**node["properties"], "n": INTEGER}}}}
    assert incompatibilities(tree, tree) == []
    assert "children[].n: type changed from string to integer" in incompatibilities(tree, changed)


def test_recursion_through_an_optional_reference_terminates() -> None:
    node = obj({"next": {"anyOf": [{"$ref": "#/$defs/N"}, {"type": "null"}]}, "n": STRING})
    chain = {**node, "$defs": {"N": node}}
    assert incompatibilities(chain, chain) == []


@pytest.mark.parametrize("model", CATALOGUE.models(), ids=lambda m: f"{m.event_type}.v{m.version}")
def test_every_catalogue_schema_detects_each_removed_property(model) -> None:
    schema = json_schema(model)
    assert incompatibilities(schema, schema) == []
    for name in schema["properties"]:
        trimmed = {**schema, "properties": {k: v for k, v in schema["properties"].items() if k != name}}
        assert f"{name}: property removed" in incompatibilities(schema, trimmed)


@given(
    st.dictionaries(
        st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
        st.sampled_from(["string", "integer", "boolean"]),
        max_size=6,
    ),
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
)
def test_adding_an_optional_property_is_always_compatible(fields: dict[str, str], added: str) -> None:
    old = obj({name: {"type": t} for name, t in fields.items()}, tuple(fields), additionalProperties=False)
    new = {**old, "properties": {**old["properties"], added: NULLABLE_STRING}}
    assert incompatibilities(old, new) == []


def test_check_released_labels_each_violation(tmp_path: Path) -> None:
    (tmp_path / "ddp.thing.done").mkdir()
    (tmp_path / "ddp.thing.done" / "v1.json").write_text(json.dumps(obj({"a": STRING})))
    (tmp_path / "ddp.thing.gone").mkdir()
    (tmp_path / "ddp.thing.gone" / "v2.json").write_text(json.dumps(obj({})))
    current = {("ddp.thing.done", 1): obj({"a": INTEGER})}
    assert check_released(tmp_path, current) == [
        "ddp.thing.done v1: a: type changed from string to integer",
        "ddp.thing.gone v2: (root): released but no longer in the catalogue",
    ]


def test_current_catalogue_honours_every_release(repo_root: Path) -> None:
    released = repo_root / RELEASED_DIR
    assert sorted(p.relative_to(released).as_posix() for p in released.glob("*/v*.json")), "nothing released"
    assert check_released(released, json_schemas()) == []
