"""What an agency asks of the referrals service, in the domain's terms (translated at the edge).

Every command carries its ``origin``: the agency that owns the topic it was read from, which is
who the use case acts for (never a field the sender filled in).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ddp_referrals.domain.mandates import MandateChange
from ddp_referrals.domain.submission import Identifiers, Submission


class CustodyStatus(StrEnum):
    RECALLED = "RECALLED"
    RELEASED = "RELEASED"


@dataclass(frozen=True)
class SubmitReferral:
    origin: str
    submission: Submission


@dataclass(frozen=True)
class WithdrawReferral:
    origin: str
    agency_reference: str
    effective_on: date


@dataclass(frozen=True)
class ChangeMandate:
    origin: str
    agency_reference: str
    change: MandateChange
    effective_on: date
    participation_required: bool | None = None  # VARIED only
    ends_on: date | None = None  # VARIED and EXTENDED


@dataclass(frozen=True)
class ChangeCustody:
    origin: str
    agency_reference: str
    status: CustodyStatus
    effective_on: date


@dataclass(frozen=True)
class AmendReferral:
    """What changed about the person: the needs assessed again, the MAPPA category and level (None: unchanged)."""

    origin: str
    agency_reference: str
    effective_on: date
    assessed_needs: tuple[str, ...] | None
    mappa_category: int | None
    mappa_level: int | None


@dataclass(frozen=True)
class MergeIdentifiers:
    origin: str
    merged: Identifiers
    surviving: Identifiers
    effective_on: date


Command = SubmitReferral | WithdrawReferral | ChangeMandate | ChangeCustody | AmendReferral | MergeIdentifiers
