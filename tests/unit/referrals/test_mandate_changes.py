"""How a mandate changes: variation, extension, ending; each with its boundaries."""

from datetime import date, timedelta

import pytest

from ddp_referrals.domain.refusal import Refusal

DAY = timedelta(days=1)


def test_a_variation_sets_participation_and_the_end_date(make_mandate) -> None:
    mandate = make_mandate()
    varied = mandate.varied(False, date(2027, 1, 1))
    assert (varied.participation_required, varied.ends_on) == (False, date(2027, 1, 1))
    assert (varied.type, varied.reference, varied.starts_on) == (mandate.type, mandate.reference, mandate.starts_on)


def test_a_variation_may_make_the_mandate_open_ended_or_end_on_its_first_day(make_mandate) -> None:
    mandate = make_mandate()
    assert mandate.varied(True, None).ends_on is None
    assert mandate.varied(True, mandate.starts_on).ends_on == mandate.starts_on


def test_a_variation_ending_before_the_start_is_refused(make_mandate) -> None:
    mandate = make_mandate()
    with pytest.raises(Refusal) as refusal:
        mandate.varied(True, mandate.starts_on - DAY)
    assert (refusal.value.code, refusal.value.field) == ("DATES_INCOHERENT", "ends_on")


def test_an_extension_moves_the_end_later_by_as_little_as_a_day(make_mandate) -> None:
    mandate = make_mandate()
    assert mandate.ends_on is not None
    assert mandate.extended(mandate.ends_on + DAY).ends_on == mandate.ends_on + DAY


@pytest.mark.parametrize("days", [0, -1, -100])
def test_an_extension_that_is_not_later_is_refused(make_mandate, days) -> None:
    mandate = make_mandate()
    assert mandate.ends_on is not None
    with pytest.raises(Refusal) as refusal:
        mandate.extended(mandate.ends_on + days * DAY)
    assert refusal.value.code == "EXTENSION_NOT_LATER"


def test_an_open_ended_mandate_cannot_be_extended(make_mandate) -> None:
    with pytest.raises(Refusal) as refusal:
        make_mandate(ends_on=None).extended(date(2099, 1, 1))
    assert refusal.value.code == "EXTENSION_NOT_LATER"


def test_ending_sets_the_end_date_never_later_than_it_was(make_mandate) -> None:
    mandate = make_mandate()
    assert mandate.ends_on is not None
    assert mandate.ended(mandate.starts_on + DAY).ends_on == mandate.starts_on + DAY
    assert mandate.ended(mandate.ends_on + 10 * DAY).ends_on == mandate.ends_on
    assert make_mandate(ends_on=None).ended(date(2027, 5, 5)).ends_on == date(2027, 5, 5)


def test_ending_before_the_mandate_started_is_refused(make_mandate) -> None:
    mandate = make_mandate()
    with pytest.raises(Refusal) as refusal:
        mandate.ended(mandate.starts_on - DAY)
    assert refusal.value.code == "DATES_INCOHERENT"


def test_a_mandate_has_passed_only_from_the_day_after_its_end(make_mandate) -> None:
    mandate = make_mandate()
    assert mandate.ends_on is not None
    assert not mandate.passed_on(mandate.ends_on)
    assert mandate.passed_on(mandate.ends_on + DAY)
    assert not make_mandate(ends_on=None).passed_on(date(2199, 1, 1))
