"""Plans kept for the rest of a batch transaction, so that a case's plan is loaded once per batch.

A provider's backlog is hundreds of records for one case, all in one batch. A plan is kept, with what
the database holds for it, when the batch reads ahead the plans its records name, and after a unit
of work committed it; while a unit of work holds it, it is out of here. So a record that is refused
or fails, whose savepoint is rolled back, leaves no changed plan behind: the batch's next record
about the case reads it again from the database.
"""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.domain.plan import Plan
from ddp_messaging.staging import transaction_scoped

_KEY = "ddp_interventions.kept_plans"
_PLANLESS = "ddp_interventions.planless"


@dataclass
class StoredRows:
    """What the database holds for a plan, so that saving writes only what changed (a long case has many sessions)."""

    plan: dict[str, Any]
    sessions: dict[UUID, dict[str, Any]] = field(default_factory=dict)
    attendance: set[UUID] = field(default_factory=set)


@dataclass
class HeldPlan:
    plan: Plan
    stored: StoredRows | None  # None: not in the database yet


def kept_plans(session: AsyncSession) -> dict[UUID, HeldPlan]:
    """This transaction's kept plans by case id (gone when the transaction ends, however it ends)."""
    kept: dict[UUID, HeldPlan] = transaction_scoped(session).setdefault(_KEY, {})
    return kept


def planless(session: AsyncSession) -> set[UUID]:
    """Cases read ahead for this batch that had no plan, not yet asked about by one of its records.

    Asked once: the record that asks may draft the plan, and the next one reads what it wrote.
    """
    without: set[UUID] = transaction_scoped(session).setdefault(_PLANLESS, set())
    return without
