"""What a battery run found: each broken invariant as one line, and the run's figures."""

from dataclasses import dataclass, field


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    wrong_dead_letters: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # a valid input refused, a read interface disagreeing, ...
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not (self.lost or self.duplicated or self.out_of_order or self.wrong_dead_letters or self.wrong)

    @property
    def problems(self) -> list[str]:
        return self.lost + self.duplicated + self.out_of_order + self.wrong_dead_letters + self.wrong

    def exactly_one(self, what: str, event_ids: set) -> None:
        """One effect: none is a lost effect, two distinct event ids a duplicated one."""
        if not event_ids:
            self.lost.append(f"{what}: none")
        elif len(event_ids) > 1:
            self.duplicated.append(f"{what}: {len(event_ids)} different events")
