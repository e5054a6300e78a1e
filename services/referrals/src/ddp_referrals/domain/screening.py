"""Eligibility screening of a referral: pure rules, one reason code per failed rule."""

from dataclasses import dataclass
from datetime import date

from ddp_referrals.domain.mandates import AUTHORITIES_FOR, Mandate
from ddp_referrals.domain.submission import Submission


@dataclass(frozen=True)
class ScreeningFailure:
    code: str
    field: str | None = None


def screen(submission: Submission, origin: str, today: date) -> list[ScreeningFailure]:
    """Every rule the submission breaks (empty when eligible)."""
    mandate = submission.mandate
    failures: list[ScreeningFailure] = []
    if _ends_before_it_starts(mandate):
        failures.append(ScreeningFailure("DATES_INCOHERENT", "mandate.ends_on"))
    if mandate.mandated:
        failures.extend(_mandated_rules(mandate, origin, today))
    else:
        if not (submission.consent_given and submission.consent_recorded_on is not None):
            failures.append(ScreeningFailure("CONSENT_MISSING", "consent"))
        # A case for participation that has already ended would close as soon as it opened.
        if mandate.passed_on(today) and not _ends_before_it_starts(mandate):
            failures.append(ScreeningFailure("PARTICIPATION_ENDED", "mandate.ends_on"))
    if not submission.identifiers.any():
        failures.append(ScreeningFailure("IDENTIFIERS_MISSING", "identifiers"))
    for name in submission.identifiers.invalid_fields(today):
        failures.append(ScreeningFailure("IDENTIFIER_INVALID", f"identifiers.{name}"))
    return failures


def _mandated_rules(mandate: Mandate, origin: str, today: date) -> list[ScreeningFailure]:
    failures = []
    if not mandate.current_on(today):
        failures.append(ScreeningFailure("MANDATE_NOT_CURRENT", "mandate"))
    if mandate.responsible_authority != origin or origin not in AUTHORITIES_FOR[mandate.type]:
        failures.append(ScreeningFailure("AUTHORITY_MISMATCH", "mandate.responsible_authority"))
    return failures


def _ends_before_it_starts(mandate: Mandate) -> bool:
    return mandate.ends_on is not None and mandate.ends_on < mandate.starts_on
