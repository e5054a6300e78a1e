"""Wire model to domain: each inbound event, with its origin, as the command the domain understands."""

from ddp_referrals.domain.commands import (
    AmendReferral,
    ChangeCustody,
    ChangeMandate,
    CustodyStatus,
    MergeIdentifiers,
    SubmitReferral,
    WithdrawReferral,
)
from ddp_referrals.domain.mandates import Mandate, MandateChange, MandateType
from ddp_referrals.domain.submission import Identifiers, PersonalDetails, Submission
from ddp_schemas.events import inbound


def submit_referral(event: inbound.ReferralSubmitted, origin: str) -> SubmitReferral:
    return SubmitReferral(origin, to_submission(event))


def withdraw_referral(event: inbound.ReferralWithdrawalSubmitted, origin: str) -> WithdrawReferral:
    return WithdrawReferral(origin, event.agency_reference, event.effective_on)


def vary_mandate(event: inbound.MandateVaried, origin: str) -> ChangeMandate:
    return ChangeMandate(
        origin,
        event.agency_reference,
        MandateChange.VARIED,
        event.effective_on,
        participation_required=event.participation_required,
        ends_on=event.ends_on,
    )


def extend_mandate(event: inbound.MandateExtended, origin: str) -> ChangeMandate:
    return ChangeMandate(
        origin, event.agency_reference, MandateChange.EXTENDED, event.effective_on, ends_on=event.ends_on
    )


def revoke_mandate(event: inbound.MandateRevoked, origin: str) -> ChangeMandate:
    return ChangeMandate(origin, event.agency_reference, MandateChange.REVOKED, event.effective_on)


def end_mandate(event: inbound.MandateEnded, origin: str) -> ChangeMandate:
    return ChangeMandate(origin, event.agency_reference, MandateChange.ENDED, event.effective_on)


def change_custody(event: inbound.CustodyStatusChanged, origin: str) -> ChangeCustody:
    return ChangeCustody(origin, event.agency_reference, CustodyStatus(event.status.value), event.effective_on)


def amend_referral(event: inbound.ReferralAmendmentSubmitted, origin: str) -> AmendReferral:
    needs = tuple(need.value for need in event.assessed_needs) if event.assessed_needs is not None else None
    risk = event.risk
    return AmendReferral(
        origin,
        event.agency_reference,
        event.effective_on,
        needs,
        risk.mappa_category if risk else None,
        risk.mappa_level if risk else None,
    )


def merge_identifiers(event: inbound.IdentifiersMerged, origin: str) -> MergeIdentifiers:
    return MergeIdentifiers(origin, _identifiers(event.merged), _identifiers(event.surviving), event.effective_on)


def to_submission(event: inbound.ReferralSubmitted) -> Submission:
    """The referral as the domain screens it: plain values in place of wire enums."""
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
        identifiers=_identifiers(event.identifiers),
        personal_details=PersonalDetails(**event.personal_details.model_dump()),
        mappa_category=event.risk.mappa_category if event.risk else None,
        mappa_level=event.risk.mappa_level if event.risk else None,
        assessed_needs=tuple(need.value for need in event.assessed_needs),
        consent_given=bool(event.consent and event.consent.given),
        consent_recorded_on=event.consent.recorded_on if event.consent else None,
    )


def _identifiers(wire: inbound.SubjectIdentifiers) -> Identifiers:
    return Identifiers(**wire.model_dump())
