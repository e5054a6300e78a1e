"""The compliance policy, kept as data (``policy.yaml``) and validated on load."""

from enum import StrEnum
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

MANDATE_TYPES = frozenset({"LICENCE", "TPIM", "TEO", "VOLUNTARY"})


class Escalation(StrEnum):
    BREACH_REFERRAL = "breach_referral"
    ENGAGEMENT_CONCERN_ONLY = "engagement_concern_only"


class MandatePolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    escalation: Escalation


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    mandates: dict[str, MandatePolicy]

    @model_validator(mode="after")
    def _covers_every_mandate_type(self) -> "Policy":
        missing = MANDATE_TYPES - set(self.mandates)
        if missing:
            raise ValueError(f"policy {self.version} has no rule for {sorted(missing)}")
        return self

    def can_escalate(self, mandate_type: str, participation_required: bool) -> bool:
        """Only a mandate that requires participation, under a breach policy, can ever escalate."""
        rule = self.mandates[mandate_type]
        return participation_required and rule.escalation is Escalation.BREACH_REFERRAL


@cache
def default_policy() -> Policy:
    text = resources.files("ddp_compliance.domain").joinpath("policy.yaml").read_text()
    return Policy.model_validate(yaml.safe_load(text))
