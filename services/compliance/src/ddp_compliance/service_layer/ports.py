"""What the use cases need from storage: the cases' compliance histories, one unit of work at a time."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from ddp_compliance.domain.case_compliance import CaseCompliance
from ddp_compliance.domain.vocabulary import MandateType


class CaseRepository(Protocol):
    async def get(self, case_id: UUID) -> CaseCompliance:
        """The case's whole compliance history, loaded once; empty if compliance never heard of the case."""
        ...

    async def with_overdue_referrals(self, now: datetime, reflag_hours: int, limit: int) -> list[CaseCompliance]:
        """Cases with a breach referral that awaits a decision past its limit and is due for a (re-)flag."""
        ...

    async def with_reviews_to_check(
        self, today: date, overdue_after_days: Mapping[MandateType, int], limit: int
    ) -> list[CaseCompliance]:
        """Open cases with a review to announce, falling due, or overdue by its mandate type's grace days."""
        ...


class UnitOfWork(Protocol):
    @property
    def cases(self) -> CaseRepository: ...

    async def commit(self) -> None:
        """Save every case handed out and publish the events they recorded (then cleared)."""
        ...
