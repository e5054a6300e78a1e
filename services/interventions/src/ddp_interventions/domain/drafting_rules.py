"""The plan-drafting rules, kept as data (``drafting_rules.yaml``) and validated on load."""

from enum import StrEnum
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict


class InterventionKind(StrEnum):
    MENTORING = "MENTORING"
    PSYCHOLOGICAL_SUPPORT = "PSYCHOLOGICAL_SUPPORT"
    THEOLOGICAL_IDEOLOGICAL_ADVICE = "THEOLOGICAL_IDEOLOGICAL_ADVICE"
    PRACTICAL_SUPPORT = "PRACTICAL_SUPPORT"


class DraftingRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    always: list[InterventionKind]
    needs: dict[str, list[InterventionKind]]

    def kinds_for(self, needs: list[str]) -> dict[InterventionKind, list[str]]:
        """Each kind of intervention the plan needs, with the needs it addresses, in a stable order."""
        chosen: dict[InterventionKind, list[str]] = {kind: [] for kind in self.always}
        for need in needs:
            for kind in self.needs.get(need, []):
                chosen.setdefault(kind, []).append(need)
        return {kind: chosen[kind] for kind in InterventionKind if kind in chosen}


@cache
def default_rules() -> DraftingRules:
    text = resources.files("ddp_interventions.domain").joinpath("drafting_rules.yaml").read_text()
    return DraftingRules.model_validate(yaml.safe_load(text))
