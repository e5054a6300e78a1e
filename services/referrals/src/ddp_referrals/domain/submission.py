"""A referral as submitted, in the domain's terms (translated from the wire at the edge)."""

from dataclasses import dataclass
from datetime import date

from ddp_referrals.domain.mandates import Mandate


@dataclass(frozen=True)
class Identifiers:
    crn: str | None = None
    pnc_id: str | None = None
    nomis_number: str | None = None
    home_office_reference: str | None = None

    def any(self) -> bool:
        return any((self.crn, self.pnc_id, self.nomis_number, self.home_office_reference))


@dataclass(frozen=True)
class PersonalDetails:
    given_name: str
    family_name: str
    date_of_birth: date


@dataclass(frozen=True)
class Submission:
    agency_reference: str
    mandate: Mandate
    identifiers: Identifiers
    personal_details: PersonalDetails
    mappa_category: int | None
    mappa_level: int | None
    assessed_needs: tuple[str, ...]
    consent_given: bool
    consent_recorded_on: date | None
