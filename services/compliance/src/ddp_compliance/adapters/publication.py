"""A wire event to publish: its case (key and subject) and the agencies it is addressed to."""

from dataclasses import dataclass
from uuid import UUID

from ddp_schemas.event import Event


@dataclass(frozen=True)
class Publication:
    """Goes on compliance's own topic when that carries its type, and to each agency in ``to``."""

    event: Event
    key: UUID
    to: tuple[str, ...] = ()
