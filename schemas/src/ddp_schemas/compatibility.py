"""Breaking-change detection for released event schemas.

A released (type, version) is frozen: its records stay on topics and are replayed, so today's
model must still accept every record the released schema accepted (backward compatibility).
Loosening is fine (an optional property added, a type widened, an enum value added); anything
that could reject an old record is a violation.
"""

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

Schema = dict[str, Any]
_EXACT = ("const", "format", "pattern", "multipleOf")
_LOWER_BOUNDS = ("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum")
_UPPER_BOUNDS = ("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum")
_PYTHON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}


def incompatibilities(old: Schema, new: Schema) -> list[str]:
    """Each way ``new`` may reject data ``old`` accepted, as ``<path>: <what>``."""
    return list(_Comparison(old, new).nodes(old, new, ""))


def check_released(released_dir: Path, current: Mapping[tuple[str, int], Schema]) -> list[str]:
    """Compare every frozen ``<type>/v<N>.json`` under ``released_dir`` with ``current``.

    Returns ``<type> v<N>: <path>: <what>`` lines; empty when every release is still honoured.
    """
    problems = []
    for path in sorted(released_dir.glob("*/v*.json")):
        key = (path.parent.name, int(path.stem.removeprefix("v")))
        label = f"{key[0]} v{key[1]}"
        if key not in current:
            problems.append(f"{label}: (root): released but no longer in the catalogue")
            continue
        old = json.loads(path.read_text())
        problems += [f"{label}: {found}" for found in incompatibilities(old, current[key])]
    return problems


class _Comparison:
    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self._roots = (old_root, new_root)
        # Definition pairs being compared; a recursive model meets its own pair again.
        self._open: set[tuple[str, str]] = set()

    def nodes(self, old: Any, new: Any, path: str) -> Iterator[str]:
        old_types, new_types = _alternatives(old, self._roots[0]), _alternatives(new, self._roots[1])
        if any(not _still_accepted(t, new_types) for t in old_types):
            yield f"{_label(path)}: type changed from {_names(old_types)} to {_names(new_types)}"
        for json_type, old_alternatives in old_types.items():
            target = json_type if json_type in new_types else "number" if json_type == "integer" else ""
            for (old_ref, old_node), (new_ref, new_node) in zip(
                old_alternatives, new_types.get(target, []), strict=False
            ):
                refs = (old_ref, new_ref)
                if refs in self._open:
                    continue
                if all(refs):
                    self._open.add(refs)
                yield from self._details(old_node, new_node, path)
                self._open.discard(refs)

    def _details(self, old: Schema, new: Schema, path: str) -> Iterator[str]:
        here = _label(path)
        if "enum" in new and "enum" not in old:
            yield f"{here}: values restricted to {new['enum']}"
        elif removed := [v for v in old.get("enum", []) if "enum" in new and v not in new["enum"]]:
            yield f"{here}: enum values removed: {', '.join(map(str, removed))}"
        for key in _EXACT:
            if key in new and old.get(key) != new[key]:
                yield f"{here}: {key} changed from {old.get(key, 'none')} to {new[key]}"
        for keys, tighter in ((_LOWER_BOUNDS, lambda o, n: n > o), (_UPPER_BOUNDS, lambda o, n: n < o)):
            for key in (k for k in keys if k in new and (k not in old or tighter(old[k], new[k]))):
                yield f"{here}: {key} tightened from {old.get(key, 'none')} to {new[key]}"
        if new.get("uniqueItems") and not old.get("uniqueItems"):
            yield f"{here}: items must now be unique"
        if "items" in old or "items" in new:
            yield from self.nodes(old.get("items", {}), new.get("items", {}), path + "[]")
        yield from self._properties(old, new, path)

    def _properties(self, old: Schema, new: Schema, path: str) -> Iterator[str]:
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in old_props:
            if name not in new_props:
                yield f"{_join(path, name)}: property removed"
                continue
            yield from self.nodes(old_props[name], new_props[name], _join(path, name))
            if name in new_required - old_required:
                yield f"{_join(path, name)}: optional property made required"
        for name in sorted(new_required - set(old_props)):
            yield f"{_join(path, name)}: new required property"
        old_extra, new_extra = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if new_extra is not True and (old_extra is True or (new_extra is False and old_extra is not False)):
            yield f"{_label(path)}: additionalProperties tightened"
        elif isinstance(old_extra, dict) and isinstance(new_extra, dict):
            yield from self.nodes(old_extra, new_extra, _join(path, "*"))


def _alternatives(node: Any, root: Schema) -> dict[str, list[tuple[str, Schema]]]:
    """The node's alternatives by JSON type, each with the reference it was reached through."""
    found: dict[str, list[tuple[str, Schema]]] = {}
    pending = [node]
    while pending:
        ref, item = _resolve(pending.pop(0), root)
        if isinstance(item, dict) and ("anyOf" in item or "oneOf" in item):
            pending[:0] = item.get("anyOf", []) + item.get("oneOf", [])
        elif isinstance(item, dict):
            json_types = item.get("type", _inferred_type(item))
            for json_type in json_types if isinstance(json_types, list) else [json_types]:
                found.setdefault(json_type, []).append((ref, item))
        elif item is True:
            found.setdefault("any", []).append((ref, {}))
    return found


def _resolve(node: Any, root: Schema) -> tuple[str, Any]:
    ref = ""
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#"):
        ref, target = node["$ref"], root
        for part in filter(None, ref[1:].split("/")):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}} if isinstance(target, dict) else target
    if isinstance(node, dict) and len(node.get("allOf", [])) == 1:
        # Older pydantic wraps a lone reference in allOf to attach a description.
        inner_ref, inner = _resolve(node["allOf"][0], root)
        ref, node = ref or inner_ref, {**{k: v for k, v in node.items() if k != "allOf"}, **inner}
    return ref, node


def _inferred_type(node: Schema) -> str:
    if "properties" in node:
        return "object"
    if "items" in node:
        return "array"
    kinds = {_PYTHON_TYPES.get(type(v), "any") for v in node.get("enum", [node.get("const", ...)])}
    return kinds.pop() if len(kinds) == 1 else "any"


def _still_accepted(json_type: str, new_types: Mapping[str, Any]) -> bool:
    return json_type in new_types or "any" in new_types or (json_type == "integer" and "number" in new_types)


def _names(by_type: Mapping[str, Any]) -> str:
    return "|".join(sorted(by_type)) or "nothing"


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _label(path: str) -> str:
    return path or "(root)"
