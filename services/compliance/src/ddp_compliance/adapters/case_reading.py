"""Reading cases' compliance histories: a few queries for any number of cases, rows into domain objects."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.adapters.escalation_reading import escalations
from ddp_compliance.domain.case_compliance import CaseCompliance
from ddp_compliance.domain.case_reports import PlanChange
from ddp_compliance.domain.facts import Fact
from ddp_compliance.domain.record import ComplianceRecord, MandateTerms, TermsInForce
from ddp_compliance.domain.review import RecordedOutcome, Review
from ddp_compliance.domain.vocabulary import (
    AbsenceCategory,
    AttendanceOutcome,
    DecidingRole,
    FactKind,
    InstanceCategory,
    MandateType,
    ReviewOutcome,
)
from ddp_messaging.batch_lookup import any_of
from ddp_messaging.staging import transaction_scoped
from ddp_schemas.event import Event

_READ_AHEAD = "ddp_compliance.cases_read_ahead"


async def read_cases_ahead(session: AsyncSession, events: Sequence[Event]) -> None:
    """Load, in one set of queries, the history of every case a batch's events name."""
    case_ids = list(dict.fromkeys(c for e in events if isinstance(c := getattr(e, "case_id", None), UUID)))
    if case_ids:
        ahead = transaction_scoped(session).setdefault(_READ_AHEAD, {})
        ahead.update({case.case_id: case for case in await load_cases(session, case_ids)})


def take_read_ahead(session: AsyncSession, case_ids: Sequence[UUID]) -> dict[UUID, CaseCompliance]:
    """The cases among ``case_ids`` read ahead for this batch, each handed out once.

    Once taken, a case is the handler's to change; the next handler of the batch that asks for it
    reads it again, with what the first wrote (or without it, when the first's savepoint rolled
    back). Read ahead and not yet taken, nothing in this transaction has written it since.
    """
    ahead: dict[UUID, CaseCompliance] = transaction_scoped(session).get(_READ_AHEAD, {})
    return {case_id: ahead.pop(case_id) for case_id in case_ids if case_id in ahead}


async def load_cases(session: AsyncSession, case_ids: Sequence[UUID]) -> list[CaseCompliance]:
    """The histories of ``case_ids``, in that order; a case compliance never heard of comes back empty."""
    cases = {case_id: CaseCompliance(case_id) for case_id in case_ids}
    if not cases:
        return []

    async def rows(table: Table, *order: Any) -> list[Any]:
        query = select(table).where(any_of(table.c.case_id, cases)).order_by(*order)
        return list((await session.execute(query)).mappings())

    for r in await rows(orm.compliance_records):
        cases[r["case_id"]].record = _record(r)
    for r in await rows(orm.mandate_terms, orm.mandate_terms.c.since):
        record = cases[r["case_id"]].record
        if record is not None:
            terms = MandateTerms(
                MandateType(r["mandate_type"]), r["responsible_authority"], r["participation_required"], r["starts_on"]
            )
            record.terms_history[r["event_id"]] = TermsInForce(r["since"], terms, r["recorded_at"])
    for r in await rows(orm.reported_facts, orm.reported_facts.c.occurred_at):
        fact = _fact(r)
        cases[fact.case_id].reports.facts[fact.key] = fact
        if r["counted"]:
            cases[fact.case_id].reports.counted.add(fact.key)
    for r in await rows(orm.attendance_corrections):
        cases[r["case_id"]].reports.corrections[r["corrected_attendance_id"]] = r["correction_event_id"]
    for r in await rows(orm.suspension_periods, orm.suspension_periods.c.starts_at):
        cases[r["case_id"]].reports.suspensions[r["event_id"]] = r["starts_at"]
    for r in await rows(orm.case_resumptions, orm.case_resumptions.c.resumes_at):
        cases[r["case_id"]].reports.resumptions[r["event_id"]] = r["resumes_at"]
    for r in await rows(orm.plan_changes, orm.plan_changes.c.occurred_at):
        cases[r["case_id"]].reports.plan_changes[r["event_id"]] = PlanChange(r["event_type"], r["occurred_at"])
    for escalation in await escalations(session, any_of(orm.escalations.c.case_id, cases)):
        cases[escalation.case_id].escalations.by_id[escalation.escalation_id] = escalation
    for r in await rows(orm.reviews, orm.reviews.c.sequence):
        review = _review(r)
        cases[review.case_id].reviews.by_sequence[review.sequence] = review
    return [cases[case_id] for case_id in case_ids]


def _record(r: Any) -> ComplianceRecord:
    return ComplianceRecord(
        case_id=r["case_id"],
        mandate_type=MandateType(r["mandate_type"]),
        responsible_authority=r["responsible_authority"],
        participation_required=r["participation_required"],
        escalation_possible=r["escalation_possible"],
        policy_version=r["policy_version"],
        mandate_starts_on=r["mandate_starts_on"] or r["opened_at"].date(),
        mappa_level=r["mappa_level"],
        closed_at=r["closed_at"],
        ends_at=r["ends_at"],
        ended_by=r["ended_by_event_id"],
    )


def _fact(r: Any) -> Fact:
    return Fact(
        event_id=r["event_id"],
        kind=FactKind(r["kind"]),
        case_id=r["case_id"],
        attendance_id=r["attendance_id"],
        event_type=r["event_type"],
        occurred_at=r["occurred_at"],
        outcome=AttendanceOutcome(r["outcome"]) if r["outcome"] else None,
        absence_category=AbsenceCategory(r["absence_category"]) if r["absence_category"] else None,
        counts_as=InstanceCategory(r["counts_as"]) if r["counts_as"] else None,
    )


def _review(r: Any) -> Review:
    outcome = None
    if r["outcome"] is not None:
        role, recorded_at = DecidingRole(r["chairing_role"]), r["recorded_at"]
        outcome = RecordedOutcome(ReviewOutcome(r["outcome"]), role, r["reviewed_on"], recorded_at)
    return Review(
        review_id=r["review_id"],
        case_id=r["case_id"],
        sequence=r["sequence"],
        due_on=r["due_on"],
        chaired_by=r["chaired_by"],
        policy_version=r["policy_version"],
        period_start=r["period_start"],
        announced_at=r["announced_at"],
        due_flagged_at=r["due_flagged_at"],
        overdue_flagged_at=r["overdue_flagged_at"],
        outcome=outcome,
    )
