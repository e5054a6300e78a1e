"""The person's custody periods, as the case's suspensions and resumptions reported them."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CustodyPeriod:
    """In custody from ``starts_at`` (the start of the recall date) until ``ends_at`` (the end of the
    release date), or still in custody."""

    starts_at: datetime
    ends_at: datetime | None = None

    def covers(self, moment: datetime) -> bool:
        return self.starts_at <= moment and (self.ends_at is None or moment < self.ends_at)
