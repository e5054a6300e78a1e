"""Rule evaluation: from a case's stored instances to the situations that qualify for a ladder step.

Pure and deterministic: the same set of instances gives the same situations, whatever the
order the reports arrived in, so a situation is identified by (case, rule, step, window start)
and the database lets each one be escalated once.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from uuid import NAMESPACE_URL, UUID, uuid5

from ddp_compliance.domain.instances import Instance, categorised
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.policy_rules import Rule
from ddp_compliance.domain.vocabulary import LadderStep, MandateType

_ESCALATION_NAMESPACE = uuid5(NAMESPACE_URL, "urn:ddp:compliance:escalation")


@dataclass(frozen=True)
class Situation:
    """A rule's rung reached in one window, with the instances that reached it (the evidence)."""

    case_id: UUID
    rule: str
    step: LadderStep
    window_start: date
    evidence: tuple[Instance, ...]

    @property
    def key(self) -> tuple[str, LadderStep, date]:
        """What identifies the situation within its case."""
        return self.rule, self.step, self.window_start

    @property
    def escalation_id(self) -> UUID:
        """Derived from the situation itself, so a redelivery can never mint a second escalation."""
        return self.escalation_id_after(0)

    def escalation_id_after(self, withdrawals: int) -> UUID:
        """The escalation of the situation after ``withdrawals`` earlier escalations of it were withdrawn
        (a situation can qualify again when a later fact, such as a release date, restores its evidence)."""
        name = f"{self.case_id}|{self.rule}|{self.step}|{self.window_start}"
        return uuid5(_ESCALATION_NAMESPACE, name if withdrawals == 0 else f"{name}|{withdrawals}")


def window_start(rule: Rule, mandate_starts_on: date, instance: Instance) -> date:
    """Windows are consecutive fixed periods of ``window_days`` counted from the mandate start."""
    index = (instance.occurred_at.date() - mandate_starts_on).days // rule.window_days
    return mandate_starts_on + timedelta(days=index * rule.window_days)


def qualifying_situations(
    policy: Policy,
    case_id: UUID,
    mandate_type: MandateType,
    mandate_starts_on: date,
    escalation_possible: bool,
    instances: list[Instance],
) -> list[Situation]:
    """Every situation the instances (already filtered for suspensions and corrections) qualify for."""
    mandate = policy.mandates[mandate_type]
    ordered = sorted(categorised(i, mandate_starts_on, mandate.induction_days) for i in set(instances))
    found: list[Situation] = []
    for rule in mandate.rules:
        counted = [i for i in ordered if i.category in rule.counts]
        for start, group in groupby(counted, key=lambda i, r=rule: window_start(r, mandate_starts_on, i)):  # type: ignore[misc]
            in_window = list(group)
            for rung in rule.ladder:
                if len(in_window) >= rung.instances:
                    step = rung.step if escalation_possible else LadderStep.ENGAGEMENT_CONCERN
                    found.append(Situation(case_id, rule.id, step, start, tuple(in_window[: rung.instances])))
    return _first_of_each(found)


def _first_of_each(situations: list[Situation]) -> list[Situation]:
    # A case that cannot escalate turns every rung into an engagement concern: one per window.
    seen: set[UUID] = set()
    unique = []
    for situation in situations:
        if situation.escalation_id not in seen:
            seen.add(situation.escalation_id)
            unique.append(situation)
    return unique
