"""The cases' compliance histories in PostgreSQL: each loaded whole, once per unit of work, saved as the
rows that changed. Raising an escalation is an insert the situation's unique key makes idempotent."""

from collections.abc import Hashable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Table, and_, false, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.adapters.case_reading import load_cases, take_read_ahead
from ddp_compliance.adapters.case_rows import CaseRows, Row, Rows, changed, rows_of
from ddp_compliance.domain.case_compliance import CaseCompliance
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.vocabulary import LadderStep, MandateType


class SqlCaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._cases: dict[UUID, CaseCompliance] = {}
        self._stored: dict[UUID, CaseRows] = {}  # each case's rows as loaded or last saved

    @property
    def seen(self) -> list[CaseCompliance]:
        """Every case handed out in this unit of work."""
        return list(self._cases.values())

    async def get(self, case_id: UUID) -> CaseCompliance:
        [case] = await self._load([case_id])
        return case

    async def with_overdue_referrals(self, now: datetime, reflag_hours: int, limit: int) -> list[CaseCompliance]:
        e = orm.escalations
        due = and_(
            e.c.step == LadderStep.BREACH_REFERRAL.value,
            e.c.decision.is_(None),
            e.c.withdrawn_at.is_(None),
            e.c.decision_due_by < now,
            or_(e.c.last_flagged_at.is_(None), e.c.last_flagged_at <= now - timedelta(hours=reflag_hours)),
        )
        query = select(e.c.case_id).where(due).group_by(e.c.case_id).order_by(func.min(e.c.decision_due_by))
        return await self._load(list((await self._session.scalars(query.limit(limit))).all()))

    async def with_reviews_to_check(
        self, today: date, overdue_after_days: Mapping[MandateType, int], limit: int
    ) -> list[CaseCompliance]:
        reviews, records = orm.reviews, orm.compliance_records
        overdue = [
            and_(records.c.mandate_type == mandate_type.value, reviews.c.due_on < today - timedelta(days=grace))
            for mandate_type, grace in overdue_after_days.items()
        ]
        to_check = or_(
            reviews.c.announced_at.is_(None),
            and_(reviews.c.due_flagged_at.is_(None), reviews.c.due_on <= today),
            and_(reviews.c.overdue_flagged_at.is_(None), or_(false(), *overdue)),
        )
        query = (
            select(reviews.c.case_id)
            .join(records, records.c.case_id == reviews.c.case_id)
            .where(reviews.c.outcome.is_(None), records.c.closed_at.is_(None), to_check)
            .group_by(reviews.c.case_id)
            .order_by(func.min(reviews.c.due_on))
            .limit(limit)
        )
        return await self._load(list((await self._session.scalars(query)).all()))

    async def save(self, case: CaseCompliance) -> None:
        """Write what changed since the case was loaded. A situation another transaction escalated
        meanwhile is not raised again here (``CaseCompliance.raised_elsewhere``)."""
        before, after = self._stored.get(case.case_id, CaseRows()), rows_of(case)
        write = self._write
        await write(orm.compliance_records, ("case_id",), before.records, after.records)
        await write(orm.mandate_terms, ("event_id",), before.terms, after.terms)
        await write(orm.reported_facts, ("event_id", "kind"), before.facts, after.facts)
        await write(orm.attendance_corrections, ("corrected_attendance_id",), before.corrections, after.corrections)
        await write(orm.suspension_periods, ("event_id",), before.suspensions, after.suspensions)
        await write(orm.case_resumptions, ("event_id",), before.resumptions, after.resumptions)
        await write(orm.plan_changes, ("event_id",), before.plan_changes, after.plan_changes)
        for escalation_id in case.escalations.by_id.keys() - before.escalations.keys():
            if not await self._raise_once(case, escalation_id, after.escalations[escalation_id]):
                case.raised_elsewhere(escalation_id)
        stays = {i: row for i, row in after.escalations.items() if i in before.escalations}
        decided_here = {
            i for i, row in stays.items() if row.get("decision") and not before.escalations[i].get("decision")
        }
        for decided in decided_here:
            await self._decide_once(decided, changed(before.escalations[decided], stays.pop(decided)))
        await write(orm.escalations, ("escalation_id",), before.escalations, stays)
        await write(orm.reviews, ("review_id",), before.reviews, after.reviews)
        self._stored[case.case_id] = rows_of(case)

    async def _decide_once(self, escalation_id: Hashable, columns: Row) -> None:
        """Record a decision only on an escalation still undecided and standing: another instance
        deciding it (or withdrawing it) meanwhile wins, and this one is refused, not applied twice."""
        table = orm.escalations
        undecided = (
            (table.c.escalation_id == escalation_id) & table.c.decision.is_(None) & table.c.withdrawn_at.is_(None)
        )
        statement = table.update().where(undecided).values(**columns).returning(table.c.escalation_id)
        if (await self._session.execute(statement)).scalar() is None:
            withdrawn = await self._session.scalar(
                select(table.c.withdrawn_at).where(table.c.escalation_id == escalation_id)
            )
            raise Refusal("ESCALATION_WITHDRAWN" if withdrawn else "ALREADY_DECIDED", "escalation_id")

    async def _load(self, case_ids: Sequence[UUID]) -> list[CaseCompliance]:
        # One object per case in a unit of work: a case loaded again is the one already handed out.
        missing = [case_id for case_id in dict.fromkeys(case_ids) if case_id not in self._cases]
        ahead = take_read_ahead(self._session, missing)
        unread = [case_id for case_id in missing if case_id not in ahead]
        for case in [*ahead.values(), *await load_cases(self._session, unread)]:
            self._cases[case.case_id] = case
            self._stored[case.case_id] = rows_of(case)
        return [self._cases[case_id] for case_id in case_ids]

    async def _raise_once(self, case: CaseCompliance, escalation_id: UUID, row: dict[str, Any]) -> bool:
        table = orm.escalations
        statement = insert(table).values(**row).on_conflict_do_nothing().returning(table.c.escalation_id)
        if (await self._session.execute(statement)).scalar() is None:
            return False
        evidence = case.escalations.by_id[escalation_id].evidence
        await self._session.execute(
            orm.escalation_evidence.insert(),
            [
                {
                    "escalation_id": escalation_id,
                    "event_id": i.event_id,
                    "event_type": i.event_type,
                    "occurred_at": i.occurred_at,
                    "category": i.category.value,
                }
                for i in evidence
            ],
        )
        return True

    async def _write(self, table: Table, key: tuple[str, ...], before: Rows, after: Rows) -> None:
        """Insert the rows that are new (once: a concurrent writer may have added them) and update the
        changed columns of the others."""
        new = [row for k, row in after.items() if k not in before]
        if new:
            await self._session.execute(insert(table).values(new).on_conflict_do_nothing())
        for k, row in after.items():
            if k in before and (columns := changed(before[k], row)):
                where = [table.c[column] == row[column] for column in key]
                await self._session.execute(table.update().where(*where).values(**columns))
