"""Changes agencies report once they have happened: a date ahead of today is a mistake to correct."""

from datetime import date, datetime

from ddp_referrals.domain.refusal import Refusal


def refuse_if_ahead(effective_on: date, at: datetime) -> None:
    """Refused (``EFFECTIVE_IN_FUTURE``) when ``effective_on`` is after the day of ``at``."""
    if effective_on > at.date():
        raise Refusal("EFFECTIVE_IN_FUTURE", "effective_on")
