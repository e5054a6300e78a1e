"""Retrying what is worth retrying: transient faults told from faults in the input, and the backoff between tries."""

import asyncio
import random

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# SQLSTATE classes that mean "try again": connection exceptions, serialization failure,
# deadlock, insufficient resources, operator intervention (e.g. the server shutting down).
_TRANSIENT_SQLSTATE_PREFIXES = ("08", "40001", "40P01", "53", "57")


class ConcurrentChange(Exception):
    """Another transaction committed what this one was about to create (the database refused the
    second copy): the batch is rolled back and applied again, and then sees what the other made."""


def is_transient(error: BaseException) -> bool:
    """True when the fault lies with the database or broker, not with the record being handled."""
    if isinstance(error, ConcurrentChange):
        return True
    if isinstance(error, (OperationalError, InterfaceError, ConnectionError, TimeoutError, asyncio.TimeoutError)):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    # The driver's own errors (asyncpg raises some while connecting, unwrapped) carry a SQLSTATE too.
    origin = error.orig if isinstance(error, DBAPIError) else error
    sqlstate = getattr(origin, "sqlstate", None) or getattr(origin, "pgcode", None)
    if isinstance(sqlstate, str) and sqlstate.startswith(_TRANSIENT_SQLSTATE_PREFIXES):
        return True
    if isinstance(error, OSError):
        return True
    cause = error.__cause__ or error.__context__
    return cause is not None and cause is not error and is_transient(cause)


class Backoff:
    """Exponential backoff with full jitter, capped."""

    def __init__(self, initial: float, maximum: float) -> None:
        self._initial = initial
        self._maximum = maximum
        self.attempt = 0

    def next_delay(self) -> float:
        # The exponent stops growing once the cap is reached: no overflow however long the outage.
        ceiling = min(self._maximum, self._initial * (2 ** min(self.attempt, 32)))
        self.attempt += 1
        return random.uniform(ceiling / 2, ceiling)

    async def wait(self) -> None:
        await asyncio.sleep(self.next_delay())

    def reset(self) -> None:
        self.attempt = 0
