"""The review pack: what happened on a case since its review period started, for the chair."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from ddp_compliance.domain.facts import Fact
from ddp_compliance.domain.vocabulary import AbsenceCategory, AttendanceOutcome, BreachDecision, FactKind, LadderStep


@dataclass(frozen=True)
class AttendanceFigures:
    attended: int
    late: int
    absent_acceptable: int
    absent_unacceptable: int
    absent_logistical: int


@dataclass(frozen=True)
class EscalationSummary:
    escalation_id: UUID
    rule: str
    step: LadderStep
    raised_at: datetime
    decision: BreachDecision | None


@dataclass(frozen=True)
class ReviewPack:
    period_start: datetime
    period_end: datetime
    attendance: AttendanceFigures
    engagement_concerns: int
    escalations: tuple[EscalationSummary, ...]
    plan_changes: int


def review_pack(
    since: datetime,
    until: datetime,
    standing_facts: Iterable[Fact],
    escalations: Iterable[EscalationSummary],
    plan_changes_at: Iterable[datetime],
) -> ReviewPack:
    """Attendance figures, concerns, escalations (with decisions) and plan changes from ``since``.

    ``standing_facts`` are the facts not replaced by a correction.
    """
    facts = [f for f in standing_facts if f.occurred_at >= since]
    attendance = [f for f in facts if f.kind is FactKind.ATTENDANCE]

    def came(outcome: AttendanceOutcome) -> int:
        return sum(1 for f in attendance if f.outcome is outcome)

    def absent(category: AbsenceCategory) -> int:
        return sum(1 for f in attendance if f.outcome is AttendanceOutcome.ABSENT and f.absence_category is category)

    return ReviewPack(
        period_start=since,
        period_end=until,
        attendance=AttendanceFigures(
            attended=came(AttendanceOutcome.ATTENDED),
            late=came(AttendanceOutcome.LATE),
            absent_acceptable=absent(AbsenceCategory.ACCEPTABLE),
            absent_unacceptable=absent(AbsenceCategory.UNACCEPTABLE),
            absent_logistical=absent(AbsenceCategory.LOGISTICAL),
        ),
        engagement_concerns=sum(1 for f in facts if f.kind is FactKind.CONCERN),
        escalations=tuple(e for e in escalations if e.raised_at >= since),
        plan_changes=sum(1 for at in plan_changes_at if at >= since),
    )
