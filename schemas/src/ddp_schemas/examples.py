"""Example Kafka records, one file each: ``schemas/examples/<type>/v<N>/<name>.json``.

Each file holds ``{"key": ..., "headers": {"ce_id": ..., ...}, "value": {...}}``: the record as an
agency or service would put it on a topic (CloudEvents Kafka binding, binary mode). The
examples are fictional and serve as documentation, as fixtures for tests and as a starting
point for agencies building their producers.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ddp_schemas import kafka_binding
from ddp_schemas.envelope import CloudEvent

# In the source tree the examples sit beside src/: schemas/examples.
EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


@dataclass(frozen=True)
class Example:
    """One example record; ``event_type`` and ``version`` come from its folder."""

    event_type: str
    version: int
    name: str
    key: str
    headers: dict[str, str]
    value: dict[str, Any]

    @property
    def label(self) -> str:
        """``<type>/v<N>/<name>``, as the file sits under the examples directory."""
        return f"{self.event_type}/v{self.version}/{self.name}"


def load_examples(directory: Path = EXAMPLES_DIR) -> list[Example]:
    """Every example under ``directory``, sorted by type, version and name."""
    examples = []
    for path in sorted(directory.glob("*/v*/*.json")):
        record = json.loads(path.read_text())
        examples.append(
            Example(
                event_type=path.parent.parent.name,
                version=int(path.parent.name.removeprefix("v")),
                name=path.stem,
                key=record["key"],
                headers=dict(record["headers"]),
                value=record["value"],
            )
        )
    return examples


def to_kafka(example: Example) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The record's value bytes and headers, as a producer sends them (compact JSON, UTF-8 headers)."""
    value = json.dumps(example.value, separators=(",", ":"), ensure_ascii=False).encode()
    headers = [(name, str(text).encode()) for name, text in example.headers.items()]
    return value, headers


def to_cloud_event(example: Example) -> CloudEvent:
    """The record as a consumer reads it with :func:`ddp_schemas.kafka_binding.decode`."""
    return kafka_binding.decode(*to_kafka(example))
