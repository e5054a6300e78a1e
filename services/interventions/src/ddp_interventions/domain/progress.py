"""A case's progress summary: what case reviews read about delivered support (``GET /case-progress``).

Computed from the whole plan each time it changes, so corrections and late reports always
land in the right place: counts depend on the current attendance, ``latest_*`` on when
sessions happened, never on when they were reported.
"""

from dataclasses import dataclass
from datetime import datetime

from ddp_interventions.domain.intervention import InterventionStatus
from ddp_interventions.domain.plan import CaseStanding, Plan
from ddp_interventions.domain.sessions import AbsenceCategory, Attendance, AttendanceOutcome


@dataclass(frozen=True)
class ProgressSummary:
    plan_status: str  # DRAFT or AGREED, or PAUSED / ENDED while the case is suspended / closed
    sessions_offered: int
    sessions_attended: int  # on time or late
    sessions_late: int
    missed_acceptable: int
    missed_unacceptable: int
    missed_logistical: int
    concerns: int
    interventions_completed: int
    latest_session_at: datetime | None
    latest_outcome: str | None


def summarise(plan: Plan) -> ProgressSummary:
    records = [s.current_attendance for s in plan.sessions.values() if s.current_attendance is not None]
    outcomes = [r.facts.outcome for r in records]
    missed = [r.facts.absence_category for r in records if r.facts.outcome is AttendanceOutcome.ABSENT]
    latest = max(records, key=_occurred, default=None)
    return ProgressSummary(
        plan_status=_status(plan),
        sessions_offered=sum(1 for s in plan.sessions.values() if s.offered),
        sessions_attended=sum(1 for o in outcomes if o is not AttendanceOutcome.ABSENT),
        sessions_late=outcomes.count(AttendanceOutcome.LATE),
        missed_acceptable=missed.count(AbsenceCategory.ACCEPTABLE),
        missed_unacceptable=missed.count(AbsenceCategory.UNACCEPTABLE),
        missed_logistical=missed.count(AbsenceCategory.LOGISTICAL),
        concerns=sum(1 for r in records if r.facts.concern),
        interventions_completed=sum(1 for i in plan.interventions if i.status is InterventionStatus.COMPLETED),
        latest_session_at=latest.facts.occurred_at if latest else None,
        latest_outcome=latest.facts.outcome.value if latest else None,
    )


def _occurred(record: Attendance) -> datetime:
    return record.facts.occurred_at


def _status(plan: Plan) -> str:
    if plan.standing is CaseStanding.CLOSED:
        return "ENDED"
    if plan.standing is CaseStanding.SUSPENDED:
        return "PAUSED"
    return plan.status.value
