"""Work a service does on the clock (scheduled checks), each pass in one transaction with its events."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.emitter import Emitter

Pass = Callable[[AsyncSession, Emitter], Awaitable[int]]
"""One pass: given the transaction and an emitter, do up to a batch of work; return how much was done."""


@dataclass(frozen=True)
class PeriodicJob:
    """Runs ``run_once`` every ``interval_seconds`` for the service's lifetime (no cron outside it).

    A pass that did ``batch`` items or more may have left more behind, so the next one starts at
    once. A pass that fails is rolled back whole and tried again at the next interval; only the
    error's class is logged, since a message may quote data.
    """

    name: str
    interval_seconds: float
    run_once: Pass
    batch: int = 500
