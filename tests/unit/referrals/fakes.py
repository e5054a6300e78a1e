"""The unit of work in memory, with the semantics of the PostgreSQL one, for service-layer tests.

``FakeDatabase`` is what the tables would hold across deliveries; each use case runs on a
``FakeUnitOfWork`` of its own over it, as each delivery and each job pass gets its own.
"""

import copy
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import UUID

import pytest
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.clock import Clock
from ddp_messaging.outbox import Outbox
from ddp_messaging.tables import MessagingTables
from ddp_referrals.domain.case import Case, CaseStatus
from ddp_referrals.domain.commands import Command, SubmitReferral
from ddp_referrals.domain.events import CaseOpened, DomainEvent, ReferralLinked
from ddp_referrals.domain.referral import Referral
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.domain.submission import Identifiers, Submission
from ddp_referrals.service_layer.intake import submit_referral
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event

TODAY = date(2026, 3, 15)
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)  # noon on TODAY: the use cases' clock unless a test moves it

UseCase = Callable[..., Awaitable[Any]]


@dataclass
class FakeDatabase:
    referrals: dict[tuple[str, str], Referral] = field(default_factory=dict)
    cases: dict[UUID, Case] = field(default_factory=dict)
    subjects: dict[UUID, UUID | None] = field(default_factory=dict)  # subject -> merged into
    identifiers: dict[tuple[str, str], UUID] = field(default_factory=dict)
    case_order: list[UUID] = field(default_factory=list)


class FakeCaseRegistry:
    """Hands out stored copies without events, as a database would, and remembers what it handed out."""

    def __init__(self, database: FakeDatabase) -> None:
        self.db = database
        self.seen: list[Referral | Case] = []

    async def referral(self, origin: str, agency_reference: str) -> Referral | None:
        found = self.db.referrals.get((origin, agency_reference))
        return self._seen(_loaded(found)) if found else None

    async def add_referral(self, referral: Referral) -> None:
        key = (referral.origin, referral.agency_reference)
        assert key not in self.db.referrals, "unique (origin, agency_reference) violated"
        self.db.referrals[key] = _loaded(self._seen(referral))

    async def save_referral(self, referral: Referral) -> None:
        self.db.referrals[(referral.origin, referral.agency_reference)] = _loaded(referral)

    async def case(self, case_id: UUID) -> Case:
        return self._seen(_loaded(self.db.cases[case_id]))

    async def add_case(self, case: Case) -> None:
        assert case.case_id not in self.db.cases
        self.db.cases[case.case_id] = _loaded(self._seen(case))
        self.db.case_order.append(case.case_id)

    async def save_case(self, case: Case) -> None:
        self.db.cases[case.case_id] = _loaded(case)

    async def open_case_of(self, subject_id: UUID) -> Case | None:
        for case_id in self.db.case_order:
            case = self.db.cases[case_id]
            if case.subject_id == subject_id and case.status is not CaseStatus.CLOSED:
                return self._seen(_loaded(case))
        return None

    async def cases_past_mandate(self, today: date, limit: int) -> list[Case]:
        due = [c for c in self.db.cases.values() if c.active and c.mandate.passed_on(today)]
        return [self._seen(_loaded(c)) for c in due[:limit]]

    async def subject_matching(self, identifiers: Identifiers) -> UUID | None:
        for kind, value in asdict(identifiers).items():
            if value and (kind, value) in self.db.identifiers:
                subject = self.db.identifiers[(kind, value)]
                return self.db.subjects[subject] or subject
        return None

    def fingerprint(self, submission: Submission) -> dict[str, str]:
        return submission.facts()  # the texts stand in for their keyed hashes

    def fingerprint_facts(self, facts: dict[str, str]) -> dict[str, str]:
        return dict(facts)

    async def add_subject(self, subject_id: UUID, submission: Submission) -> None:
        self.db.subjects[subject_id] = None
        await self.add_identifiers(subject_id, submission.identifiers)

    async def add_identifiers(self, subject_id: UUID, identifiers: Identifiers) -> None:
        for kind, value in asdict(identifiers).items():
            if value:
                self.db.identifiers.setdefault((kind, value), subject_id)

    async def merge_subjects(self, merged: UUID, surviving: UUID) -> list[UUID]:
        for key, subject in self.db.identifiers.items():
            if subject == merged:
                self.db.identifiers[key] = surviving
        for subject, into in self.db.subjects.items():
            if subject == merged or into == merged:
                self.db.subjects[subject] = surviving
        moved = sorted(c.case_id for c in self.db.cases.values() if c.subject_id == merged)
        for case_id in moved:
            self.db.cases[case_id].subject_id = surviving
        return moved

    def _seen(self, aggregate: "Stored") -> "Stored":
        if not any(known is aggregate for known in self.seen):
            self.seen.append(aggregate)
        return aggregate


