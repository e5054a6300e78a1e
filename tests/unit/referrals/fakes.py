"""An in-memory case registry with the semantics of the PostgreSQL one, for service-layer tests."""

import copy
from dataclasses import asdict
from datetime import date
from typing import TypeVar
from uuid import UUID

from ddp_referrals.domain.case import Case, CaseStatus
from ddp_referrals.domain.referral import Referral
from ddp_referrals.domain.submission import Identifiers, Submission


class FakeCaseRegistry:
    def __init__(self) -> None:
        self.referrals: dict[tuple[str, str], Referral] = {}
        self.cases: dict[UUID, Case] = {}
        self.subjects: dict[UUID, UUID | None] = {}  # subject -> merged into
        self.identifiers: dict[tuple[str, str], UUID] = {}
        self.case_order: list[UUID] = []

    # Stored copies without events, as a database would hand them back.
    async def referral(self, origin: str, agency_reference: str) -> Referral | None:
        found = self.referrals.get((origin, agency_reference))
        return _loaded(found) if found else None

    async def add_referral(self, referral: Referral) -> None:
        key = (referral.origin, referral.agency_reference)
        assert key not in self.referrals, "unique (origin, agency_reference) violated"
        self.referrals[key] = _loaded(referral)

    async def save_referral(self, referral: Referral) -> None:
        self.referrals[(referral.origin, referral.agency_reference)] = _loaded(referral)

    async def case(self, case_id: UUID) -> Case:
        return _loaded(self.cases[case_id])

    async def add_case(self, case: Case) -> None:
        assert case.case_id not in self.cases
        self.cases[case.case_id] = _loaded(case)
        self.case_order.append(case.case_id)

    async def save_case(self, case: Case) -> None:
        self.cases[case.case_id] = _loaded(case)

    async def open_case_of(self, subject_id: UUID) -> Case | None:
        for case_id in self.case_order:
            case = self.cases[case_id]
            if case.subject_id == subject_id and case.status is not CaseStatus.CLOSED:
                return _loaded(case)
        return None

    async def cases_past_mandate(self, today: date, limit: int) -> list[Case]:
        due = [c for c in self.cases.values() if c.active and c.mandate.passed_on(today)]
        return [_loaded(c) for c in due[:limit]]

    async def subject_matching(self, identifiers: Identifiers) -> UUID | None:
        for kind, value in asdict(identifiers).items():
            if value and (kind, value) in self.identifiers:
                subject = self.identifiers[(kind, value)]
                return self.subjects[subject] or subject
        return None

    async def add_subject(self, subject_id: UUID, submission: Submission) -> None:
        self.subjects[subject_id] = None
        await self.add_identifiers(subject_id, submission.identifiers)

    async def add_identifiers(self, subject_id: UUID, identifiers: Identifiers) -> None:
        for kind, value in asdict(identifiers).items():
            if value:
                self.identifiers.setdefault((kind, value), subject_id)

    async def merge_subjects(self, merged: UUID, surviving: UUID) -> list[UUID]:
        for key, subject in self.identifiers.items():
            if subject == merged:
                self.identifiers[key] = surviving
        for subject, into in self.subjects.items():
            if subject == merged or into == merged:
                self.subjects[subject] = surviving
        moved = sorted(c.case_id for c in self.cases.values() if c.subject_id == merged)
        for case_id in moved:
            self.cases[case_id].subject_id = surviving
        return moved


Stored = TypeVar("Stored", Referral, Case)


def _loaded(aggregate: Stored) -> Stored:
    stored = copy.deepcopy(aggregate)
    stored.events = []
    return stored
