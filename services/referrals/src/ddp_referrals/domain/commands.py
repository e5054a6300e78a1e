"""What an agency asks of a referral it already sent, in the domain's terms (translated at the edge)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ddp_referrals.domain.mandates import MandateChange
from ddp_referrals.domain.submission import Identifiers


class CustodyStatus(StrEnum):
    RECALLED = "RECALLED"
    RELEASED = "RELEASED"


@dataclass(frozen=True)
class WithdrawReferral:
    agency_reference: str
    effective_on: date


@dataclass(frozen=True)
class ChangeMandate:
    agency_reference: str
    change: MandateChange
    effective_on: date
    participation_required: bool | None = None  # VARIED only
    ends_on: date | None = None  # VARIED and EXTENDED


@dataclass(frozen=True)
class ChangeCustody:
    agency_reference: str
    status: CustodyStatus
    effective_on: date


@dataclass(frozen=True)
class MergeIdentifiers:
    merged: Identifiers
    surviving: Identifiers
    effective_on: date


Command = WithdrawReferral | ChangeMandate | ChangeCustody | MergeIdentifiers
