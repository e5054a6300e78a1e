"""Loading and saving referrals, cases and subjects within the current transaction."""

from dataclasses import asdict
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_referrals.adapters import orm
from ddp_referrals.domain.case import Case
from ddp_referrals.domain.referral import Referral, ReferralStatus
from ddp_referrals.domain.screening import ScreeningFailure
from ddp_referrals.domain.submission import Submission


class ReferralRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_agency_reference(self, origin: str, agency_reference: str) -> Referral | None:
        row = (
            await self._session.execute(
                select(orm.referrals).where(
                    orm.referrals.c.origin == origin, orm.referrals.c.agency_reference == agency_reference
                )
            )
        ).one_or_none()
        if row is None:
            return None
        return Referral(
            row.referral_id,
            row.origin,
            row.agency_reference,
            ReferralStatus(row.status),
            case_id=row.case_id,
            failures=tuple(ScreeningFailure(f["code"], f["field"]) for f in row.failures),
        )

    async def add(self, referral: Referral) -> None:
        await self._session.execute(
            orm.referrals.insert().values(
                referral_id=referral.referral_id,
                origin=referral.origin,
                agency_reference=referral.agency_reference,
                status=referral.status.value,
                case_id=referral.case_id,
                failures=[{"code": f.code, "field": f.field} for f in referral.failures],
            )
        )

    async def add_case(self, case: Case) -> None:
        mandate = asdict(case.mandate)
        mandate["starts_on"] = case.mandate.starts_on.isoformat()
        mandate["ends_on"] = case.mandate.ends_on.isoformat() if case.mandate.ends_on else None
        await self._session.execute(
            orm.cases.insert().values(
                case_id=case.case_id,
                subject_id=case.subject_id,
                referral_id=case.referral_id,
                status=case.status.value,
                mandate=mandate,
            )
        )

    async def add_subject(self, subject_id: UUID, submission: Submission) -> None:
        details = submission.personal_details
        await self._session.execute(
            orm.subjects.insert().values(
                subject_id=subject_id,
                identifiers={k: v for k, v in asdict(submission.identifiers).items() if v is not None},
                personal_details={
                    "given_name": details.given_name,
                    "family_name": details.family_name,
                    "date_of_birth": details.date_of_birth.isoformat(),
                },
            )
        )
