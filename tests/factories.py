"""Valid referral submissions to vary in tests (fictional people only)."""

from datetime import date, timedelta

from ddp_schemas.events.inbound import Mandate, PersonalDetails, ReferralSubmitted, RiskContext, SubjectIdentifiers
from ddp_schemas.events.vocabulary import Agency, MandateType, Need

DISTINCTIVE_NAME = "Zebulon"  # searched for in places personal data must never reach


def licence_referral(
    reference: str,
    *,
    authority: Agency = Agency.PROBATION,
    today: date | None = None,
    needs: list[Need] | None = None,
    crn: str = "X123456",
) -> ReferralSubmitted:
    """A licence referral; referrals with the same ``crn`` are the same person (linked, not a second case)."""
    today = today or date.today()
    return ReferralSubmitted(
        agency_reference=reference,
        mandate=Mandate(
            type=MandateType.LICENCE,
            reference="LIC-100",
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=700),
            responsible_authority=authority,
            participation_required=True,
        ),
        identifiers=SubjectIdentifiers(crn=crn),
        personal_details=PersonalDetails(
            given_name=DISTINCTIVE_NAME, family_name="Example", date_of_birth=date(1991, 2, 3)
        ),
        risk=RiskContext(mappa_category=4, mappa_level=2),
        assessed_needs=needs if needs is not None else [Need.IDEOLOGY, Need.HOUSING],
    )


def referral_with(
    reference: str,
    *,
    kind: MandateType = MandateType.LICENCE,
    authority: Agency = Agency.PROBATION,
    identifiers: SubjectIdentifiers | None = None,
    ends_in_days: int = 700,
    today: date | None = None,
) -> ReferralSubmitted:
    """A current referral under any kind of mandate, held by ``authority``, naming the given identifiers."""
    base = licence_referral(reference, authority=authority, today=today)
    mandate = base.mandate.model_copy(
        update={"type": kind, "ends_on": (today or date.today()) + timedelta(days=ends_in_days)}
    )
    return base.model_copy(update={"mandate": mandate, "identifiers": identifiers or base.identifiers})
