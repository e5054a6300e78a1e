"""Mandates, which authority answers for each kind, and how a mandate changes."""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from ddp_referrals.domain.refusal import Refusal


class MandateType(StrEnum):
    LICENCE = "LICENCE"
    TPIM = "TPIM"
    TEO = "TEO"
    VOLUNTARY = "VOLUNTARY"


class MandateChange(StrEnum):
    VARIED = "VARIED"
    EXTENDED = "EXTENDED"
    REVOKED = "REVOKED"
    ENDED = "ENDED"


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

    def passed_on(self, day: date) -> bool:
        """True from the day after its end: a mandate is still in force on its last day."""
        return self.ends_on is not None and day > self.ends_on

    def varied(self, participation_required: bool, ends_on: date | None) -> "Mandate":
        if ends_on is not None and ends_on < self.starts_on:
            raise Refusal("DATES_INCOHERENT", "ends_on")
        return replace(self, participation_required=participation_required, ends_on=ends_on)

    def extended(self, ends_on: date) -> "Mandate":
        if self.ends_on is None or ends_on <= self.ends_on:
            raise Refusal("EXTENSION_NOT_LATER", "ends_on")
        return replace(self, ends_on=ends_on)

    def ended(self, on: date) -> "Mandate":
        """Ended (or revoked) on ``on``; never later than it would have ended anyway."""
        if on < self.starts_on:
            raise Refusal("DATES_INCOHERENT", "effective_on")
        ends_on = on if self.ends_on is None else min(on, self.ends_on)
        return replace(self, ends_on=ends_on)
