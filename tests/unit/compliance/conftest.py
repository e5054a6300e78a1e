"""Fixtures for compliance service-layer tests: one in-memory database, a clock the test moves, the policy."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest

from ddp_compliance.domain.events import DomainEvent
from ddp_compliance.domain.policy import Policy, default_policy
from ddp_messaging.handling import with_dependencies
from tests.unit.compliance.builders import at
from tests.unit.compliance.fakes import FakeDatabase, FakeUnitOfWork


class MovableClock:
    """Day 60 after the mandate start unless a test moves it."""

    def __init__(self) -> None:
        self.now = at(60, 9)

    def __call__(self) -> datetime:
        return self.now

    def move_to(self, moment: datetime) -> None:
        self.now = moment


class Compliance:
    """Runs use cases as bootstrap wires them (policy and clock bound), each on a unit of work of its own."""

    def __init__(self, db: FakeDatabase, clock: MovableClock, policy: Policy) -> None:
        self.db, self.clock, self.policy = db, clock, policy
        self.published: list[DomainEvent] = []  # everything published so far, in order

    async def __call__(self, use_case: Callable[..., Awaitable[Any]], command: object) -> FakeUnitOfWork:
        uow = FakeUnitOfWork(self.db)
        await with_dependencies(use_case, {"policy": self.policy, "clock": self.clock})(command, uow)
        self.published += uow.published
        return uow

    def of_type(self, kind: type) -> list[Any]:
        return [e for e in self.published if isinstance(e, kind)]


@pytest.fixture
def db() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def compliance(db: FakeDatabase, clock: MovableClock) -> Compliance:
    return Compliance(db, clock, default_policy())
