"""Wire model to domain: each inbound event as the command the domain understands."""

from ddp_referrals.domain.commands import (
    ChangeCustody,
    ChangeMandate,
    Command,
    CustodyStatus,
    MergeIdentifiers,
    WithdrawReferral,
)
from ddp_referrals.domain.mandates import Mandate, MandateChange, MandateType
from ddp_referrals.domain.submission import Identifiers, PersonalDetails, Submission
from ddp_schemas.event import Event
from ddp_schemas.events import inbound
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
        identifiers=_identifiers(event.identifiers),
        personal_details=PersonalDetails(**event.personal_details.model_dump()),
        mappa_category=event.risk.mappa_category if event.risk else None,
        mappa_level=event.risk.mappa_level if event.risk else None,
        assessed_needs=tuple(need.value for need in event.assessed_needs),
        consent_given=bool(event.consent and event.consent.given),
        consent_recorded_on=event.consent.recorded_on if event.consent else None,
    )


def to_command(event: Event) -> Command:
    """The command for any inbound change (everything but a submission)."""
    match event:
        case inbound.ReferralWithdrawalSubmitted():
            return WithdrawReferral(event.agency_reference, event.effective_on)
        case inbound.MandateVaried():
            return ChangeMandate(
                event.agency_reference,
                MandateChange.VARIED,
                event.effective_on,
                participation_required=event.participation_required,
                ends_on=event.ends_on,
            )
        case inbound.MandateExtended():
            return ChangeMandate(
                event.agency_reference, MandateChange.EXTENDED, event.effective_on, ends_on=event.ends_on
            )
        case inbound.MandateRevoked():
            return ChangeMandate(event.agency_reference, MandateChange.REVOKED, event.effective_on)
        case inbound.MandateEnded():
            return ChangeMandate(event.agency_reference, MandateChange.ENDED, event.effective_on)
        case inbound.CustodyStatusChanged():
            return ChangeCustody(event.agency_reference, CustodyStatus(event.status.value), event.effective_on)
        case inbound.IdentifiersMerged():
            return MergeIdentifiers(_identifiers(event.merged), _identifiers(event.surviving), event.effective_on)
    raise TypeError(type(event).__name__)


def _identifiers(wire: inbound.SubjectIdentifiers) -> Identifiers:
    return Identifiers(**wire.model_dump())
