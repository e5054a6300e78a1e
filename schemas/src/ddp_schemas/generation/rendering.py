"""Deterministic text for generated files: the same input always gives the same bytes."""

import json
from typing import Any

import yaml


def render_json(document: Any) -> str:
    """JSON with sorted keys, two-space indent and a trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class _NoAliasDumper(yaml.SafeDumper):
    # A dict reused in two places would otherwise become an anchor and alias (&id001), which
    # makes the document harder to read and its text depend on object identity.
    def ignore_aliases(self, data: Any) -> bool:
        return True


def render_yaml(document: Any) -> str:
    """Block-style YAML in the document's own key order (callers build it in a fixed order)."""
    return yaml.dump(
        document,
        Dumper=_NoAliasDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=100,
    )


def sorted_keys(node: Any) -> Any:
    """A copy of ``node`` with every mapping's keys sorted, for embedding in ordered documents."""
    if isinstance(node, dict):
        return {key: sorted_keys(node[key]) for key in sorted(node)}
    if isinstance(node, list):
        return [sorted_keys(item) for item in node]
    return node
