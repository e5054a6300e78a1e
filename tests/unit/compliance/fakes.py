"""The unit of work in memory, with the semantics of the PostgreSQL one, for service-layer tests.

``FakeDatabase`` is what the tables would hold across deliveries; each use case runs on a
``FakeUnitOfWork`` of its own over it, as each delivery and each scheduled pass gets its own.
Cases are handed out as stored copies without events, as the database would hand them back: a
use case's changes reach the database only when it commits, and a refused one leaves it as it was.
"""

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from uuid import UUID

from ddp_compliance.domain.case_compliance import CaseCompliance
from ddp_compliance.domain.events import DomainEvent
from ddp_compliance.domain.vocabulary import MandateType


@dataclass
class FakeDatabase:
    cases: dict[UUID, CaseCompliance] = field(default_factory=dict)
    rationales: dict[UUID, str] = field(default_factory=dict)  # the escalations table's rationale column
    # Situations another transaction escalates first: the unique key refuses this one's insert.
    raised_elsewhere: set[UUID] = field(default_factory=set)

    def case(self, case_id: UUID) -> CaseCompliance:
        return self.cases[case_id]


class FakeCaseRepository:
    def __init__(self, database: FakeDatabase) -> None:
        self.db = database
        self.seen: dict[UUID, CaseCompliance] = {}

    async def get(self, case_id: UUID) -> CaseCompliance:
        if case_id not in self.seen:
            stored = self.db.cases.get(case_id)
            self.seen[case_id] = _loaded(stored) if stored else CaseCompliance(case_id)
        return self.seen[case_id]

    async def with_overdue_referrals(self, now: datetime, reflag_hours: int, limit: int) -> list[CaseCompliance]:
        due = [
            case_id
            for case_id, case in self.db.cases.items()
            if any(e.overdue_flag_due(now, reflag_hours) for e in case.escalations.by_id.values())
        ]
        return [await self.get(case_id) for case_id in due[:limit]]

    async def with_reviews_to_check(
        self, today: date, overdue_after_days: Mapping[MandateType, int], limit: int
    ) -> list[CaseCompliance]:
        def to_check(case: CaseCompliance) -> bool:
            if case.record is None or case.record.closed:
                return False
            grace = overdue_after_days[case.record.mandate_type]
            return any(
                r.outcome is None and (r.announced_at is None or r.is_due(today) or r.is_overdue(today, grace))
                for r in case.reviews.by_sequence.values()
            )

        found = [case_id for case_id, case in self.db.cases.items() if to_check(case)]
        return [await self.get(case_id) for case_id in found[:limit]]

    async def save(self, case: CaseCompliance) -> None:
        stored = self.db.cases.get(case.case_id) or CaseCompliance(case.case_id)
        for escalation_id in case.escalations.by_id.keys() - stored.escalations.by_id.keys():
            if escalation_id in self.db.raised_elsewhere:
                case.raised_elsewhere(escalation_id)
        for escalation_id, escalation in case.escalations.by_id.items():
            if escalation.decision is not None and escalation.decision.rationale is not None:
                self.db.rationales[escalation_id] = escalation.decision.rationale
        self.db.cases[case.case_id] = _loaded(case)


class FakeUnitOfWork:
    def __init__(self, database: FakeDatabase) -> None:
        self.cases = FakeCaseRepository(database)
        self.committed = False
        self.published: list[DomainEvent] = []

    async def commit(self) -> None:
        for case in self.cases.seen.values():
            await self.cases.save(case)
        for case in self.cases.seen.values():
            self.published += case.events
            case.events.clear()
        self.committed = True


def _loaded(case: CaseCompliance) -> CaseCompliance:
    """A stored copy: no events, and decisions without their rationale (the database never reads it back)."""
    stored = copy.deepcopy(case)
    stored.events = []
    for escalation_id, escalation in stored.escalations.by_id.items():
        if escalation.decision is not None:
            unread = replace(escalation.decision, rationale=None)
            stored.escalations.by_id[escalation_id] = replace(escalation, decision=unread)
    return stored
