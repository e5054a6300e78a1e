"""The demo agency feed: a few fictional cases, one per kind of mandate, and one refused referral."""

from dataclasses import dataclass
from datetime import date, timedelta

from ddp_schemas.events.inbound import (
    Consent,
    Mandate,
    PersonalDetails,
    ReferralSubmitted,
    RiskContext,
    SubjectIdentifiers,
)
from ddp_schemas.events.vocabulary import Agency, MandateType, Need


@dataclass(frozen=True)
class DemoCase:
    label: str
    agency: str
    submission: ReferralSubmitted
    expect_accepted: bool


def demo_cases(today: date, run: str) -> list[DemoCase]:
    """``run`` makes agency references unique per demo run, so reruns open new cases."""
    year_ago, in_two_years = today - timedelta(days=365), today + timedelta(days=730)

    def referral(
        ref: str,
        mandate: Mandate,
        ids: SubjectIdentifiers,
        given: str,
        needs: list[Need],
        consent: Consent | None = None,
    ) -> ReferralSubmitted:
        return ReferralSubmitted(
            agency_reference=f"{ref}-{run}",
            mandate=mandate,
            identifiers=ids,
            personal_details=PersonalDetails(given_name=given, family_name="Example", date_of_birth=date(1990, 4, 1)),
            risk=RiskContext(mappa_category=4, mappa_level=2),
            assessed_needs=needs,
            consent=consent,
        )

    return [
        DemoCase(
            "licence (probation)",
            Agency.PROBATION,
            referral(
                "PRB",
                Mandate(
                    type=MandateType.LICENCE,
                    reference="LIC-1",
                    starts_on=year_ago,
                    ends_on=in_two_years,
                    responsible_authority=Agency.PROBATION,
                    participation_required=True,
                ),
                SubjectIdentifiers(crn="X123456", nomis_number="A1234BC"),
                "Alex",
                [Need.IDEOLOGY, Need.HOUSING, Need.EMPLOYMENT],
            ),
            True,
        ),
        DemoCase(
            "TPIM (ct-policing)",
            Agency.CT_POLICING,
            referral(
                "CTP",
                Mandate(
                    type=MandateType.TPIM,
                    reference="TPIM-7",
                    starts_on=year_ago,
                    ends_on=in_two_years,
                    responsible_authority=Agency.CT_POLICING,
                    participation_required=True,
                ),
                SubjectIdentifiers(pnc_id="2019/0123456E"),
                "Sam",
                [Need.THEOLOGY, Need.MENTAL_HEALTH],
            ),
            True,
        ),
        DemoCase(
            "voluntary (home-office)",
            Agency.HOME_OFFICE,
            referral(
                "HO",
                Mandate(
                    type=MandateType.VOLUNTARY,
                    reference="VOL-3",
                    starts_on=today,
                    ends_on=None,
                    responsible_authority=Agency.HOME_OFFICE,
                    participation_required=False,
                ),
                SubjectIdentifiers(home_office_reference="HO-552-001"),
                "Jo",
                [Need.IDENTITY_AND_BELONGING, Need.FAMILY],
                consent=Consent(given=True, recorded_on=today),
            ),
            True,
        ),
        DemoCase(
            "licence from the wrong authority (home-office)",
            Agency.HOME_OFFICE,
            referral(
                "HO-BAD",
                Mandate(
                    type=MandateType.LICENCE,
                    reference="LIC-9",
                    starts_on=year_ago,
                    ends_on=in_two_years,
                    responsible_authority=Agency.HOME_OFFICE,
                    participation_required=True,
                ),
                SubjectIdentifiers(crn="Y654321"),
                "Chris",
                [Need.EDUCATION],
            ),
            False,
        ),
    ]
