"""The compliance policy, kept as data (``policy.yaml``) and validated on load."""

from enum import StrEnum
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ddp_compliance.domain.policy_rules import ReviewPolicy, Rule
from ddp_schemas.events.compliance_vocabulary import LadderStep
from ddp_schemas.events.vocabulary import Agency

MANDATE_TYPES = frozenset({"LICENCE", "TPIM", "TEO", "VOLUNTARY"})
BREACH_STEPS = frozenset({LadderStep.WARNING, LadderStep.BREACH_REFERRAL})


class Escalation(StrEnum):
    BREACH_REFERRAL = "breach_referral"
    ENGAGEMENT_CONCERN_ONLY = "engagement_concern_only"


class MandatePolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    escalation: Escalation
    refer_to: tuple[Agency, ...] = Field(min_length=1)
    decision_days: int = Field(ge=1)
    induction_days: int = Field(ge=0)
    review: ReviewPolicy
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _steps_fit_the_escalation(self) -> "MandatePolicy":
        allowed = BREACH_STEPS if self.escalation is Escalation.BREACH_REFERRAL else {LadderStep.ENGAGEMENT_CONCERN}
        for rule in self.rules:
            wrong = {rung.step for rung in rule.ladder} - allowed
            if wrong:
                raise ValueError(f"rule {rule.id}: steps {sorted(wrong)} do not fit escalation {self.escalation}")
        ids = [rule.id for rule in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(f"rule ids repeat: {ids}")
        return self


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1, max_length=32)
    overdue_reflag_hours: int = Field(ge=1)
    mandates: dict[str, MandatePolicy]

    @model_validator(mode="after")
    def _covers_every_mandate_type(self) -> "Policy":
        missing = MANDATE_TYPES - set(self.mandates)
        if missing:
            raise ValueError(f"policy {self.version} has no rule for {sorted(missing)}")
        voluntary = self.mandates["VOLUNTARY"].escalation
        if voluntary is not Escalation.ENGAGEMENT_CONCERN_ONLY:
            raise ValueError(f"policy {self.version}: voluntary cases must never escalate to breach")
        return self

    def can_escalate(self, mandate_type: str, participation_required: bool) -> bool:
        """Only a mandate that requires participation, under a breach policy, can ever escalate."""
        rule = self.mandates[mandate_type]
        return participation_required and rule.escalation is Escalation.BREACH_REFERRAL


def load_policy(text: str) -> Policy:
    """Parse and validate a policy document (YAML)."""
    return Policy.model_validate(yaml.safe_load(text))


@cache
def default_policy() -> Policy:
    return load_policy(resources.files("ddp_compliance.domain").joinpath("policy.yaml").read_text())
