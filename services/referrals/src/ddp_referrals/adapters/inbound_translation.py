"""Wire model to domain: a submitted referral as the domain sees it."""

from ddp_referrals.domain.mandates import Mandate, MandateType
from ddp_referrals.domain.submission import Identifiers, PersonalDetails, Submission
from ddp_schemas.events.inbound import ReferralSubmitted


def to_submission(event: ReferralSubmitted) -> Submission:
    mandate = event.mandate
    return Submission(
        agency_reference=event.agency_reference,
        mandate=Mandate(
            type=MandateType(mandate.type.value),
            reference=mandate.reference,
            starts_on=mandate.starts_on,
            ends_on=mandate.ends_on,
            responsible_authority=mandate.responsible_authority.value,
            participation_required=mandate.participation_required,
        ),
        identifiers=Identifiers(**event.identifiers.model_dump()),
        personal_details=PersonalDetails(**event.personal_details.model_dump()),
        mappa_category=event.risk.mappa_category if event.risk else None,
        mappa_level=event.risk.mappa_level if event.risk else None,
        assessed_needs=tuple(need.value for need in event.assessed_needs),
        consent_given=bool(event.consent and event.consent.given),
        consent_recorded_on=event.consent.recorded_on if event.consent else None,
    )
