"""What "now" is: one definition for every service, so tests can move time by passing another clock."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The wall clock, timezone-aware (UTC)."""
    return datetime.now(UTC)