class FakeUnitOfWork:
    """``committed`` once the use case is done; ``published``: the domain events its commit published."""

    def __init__(self, database: FakeDatabase | None = None) -> None:
        self.db = database if database is not None else FakeDatabase()
        self.cases = FakeCaseRegistry(self.db)
        self.committed = False
        self.published: list[DomainEvent] = []
        self._unrecorded: list[DomainEvent] = []

    def publish(self, event: DomainEvent) -> None:
        self._unrecorded.append(event)

    async def commit(self) -> None:
        for aggregate in self.cases.seen:
            self.published += aggregate.events
            aggregate.events.clear()
        self.published += self._unrecorded
        self._unrecorded = []
        self.committed = True


Stored = TypeVar("Stored", Referral, Case)


@dataclass(frozen=True)
class Staged:
    topic: str
    key: str | None
    subject: str | None
    event: Event
    cause: CloudEvent | None


class RecordingOutbox(Outbox):
    """The outbox writing to a list instead of its table: what was staged, on which topic, in order."""

    def __init__(self) -> None:
        super().__init__(MessagingTables(MetaData()), source="/ddp/referrals")
        self.staged: list[Staged] = []

    async def add(
        self,
        session: AsyncSession,
        *,
        topic: str,
        key: str | None,
        event: Event,
        subject: str | None = None,
        cause: CloudEvent | None = None,
        caused_by: tuple[UUID | None, UUID | None] = (None, None),
    ) -> CloudEvent:
        self.staged.append(Staged(topic, key, subject, event, cause))
        return self.envelope(event, subject=subject, cause=cause, caused_by=caused_by)


def _loaded(aggregate: Stored) -> Stored:
    stored = copy.deepcopy(aggregate)
    stored.events = []
    return stored


def clock_at(at: datetime) -> Clock:
    return lambda: at


def kinds(happened: list[DomainEvent]) -> list[type]:
    return [type(e) for e in happened]


async def run(use_case: UseCase, command: Command, database: FakeDatabase, *, at: datetime = NOW) -> FakeUnitOfWork:
    """Run ``use_case`` on a unit of work of its own over ``database``, its clock at ``at``; the unit of work."""
    uow = FakeUnitOfWork(database)
    await use_case(command, uow, clock=clock_at(at))
    return uow


async def refused(code: str, use_case: UseCase, command: Command, database: FakeDatabase) -> Refusal:
    """Run ``use_case`` expecting it to refuse with ``code``: nothing committed, published or stored."""
    before = copy.deepcopy(database)
    uow = FakeUnitOfWork(database)
    with pytest.raises(Refusal) as refusal:
        await use_case(command, uow, clock=clock_at(NOW))
    assert refusal.value.code == code
    assert (uow.committed, uow.published) == (False, [])
    assert database == before, "a refused change left a trace"
    return refusal.value


async def given_a_case(database: FakeDatabase, submission: Submission, origin: str = "probation") -> CaseOpened:
    """An eligible referral submitted, and the case it opened (for tests of what follows)."""
    uow = await run(submit_referral, SubmitReferral(origin, submission), database)
    return next(e for e in uow.published if isinstance(e, CaseOpened))


async def given_a_link(database: FakeDatabase, submission: Submission, origin: str = "probation") -> ReferralLinked:
    """An eligible referral for someone with an open case submitted, and its link to that case."""
    uow = await run(submit_referral, SubmitReferral(origin, submission), database)
    return next(e for e in uow.published if isinstance(e, ReferralLinked))
