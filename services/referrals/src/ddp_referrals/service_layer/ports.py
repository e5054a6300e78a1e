"""What the use cases need from storage: the case registry, one transaction at a time."""

from datetime import date
from typing import Protocol
from uuid import UUID

from ddp_referrals.domain.case import Case
from ddp_referrals.domain.referral import Referral
from ddp_referrals.domain.submission import Identifiers, Submission


class CaseRegistry(Protocol):
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

    async def add_identifiers(self, subject_id: UUID, identifiers: Identifiers) -> None:
        """Record identifiers not yet known to name anyone as naming this subject."""
        ...

    async def merge_subjects(self, merged: UUID, surviving: UUID) -> list[UUID]:
        """Move the merged subject's identifiers and cases to the surviving one; the ids of the cases moved."""
        ...
