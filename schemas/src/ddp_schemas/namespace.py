"""Topic namespaces: one Kafka cluster can hold several isolated copies of the platform's topics.

Every registry topic ``ddp.x.y`` is ``<namespace>.ddp.x.y`` on the wire when a namespace is
set (test suites give each test its own); with no namespace the names are the registry's.
"""

import re
from dataclasses import dataclass

_VALID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")


@dataclass(frozen=True)
class TopicNamespace:
    name: str = ""

    def __post_init__(self) -> None:
        if self.name and not _VALID.fullmatch(self.name):
            raise ValueError("a topic namespace is 1-41 lowercase letters, digits or hyphens")

    def physical(self, topic: str) -> str:
        """The name on the wire of registry topic ``topic``."""
        return f"{self.name}.{topic}" if self.name else topic

    def logical(self, physical: str) -> str:
        """The registry name of wire topic ``physical``."""
        if not self.name:
            return physical
        prefix = self.name + "."
        if not physical.startswith(prefix):
            raise ValueError(f"{physical} is outside namespace {self.name}")
        return physical[len(prefix) :]
