"""A service's dead letters grouped by reason code: how many, since when, and each one's coordinates."""

from dataclasses import dataclass, field
from datetime import datetime

from ddp_cli.topic_reader import ObservedEvent


@dataclass
class ReasonGroup:
    reason: str
    first: datetime
    last: datetime
    letters: list[ObservedEvent] = field(default_factory=list)


def grouped(letters: list[ObservedEvent]) -> list[ReasonGroup]:
    """By reason, the reason with the most recent dead letter first."""
    groups: dict[str, ReasonGroup] = {}
    for letter in sorted(letters, key=lambda d: d.event.time):
        reason, at = letter.event.data["reason_code"], letter.event.time
        group = groups.setdefault(reason, ReasonGroup(reason, at, at))
        group.last = at
        group.letters.append(letter)
    return sorted(groups.values(), key=lambda g: g.last, reverse=True)
