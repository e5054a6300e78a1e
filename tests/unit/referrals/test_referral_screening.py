"""Eligibility screening: each rule, its boundaries, and several failures reported together."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddp_referrals.domain.mandates import Mandate, MandateType
from ddp_referrals.domain.screening import ScreeningFailure, screen
from ddp_referrals.domain.submission import Identifiers, Submission

MakeMandate = Callable[..., Mandate]
MakeSubmission = Callable[..., Submission]

DAY = timedelta(days=1)


def codes(failures: list[ScreeningFailure]) -> list[str]:
    return sorted(f.code for f in failures)


def test_an_eligible_licence_referral_from_probation_passes(make_submission: MakeSubmission, today: date) -> None:
    assert screen(make_submission(), "probation", today) == []


# --- the mandate must be current on the day of screening ---------------------------------


def test_a_mandate_starting_today_is_current(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(starts_on=today))
    assert screen(submission, "probation", today) == []


def test_a_mandate_ending_today_is_current(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(starts_on=today - 10 * DAY, ends_on=today))
    assert screen(submission, "probation", today) == []


def test_an_open_ended_mandate_is_current(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(ends_on=None))
    assert screen(submission, "probation", today) == []


def test_a_mandate_that_ended_yesterday_is_not_current(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(starts_on=today - 10 * DAY, ends_on=today - DAY))
    assert screen(submission, "probation", today) == [ScreeningFailure("MANDATE_NOT_CURRENT", "mandate")]


def test_a_mandate_starting_tomorrow_is_not_current(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(starts_on=today + DAY, ends_on=today + 100 * DAY))
    assert screen(submission, "probation", today) == [ScreeningFailure("MANDATE_NOT_CURRENT", "mandate")]


# --- the responsible authority must be the sender, and may hold that kind of mandate -------


@pytest.mark.parametrize(
    ("mandate_type", "authority"),
    [
        (MandateType.LICENCE, "probation"),
        (MandateType.TPIM, "ct-policing"),
        (MandateType.TPIM, "home-office"),
        (MandateType.TEO, "ct-policing"),
        (MandateType.TEO, "home-office"),
    ],
)
def test_an_authority_may_refer_under_a_mandate_it_holds(
    make_submission, make_mandate, today, mandate_type, authority
) -> None:
    submission = make_submission(mandate=make_mandate(type=mandate_type, responsible_authority=authority))
    assert screen(submission, authority, today) == []


@pytest.mark.parametrize(
    ("mandate_type", "authority"),
    [
        (MandateType.LICENCE, "ct-policing"),
        (MandateType.LICENCE, "home-office"),
        (MandateType.LICENCE, "provider-northstar"),
        (MandateType.TPIM, "probation"),
        (MandateType.TEO, "probation"),
        (MandateType.TPIM, "programme-team"),
    ],
)
def test_an_authority_cannot_hold_another_authoritys_kind_of_mandate(
    make_submission, make_mandate, today, mandate_type, authority
) -> None:
    submission = make_submission(mandate=make_mandate(type=mandate_type, responsible_authority=authority))
    assert screen(submission, authority, today) == [
        ScreeningFailure("AUTHORITY_MISMATCH", "mandate.responsible_authority")
    ]


@pytest.mark.parametrize(
    ("mandate_type", "responsible", "origin"),
    [
        (MandateType.LICENCE, "probation", "ct-policing"),
        (MandateType.TPIM, "home-office", "ct-policing"),
        (MandateType.TEO, "ct-policing", "home-office"),
    ],
)
def test_the_sender_must_be_the_mandates_responsible_authority(
    make_submission, make_mandate, today, mandate_type, responsible, origin
) -> None:
    submission = make_submission(mandate=make_mandate(type=mandate_type, responsible_authority=responsible))
    assert codes(screen(submission, origin, today)) == ["AUTHORITY_MISMATCH"]


def test_a_mandated_referral_needs_no_consent(make_submission, today) -> None:
    submission = make_submission(consent_given=False, consent_recorded_on=None)
    assert screen(submission, "probation", today) == []


# --- voluntary participation needs recorded consent, and nothing from the mandated rules ---


def voluntary(make_mandate: MakeMandate, **overrides) -> Mandate:
    return make_mandate(type=MandateType.VOLUNTARY, participation_required=False, **overrides)


def test_a_voluntary_referral_with_recorded_consent_passes(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=voluntary(make_mandate), consent_given=True, consent_recorded_on=today)
    assert screen(submission, "probation", today) == []


@pytest.mark.parametrize(
    ("given", "recorded"),
    [(False, None), (True, None), (False, date(2026, 3, 1))],
    ids=["no-consent", "consent-without-date", "consent-refused-with-date"],
)
def test_a_voluntary_referral_without_recorded_consent_is_refused(
    make_submission, make_mandate, today, given, recorded
) -> None:
    submission = make_submission(mandate=voluntary(make_mandate), consent_given=given, consent_recorded_on=recorded)
    assert screen(submission, "probation", today) == [ScreeningFailure("CONSENT_MISSING", "consent")]


def test_a_voluntary_referral_is_not_held_to_the_authority_or_start_date_rules(
    make_submission, make_mandate, today
) -> None:
    mandate = voluntary(
        make_mandate, starts_on=today + DAY, ends_on=today + 100 * DAY, responsible_authority="home-office"
    )
    submission = make_submission(mandate=mandate, consent_given=True, consent_recorded_on=today - 100 * DAY)
    assert screen(submission, "programme-team", today) == []


def test_voluntary_participation_ending_today_may_still_be_referred(make_submission, make_mandate, today) -> None:
    mandate = voluntary(make_mandate, starts_on=today - 100 * DAY, ends_on=today)
    submission = make_submission(mandate=mandate, consent_given=True, consent_recorded_on=today)
    assert screen(submission, "probation", today) == []


def test_voluntary_participation_that_ended_yesterday_is_refused(make_submission, make_mandate, today) -> None:
    mandate = voluntary(make_mandate, starts_on=today - 100 * DAY, ends_on=today - DAY)
    submission = make_submission(mandate=mandate, consent_given=True, consent_recorded_on=today)
    assert screen(submission, "probation", today) == [ScreeningFailure("PARTICIPATION_ENDED", "mandate.ends_on")]


# --- dates and identifiers ------------------------------------------------------------------


def test_a_mandate_ending_before_it_starts_is_incoherent(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(starts_on=today, ends_on=today - DAY))
    assert ScreeningFailure("DATES_INCOHERENT", "mandate.ends_on") in screen(submission, "probation", today)


def test_a_one_day_mandate_is_coherent(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(starts_on=today, ends_on=today))
    assert screen(submission, "probation", today) == []


def test_incoherent_dates_are_reported_for_a_voluntary_mandate_too(make_submission, make_mandate, today) -> None:
    mandate = voluntary(make_mandate, starts_on=today, ends_on=today - DAY)
    submission = make_submission(mandate=mandate, consent_given=True, consent_recorded_on=today)
    assert screen(submission, "probation", today) == [ScreeningFailure("DATES_INCOHERENT", "mandate.ends_on")]


def test_a_referral_without_identifiers_is_refused(make_submission, today) -> None:
    submission = make_submission(identifiers=Identifiers())
    assert screen(submission, "probation", today) == [ScreeningFailure("IDENTIFIERS_MISSING", "identifiers")]


@pytest.mark.parametrize(
    ("field", "value"),
    [("crn", "X000001"), ("pnc_id", "2019/0123456E"), ("nomis_number", "A1234BC"), ("home_office_reference", "H1")],
)
def test_any_single_identifier_is_enough(make_submission, today, field, value) -> None:
    submission = make_submission(identifiers=Identifiers(**{field: value}))
    assert screen(submission, "probation", today) == []


@pytest.mark.parametrize("pnc_id", ["2019/0123456Z", "2019/123456E", "123/4567A", "2019/01234567E", "19/E", "E"])
def test_a_pnc_id_with_a_wrong_check_character_or_form_is_refused(make_submission, today, pnc_id) -> None:
    submission = make_submission(identifiers=Identifiers(crn="X000001", pnc_id=pnc_id))
    assert screen(submission, "probation", today) == [ScreeningFailure("IDENTIFIER_INVALID", "identifiers.pnc_id")]


def test_an_empty_identifier_does_not_count(make_submission, today) -> None:
    submission = make_submission(identifiers=Identifiers(crn=""))
    assert codes(screen(submission, "probation", today)) == ["IDENTIFIERS_MISSING"]


# --- several failures at once -----------------------------------------------------------------


def test_every_broken_rule_is_reported_together(make_submission, make_mandate, today) -> None:
    mandate = make_mandate(type=MandateType.TPIM, starts_on=today - 10 * DAY, ends_on=today - 20 * DAY)
    submission = make_submission(mandate=mandate, identifiers=Identifiers())
    assert codes(screen(submission, "probation", today)) == [
        "AUTHORITY_MISMATCH",
        "DATES_INCOHERENT",
        "IDENTIFIERS_MISSING",
        "MANDATE_NOT_CURRENT",
    ]


def test_a_voluntary_referral_reports_missing_consent_and_identifiers_together(
    make_submission, make_mandate, today
) -> None:
    submission = make_submission(mandate=voluntary(make_mandate), identifiers=Identifiers())
    assert codes(screen(submission, "probation", today)) == ["CONSENT_MISSING", "IDENTIFIERS_MISSING"]


# --- Mandate.current_on ------------------------------------------------------------------------


def a_mandate(starts_on: date, ends_on: date | None) -> Mandate:
    return Mandate(MandateType.LICENCE, "LIC/1", starts_on, ends_on, "probation", True)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(starts_on=days, length=st.integers(min_value=0, max_value=3650), offset=st.integers(min_value=0, max_value=3650))
def test_a_mandate_is_current_on_every_day_from_its_start_to_its_end(starts_on, length, offset) -> None:
    mandate = a_mandate(starts_on, starts_on + timedelta(days=length))
    assert mandate.current_on(starts_on + timedelta(days=min(offset, length)))


@given(starts_on=days, length=st.integers(min_value=0, max_value=3650))
def test_a_mandate_is_not_current_the_day_before_it_starts_or_the_day_after_it_ends(starts_on, length) -> None:
    mandate = a_mandate(starts_on, starts_on + timedelta(days=length))
    assert not mandate.current_on(starts_on - DAY)
    assert not mandate.current_on(starts_on + timedelta(days=length + 1))


@given(starts_on=days, later=st.integers(min_value=0, max_value=30000))
def test_an_open_ended_mandate_stays_current_from_its_start(starts_on, later) -> None:
    mandate = a_mandate(starts_on, None)
    assert mandate.current_on(starts_on + timedelta(days=later))
    assert not mandate.current_on(starts_on - DAY)


def test_only_voluntary_participation_is_unmandated(make_mandate) -> None:
    assert [t for t in MandateType if not make_mandate(type=t).mandated] == [MandateType.VOLUNTARY]
