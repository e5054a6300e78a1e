"""The compliance policy, kept as data (``policy.yaml``) and validated on load."""

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ddp_compliance.domain.policy_rules import ReviewPolicy, Rule
from ddp_compliance.domain.vocabulary import LadderStep, MandateType

BREACH_STEPS = frozenset({LadderStep.WARNING, LadderStep.BREACH_REFERRAL})
# An agency as the topic registry names it; bootstrap checks the policy's recipients are known there.
AgencyName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]


class EscalationMode(StrEnum):
    BREACH_REFERRAL = "breach_referral"
    ENGAGEMENT_CONCERN_ONLY = "engagement_concern_only"


class MandatePolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    escalation: EscalationMode
    refer_to: tuple[AgencyName, ...] = Field(min_length=1)
    decision_days: int = Field(ge=1)
    induction_days: int = Field(ge=0)
    review: ReviewPolicy
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _steps_fit_the_escalation(self) -> "MandatePolicy":
        allowed = BREACH_STEPS if self.escalation is EscalationMode.BREACH_REFERRAL else {LadderStep.ENGAGEMENT_CONCERN}
        for rule in self.rules:
            wrong = sorted(rung.step.value for rung in rule.ladder if rung.step not in allowed)
            if wrong:
                raise ValueError(f"rule {rule.id}: steps {wrong} do not fit escalation {self.escalation}")
        ids = [rule.id for rule in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(f"rule ids repeat: {ids}")
        return self


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1, max_length=32)
    overdue_reflag_hours: int = Field(ge=1)
    mandates: dict[MandateType, MandatePolicy]

    @model_validator(mode="after")
    def _covers_every_mandate_type(self) -> "Policy":
        missing = set(MandateType) - set(self.mandates)
        if missing:
            raise ValueError(f"policy {self.version} has no rule for {sorted(m.value for m in missing)}")
        voluntary = self.mandates[MandateType.VOLUNTARY].escalation
        if voluntary is not EscalationMode.ENGAGEMENT_CONCERN_ONLY:
            raise ValueError(f"policy {self.version}: voluntary cases must never escalate to breach")
        return self

    def can_escalate(self, mandate_type: str, participation_required: bool) -> bool:
        """Only a mandate that requires participation, under a breach policy, can ever escalate."""
        rule = self.mandates[MandateType(mandate_type)]
        return participation_required and rule.escalation is EscalationMode.BREACH_REFERRAL

    def recipients(self) -> set[str]:
        """Every agency the policy may address an escalation to."""
        return {agency for mandate in self.mandates.values() for agency in mandate.refer_to}


def load_policy(text: str) -> Policy:
    """Parse and validate a policy document (YAML)."""
    return Policy.model_validate(yaml.safe_load(text))


@cache
def default_policy() -> Policy:
    """The policy shipped with the service (``policy.yaml``)."""
    return load_policy(resources.files("ddp_compliance.domain").joinpath("policy.yaml").read_text())
