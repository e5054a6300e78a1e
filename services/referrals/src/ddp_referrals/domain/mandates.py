"""Mandates and which authority answers for each kind."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class MandateType(StrEnum):
    LICENCE = "LICENCE"
    TPIM = "TPIM"
    TEO = "TEO"
    VOLUNTARY = "VOLUNTARY"


# Who may hold each kind of mandate: licences belong to probation; TPIMs and TEOs to
# counter-terrorism policing and the Home Office. Voluntary participation has no authority.
AUTHORITIES_FOR: dict[MandateType, frozenset[str]] = {
    MandateType.LICENCE: frozenset({"probation"}),
    MandateType.TPIM: frozenset({"ct-policing", "home-office"}),
    MandateType.TEO: frozenset({"home-office", "ct-policing"}),
    MandateType.VOLUNTARY: frozenset({"probation", "ct-policing", "home-office"}),
}


@dataclass(frozen=True)
class Mandate:
    type: MandateType
    reference: str
    starts_on: date
    ends_on: date | None
    responsible_authority: str
    participation_required: bool

    @property
    def mandated(self) -> bool:
        return self.type is not MandateType.VOLUNTARY

    def current_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
