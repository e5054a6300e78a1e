"""What the programme team decides about a plan: agree it, adjust it, assign providers."""

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from uuid import UUID, uuid4

from ddp_interventions.domain import events
from ddp_interventions.domain.drafting_rules import InterventionKind
from ddp_interventions.domain.intervention import Intervention, InterventionStatus
from ddp_interventions.domain.plan import Plan, PlanStatus
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.session_delivery import REASSIGNED, call_off
from ddp_interventions.domain.sessions import Party, SessionStatus


def _require_this_plan(plan: Plan, plan_id: UUID) -> None:
    if plan.plan_id != plan_id:
        raise Refusal("PLAN_MISMATCH", "plan_id")
    plan.require_not_closed()


def agree_plan(plan: Plan, plan_id: UUID) -> None:
    """A draft plan becomes the agreed plan; sessions can be arranged from now on."""
    _require_this_plan(plan, plan_id)
    if plan.status is PlanStatus.AGREED:
        raise Refusal("PLAN_ALREADY_AGREED", "plan_id")
    plan.status = PlanStatus.AGREED
    plan.events.append(events.PlanAgreed(plan.plan_id, plan.case_id, plan.active_snapshot()))


def adjust_plan(
    plan: Plan,
    plan_id: UUID,
    add: Sequence[tuple[InterventionKind, tuple[str, ...]]],
    withdraw: Collection[UUID],
) -> None:
    """Withdraw interventions and add new kinds; a plan keeps at most one active intervention per kind."""
    _require_this_plan(plan, plan_id)
    withdrawing = [plan.intervention(intervention_id) for intervention_id in withdraw]
    for intervention in withdrawing:
        intervention.require_active()
    remaining = {i.kind for i in plan.active_interventions if i not in withdrawing}
    added = []
    for kind, addresses in add:
        if kind in remaining:
            raise Refusal("KIND_ALREADY_PLANNED", "add")
        remaining.add(kind)
        added.append(Intervention(uuid4(), kind, addresses))
    if not remaining:
        raise Refusal("PLAN_WOULD_BE_EMPTY", "withdraw")
    for intervention in withdrawing:
        intervention.status = InterventionStatus.WITHDRAWN
    plan.interventions.extend(added)
    plan.events.append(
        events.PlanAdjusted(
            plan.plan_id,
            plan.case_id,
            tuple(replace(i) for i in added),
            tuple(i.intervention_id for i in withdrawing),
            plan.active_snapshot(),
        )
    )


def assign_provider(
    plan: Plan, intervention_id: UUID, provider: str, providers: Collection[str], now: datetime
) -> None:
    """Offer an intervention to a provider, replacing any earlier one; the same offer again changes nothing.

    The provider replaced keeps only the reporting of sessions it held: its sessions not yet due are
    called off (on the provider's side, so they never count against the person).
    """
    if provider not in providers:
        raise Refusal("NOT_A_PROVIDER", "provider")
    plan.require_not_closed()
    intervention = plan.intervention(intervention_id)
    intervention.require_active()
    pending_or_taken = (InterventionStatus.OFFERED, InterventionStatus.ACCEPTED)
    if intervention.provider == provider and intervention.status in pending_or_taken:
        return
    replaces = intervention.provider if intervention.provider != provider else None
    intervention.provider, intervention.status = provider, InterventionStatus.OFFERED
    plan.events.append(events.ProviderAssigned(plan.case_id, intervention_id, intervention.kind, provider, replaces))
    if replaces is not None:
        for session in plan.sessions.values():
            due = session.status is SessionStatus.SCHEDULED and session.starts_at >= now
            if session.intervention_id == intervention_id and session.provider == replaces and due:
                call_off(plan, session, Party.PROVIDER, REASSIGNED)
