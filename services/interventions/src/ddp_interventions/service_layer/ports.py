"""What the use cases need from storage: a case's plan, within one unit of work."""

from typing import Protocol
from uuid import UUID

from ddp_interventions.domain.plan import Plan


class PlanRepository(Protocol):
    async def for_case(self, case_id: UUID) -> Plan | None:
        """The case's plan (with its sessions and attendance), held for this unit of work; None if it has none."""
        ...

    async def add(self, plan: Plan) -> None:
        """A new plan, stored when the unit of work commits."""
        ...

    async def case_of_session(self, session_id: UUID) -> UUID | None:
        """The case whose plan has a session with this id, if any (session ids are minted by providers)."""
        ...


class UnitOfWork(Protocol):
    plans: PlanRepository

    async def commit(self) -> None:
        """Store every plan handed out or added, and publish the events they recorded (then cleared)."""
        ...
