"""The intervention plan aggregate: one per case, holding its interventions and their sessions.

It follows the case (paused while suspended, ended when closed) and records every change as
an event on itself. The rules that change it are grouped by who asks: ``programme_decisions``,
``provider_assignments``, ``session_delivery`` and ``attendance_recording``.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from ddp_interventions.domain import events
from ddp_interventions.domain.custody import CustodyPeriod
from ddp_interventions.domain.drafting_rules import DraftingRules
from ddp_interventions.domain.events import DomainEvent
from ddp_interventions.domain.intervention import Intervention
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.sessions import Session


class PlanStatus(StrEnum):
    DRAFT = "DRAFT"
    AGREED = "AGREED"


class CaseStanding(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    CLOSED = "CLOSED"


@dataclass
class Plan:
    plan_id: UUID
    case_id: UUID
    status: PlanStatus
    interventions: list[Intervention]
    rules_version: str
    standing: CaseStanding = CaseStanding.ACTIVE
    standing_since: datetime | None = None
    custody: list[CustodyPeriod] = field(default_factory=list)
    sessions: dict[UUID, Session] = field(default_factory=dict)
    events: list[DomainEvent] = field(default_factory=list)

    @classmethod
    def draft(cls, case_id: UUID, needs: list[str], rules: DraftingRules) -> "Plan":
        interventions = [
            Intervention(uuid4(), kind, tuple(addresses)) for kind, addresses in rules.kinds_for(needs).items()
        ]
        plan = cls(uuid4(), case_id, PlanStatus.DRAFT, interventions, rules.version)
        plan.events.append(events.PlanDrafted(plan.plan_id, case_id, plan.active_snapshot(), rules.version))
        return plan

    @property
    def active_interventions(self) -> list[Intervention]:
        return [i for i in self.interventions if i.active]

    def intervention(self, intervention_id: UUID) -> Intervention:
        found = next((i for i in self.interventions if i.intervention_id == intervention_id), None)
        if found is None:
            raise Refusal("UNKNOWN_INTERVENTION", "intervention_id")
        return found

    # --- the case's standing -------------------------------------------------------------------

    def require_not_closed(self) -> None:
        if self.standing is CaseStanding.CLOSED:
            raise Refusal("CASE_CLOSED")

    def require_sessions_possible(self) -> None:
        """Sessions are arranged only for an active case whose plan is agreed."""
        self.require_not_closed()
        if self.standing is CaseStanding.SUSPENDED:
            raise Refusal("CASE_SUSPENDED")
        if self.status is not PlanStatus.AGREED:
            raise Refusal("PLAN_NOT_AGREED")

    def require_active_when(self, occurred_at: datetime) -> None:
        """Judged by the case's standing when it happened, not when it is reported: nothing that
        happened while the person was in custody (any past period too) or after the case closed counts."""
        since = self.standing_since
        if self.standing is CaseStanding.CLOSED and since is not None and occurred_at >= since:
            raise Refusal("CASE_CLOSED", "occurred_at")
        if any(period.covers(occurred_at) for period in self.custody):
            raise Refusal("CASE_SUSPENDED", "occurred_at")

    def suspend(self, since: datetime) -> None:
        """In custody from ``since``, the recall's own date however late it was reported."""
        if self.standing is CaseStanding.ACTIVE:
            self.standing, self.standing_since = CaseStanding.SUSPENDED, since
            self.custody.append(CustodyPeriod(since))
            self.events.append(events.PlanPaused(self.plan_id, self.case_id))

    def resume(self, until: datetime) -> None:
        if self.standing is CaseStanding.SUSPENDED:
            self.standing, self.standing_since = CaseStanding.ACTIVE, until
            if self.custody and self.custody[-1].ends_at is None:
                self.custody[-1] = replace(self.custody[-1], ends_at=until)
            self.events.append(events.PlanResumed(self.plan_id, self.case_id))

    def close(self, at: datetime) -> None:
        if self.standing is not CaseStanding.CLOSED:
            self.standing, self.standing_since = CaseStanding.CLOSED, at
            self.events.append(events.PlanEnded(self.plan_id, self.case_id))

    def request_review(self, review_id: UUID) -> None:
        """A case review asked for an adjustment; a closed case's plan is past reviewing."""
        if self.standing is not CaseStanding.CLOSED:
            self.events.append(events.PlanReviewRequested(self.plan_id, self.case_id, review_id))

    def request_review_for_needs(self, needs: tuple[str, ...]) -> None:
        """Needs assessed again: the programme team decides what the plan adds or withdraws (the plan
        never changes by itself); nothing is asked when the plan already addresses exactly these needs."""
        addressed = {need for i in self.active_interventions for need in i.addresses}
        if self.standing is not CaseStanding.CLOSED and addressed != set(needs):
            self.events.append(events.PlanReviewRequested(self.plan_id, self.case_id, None, tuple(sorted(needs))))

    def active_snapshot(self) -> tuple[Intervention, ...]:
        """Copies of the active interventions, for an event: later changes must not alter what it says."""
        return tuple(replace(i) for i in self.active_interventions)
