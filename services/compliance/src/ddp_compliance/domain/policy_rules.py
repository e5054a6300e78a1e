"""One rule of the compliance policy: which instances it counts, in what window, up which ladder."""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ddp_compliance.domain.vocabulary import InstanceCategory, LadderStep


class LadderRung(BaseModel):
    """When a window holds ``instances`` counted instances, ``step`` is recommended (once per window)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instances: int = Field(ge=1)
    step: LadderStep


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    counts: frozenset[InstanceCategory] = Field(min_length=1)
    window_days: int = Field(ge=1)
    ladder: tuple[LadderRung, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ladder_climbs(self) -> "Rule":
        thresholds = [rung.instances for rung in self.ladder]
        if thresholds != sorted(set(thresholds)):
            raise ValueError(f"rule {self.id}: ladder thresholds must strictly increase, got {thresholds}")
        return self


class ReviewPolicy(BaseModel):
    """How often a case is reviewed and when a review that has not happened is overdue.

    The case's responsible authority chairs its reviews (for voluntary cases too).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    cadence_days: int = Field(ge=1)
    cadence_days_by_mappa_level: dict[int, int] = Field(default_factory=dict)
    overdue_after_days: int = Field(ge=0)

    def cadence_for(self, mappa_level: int | None) -> int:
        """Higher risk (MAPPA level) can mean more frequent reviews; otherwise the default cadence."""
        if mappa_level is None:
            return self.cadence_days
        return self.cadence_days_by_mappa_level.get(mappa_level, self.cadence_days)
