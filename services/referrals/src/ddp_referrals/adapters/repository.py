"""Loading and saving referrals and cases within the current transaction."""

from dataclasses import asdict
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Date, Row, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_referrals.adapters import orm
from ddp_referrals.domain.case import Case, CaseStatus, ClosureReason
from ddp_referrals.domain.mandates import Mandate, MandateType
from ddp_referrals.domain.referral import Referral, ReferralStatus
from ddp_referrals.domain.screening import ScreeningFailure

Loaded = TypeVar("Loaded", Referral, Case)


class ReferralRepository:
    """Referrals and cases; remembers every one it handed out or was given, for their events."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: list[Referral | Case] = []

    async def referral(self, origin: str, agency_reference: str) -> Referral | None:
        query = select(orm.referrals).where(
            orm.referrals.c.origin == origin, orm.referrals.c.agency_reference == agency_reference
        )
        row = (await self._session.execute(query.with_for_update())).one_or_none()
        return self._seen(_referral(row)) if row is not None else None

    async def add_referral(self, referral: Referral) -> None:
        self._seen(referral)
        await self._session.execute(
            orm.referrals.insert().values(
                referral_id=referral.referral_id,
                origin=referral.origin,
                agency_reference=referral.agency_reference,
                status=referral.status.value,
                case_id=referral.case_id,
                opened_case=referral.opened_case,
                failures=[{"code": f.code, "field": f.field} for f in referral.failures],
                fingerprint=referral.fingerprint,
            )
        )

    async def save_referral(self, referral: Referral) -> None:
        table = orm.referrals
        await self._session.execute(
            table.update()
            .where(table.c.referral_id == referral.referral_id)
            .values(status=referral.status.value, fingerprint=referral.fingerprint)
        )

    async def case(self, case_id: UUID) -> Case:
        query = select(orm.cases).where(orm.cases.c.case_id == case_id).with_for_update()
        return self._seen(_case((await self._session.execute(query)).one()))

    async def open_case_of(self, subject_id: UUID) -> Case | None:
        table = orm.cases
        query = (
            select(table)
            .where(table.c.subject_id == subject_id, table.c.status != CaseStatus.CLOSED.value)
            .order_by(table.c.opened_at, table.c.case_id)
            .limit(1)
        )
        row = (await self._session.execute(query)).one_or_none()
        return self._seen(_case(row)) if row is not None else None

    async def cases_past_mandate(self, today: date, limit: int) -> list[Case]:
        table = orm.cases
        ends_on = table.c.mandate["ends_on"].astext.cast(Date)
        query = (
            select(table)
            .where(table.c.status != CaseStatus.CLOSED.value, ends_on < today)
            .order_by(ends_on)
            .limit(limit)
            # Another instance's check, or a consumer changing the case, waits or is passed over.
            .with_for_update(skip_locked=True)
        )
        return [self._seen(_case(row)) for row in (await self._session.execute(query)).all()]

    async def add_case(self, case: Case) -> None:
        self._seen(case)
        await self._session.execute(
            orm.cases.insert().values(
                case_id=case.case_id,
                subject_id=case.subject_id,
                referral_id=case.referral_id,
                status=case.status.value,
                mandate=_mandate_json(case.mandate),
            )
        )

    async def save_case(self, case: Case) -> None:
        table = orm.cases
        await self._session.execute(
            table.update()
            .where(table.c.case_id == case.case_id)
            .values(
                status=case.status.value,
                closure_reason=case.closure_reason.value if case.closure_reason else None,
                mandate=_mandate_json(case.mandate),
                subject_id=case.subject_id,
                updated_at=func.now(),
            )
        )

    def _seen(self, aggregate: Loaded) -> Loaded:
        if not any(known is aggregate for known in self.seen):
            self.seen.append(aggregate)
        return aggregate


def _mandate_json(mandate: Mandate) -> dict[str, Any]:
    data = asdict(mandate)
    data["starts_on"] = mandate.starts_on.isoformat()
    data["ends_on"] = mandate.ends_on.isoformat() if mandate.ends_on else None
    return data


def _referral(row: Row[Any]) -> Referral:
    failures = tuple(ScreeningFailure(f["code"], f["field"]) for f in row.failures)
    status = ReferralStatus(row.status)
    return Referral(
        row.referral_id,
        row.origin,
        row.agency_reference,
        status,
        row.case_id,
        failures,
        row.opened_case,
        row.fingerprint,
    )


def _case(row: Row[Any]) -> Case:
    m = row.mandate
    mandate = Mandate(
        type=MandateType(m["type"]),
        reference=m["reference"],
        starts_on=date.fromisoformat(m["starts_on"]),
        ends_on=date.fromisoformat(m["ends_on"]) if m["ends_on"] else None,
        responsible_authority=m["responsible_authority"],
        participation_required=m["participation_required"],
    )
    reason = ClosureReason(row.closure_reason) if row.closure_reason else None
    return Case(row.case_id, row.subject_id, row.referral_id, CaseStatus(row.status), mandate, reason)
