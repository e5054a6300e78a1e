"""A referral as submitted, in the domain's terms (translated from the wire at the edge)."""

from dataclasses import dataclass, replace
from datetime import date

from ddp_referrals.domain.mandates import Mandate
from ddp_referrals.domain.pnc import canonical_pnc


@dataclass(frozen=True)
class Identifiers:
    crn: str | None = None
    pnc_id: str | None = None
    nomis_number: str | None = None
    home_office_reference: str | None = None

    def any(self) -> bool:
        return any((self.crn, self.pnc_id, self.nomis_number, self.home_office_reference))

    def canonical(self, today: date) -> "Identifiers":
        """The PNC id in its one long form, so a person is found whichever form was sent; an invalid
        one is left as sent, for screening to refuse (``invalid_fields``)."""
        pnc_id = self.pnc_id and (canonical_pnc(self.pnc_id, today) or self.pnc_id)
        return replace(self, pnc_id=pnc_id)

    def invalid_fields(self, today: date) -> list[str]:
        """The identifiers that are not valid ones of their kind (the wire's patterns check the others)."""
        return ["pnc_id"] if self.pnc_id and canonical_pnc(self.pnc_id, today) is None else []


def needs_fact(needs: tuple[str, ...]) -> str:
    """Needs as a stated fact: the same set in any order is the same fact."""
    return ",".join(sorted(needs))


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

    def facts(self) -> dict[str, str]:
        """Each fact the referral states, by its field path on the wire, as text: what two submissions
        under one reference are compared by (through a keyed hash: the texts are never stored)."""
        m, i, p = self.mandate, self.identifiers, self.personal_details
        stated: dict[str, object] = {
            "mandate.type": m.type.value,
            "mandate.reference": m.reference,
            "mandate.starts_on": m.starts_on,
            "mandate.ends_on": m.ends_on,
            "mandate.responsible_authority": m.responsible_authority,
            "mandate.participation_required": m.participation_required,
            "identifiers.crn": i.crn,
            "identifiers.pnc_id": i.pnc_id,
            "identifiers.nomis_number": i.nomis_number,
            "identifiers.home_office_reference": i.home_office_reference,
            "personal_details.given_name": p.given_name,
            "personal_details.family_name": p.family_name,
            "personal_details.date_of_birth": p.date_of_birth,
            "risk.mappa_category": self.mappa_category,
            "risk.mappa_level": self.mappa_level,
            "assessed_needs": needs_fact(self.assessed_needs),
            "consent.given": self.consent_given,
            "consent.recorded_on": self.consent_recorded_on,
        }
        return {path: "" if value is None else str(value) for path, value in stated.items()}
