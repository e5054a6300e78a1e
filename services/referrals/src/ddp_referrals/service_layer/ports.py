"""What the use cases need from storage and publishing: the case registry, and the unit of work around it."""

from datetime import date
from typing import Protocol
from uuid import UUID

from ddp_referrals.domain.case import Case
from ddp_referrals.domain.events import DomainEvent
from ddp_referrals.domain.referral import Referral
from ddp_referrals.domain.submission import Identifiers, Submission


class CaseRegistry(Protocol):
    """Referrals, cases and subjects, within the unit of work's transaction."""

    async def referral(self, origin: str, agency_reference: str) -> Referral | None: ...

    async def add_referral(self, referral: Referral) -> None: ...

    async def save_referral(self, referral: Referral) -> None: ...

    async def case(self, case_id: UUID) -> Case: ...

    async def add_case(self, case: Case) -> None: ...

    async def save_case(self, case: Case) -> None: ...

    async def open_case_of(self, subject_id: UUID) -> Case | None:
        """The subject's earliest case that is not closed, if any."""
        ...

    async def cases_past_mandate(self, today: date, limit: int) -> list[Case]:
        """Cases not closed whose mandate ended before ``today``."""
        ...

    async def subject_matching(self, identifiers: Identifiers) -> UUID | None:
        """The subject any of these identifiers already names (the earliest, if several)."""
        ...

    async def add_subject(self, subject_id: UUID, submission: Submission) -> None: ...

    def fingerprint(self, submission: Submission) -> dict[str, str]:
        """Each fact the submission states (``Submission.facts``) as a keyed hash, by field path."""
        ...

    def fingerprint_facts(self, facts: dict[str, str]) -> dict[str, str]:
        """Facts (texts by field path) as keyed hashes, as ``fingerprint`` makes them."""
        ...

    async def add_identifiers(self, subject_id: UUID, identifiers: Identifiers) -> None:
        """Record identifiers not yet known to name anyone as naming this subject."""
        ...

    async def merge_subjects(self, merged: UUID, surviving: UUID) -> list[UUID]:
        """Move the merged subject's identifiers and cases to the surviving one; the ids of the cases moved."""
        ...


class UnitOfWork(Protocol):
    """One use case's changes and the events they cause, made together or not at all.

    A use case that refuses raises ``Refusal`` and never commits: nothing it wrote stays and
    nothing it recorded is published.
    """

    @property
    def cases(self) -> CaseRegistry:
        """The case registry, in this unit of work's transaction."""
        ...

    def publish(self, event: DomainEvent) -> None:
        """Publish, on commit, an event no aggregate recorded (subjects are not loaded as aggregates)."""
        ...

    async def commit(self) -> None:
        """Keep what the use case wrote, and publish every event recorded by the aggregates the
        registry handed out (in the order they were handed out), then those passed to ``publish``."""
        ...
