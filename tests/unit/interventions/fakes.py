"""An in-memory unit of work with the semantics of the SQL one, for fast tests of the use cases.

Plans are stored as copies without events, as a database would hand them back: whatever a use case
changes reaches ``stored`` only when it commits, and a refused use case leaves ``stored`` as it was.
"""

import copy
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import pytest

from ddp_interventions.domain.events import DomainEvent
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.refusal import Refusal


def _loaded(plan: Plan) -> Plan:
    stored = copy.deepcopy(plan)
    stored.events = []
    return stored


class FakePlanRepository:
    def __init__(self, plans: tuple[Plan, ...]) -> None:
        self.stored: dict[UUID, Plan] = {plan.case_id: _loaded(plan) for plan in plans}
        self.held: dict[UUID, Plan] = {}

    async def for_case(self, case_id: UUID) -> Plan | None:
        if case_id not in self.held:
            if case_id not in self.stored:
                return None
            self.held[case_id] = _loaded(self.stored[case_id])
        return self.held[case_id]

    async def add(self, plan: Plan) -> None:
        assert plan.case_id not in self.stored, "one plan per case (plans.case_id is unique)"
        self.held[plan.case_id] = plan

    async def case_of_session(self, session_id: UUID) -> UUID | None:
        return next((case_id for case_id, plan in self.stored.items() if session_id in plan.sessions), None)


class FakeUnitOfWork:
    def __init__(self, *plans: Plan) -> None:
        self.plans = FakePlanRepository(plans)
        self.committed = False
        self.published: list[DomainEvent] = []

    async def commit(self) -> None:
        for plan in self.plans.held.values():
            self.published += plan.events
            plan.events.clear()
            self.plans.stored[plan.case_id] = _loaded(plan)
        self.plans.held = {}
        self.committed = True

    def stored(self, case_id: UUID) -> Plan:
        return self.plans.stored[case_id]

    def again(self) -> "FakeUnitOfWork":
        """A fresh unit of work over the same stored plans (the next record)."""
        following = FakeUnitOfWork()
        following.plans.stored = self.plans.stored
        return following


async def refuses(code: str, use_case: Callable[..., Awaitable[None]], command: Any, uow: FakeUnitOfWork, **deps: Any):
    """``use_case`` refuses ``command`` with ``code``: nothing committed, published or stored."""
    before = copy.deepcopy(uow.plans.stored)
    with pytest.raises(Refusal) as refusal:
        await use_case(command, uow, **deps)
    assert refusal.value.code == code
    assert (uow.committed, uow.published) == (False, [])
    assert uow.plans.stored == before
    return refusal.value
