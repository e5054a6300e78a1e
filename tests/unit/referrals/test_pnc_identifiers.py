"""PNC ids as the issuing systems validate them: both forms, the slash optional, the check character.

The reference cases are those of HMPPS's person-record service, whose validator the agencies use.
"""

from datetime import date

import pytest

from ddp_referrals.domain.pnc import canonical_pnc

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("81/34U", "1981/0000034U"),
        ("02/73319Z", "2002/0073319Z"),
        ("00/223R", "2000/0000223R"),
        ("79/163001B", "1979/0163001B"),
        ("0273319Z", "2002/0073319Z"),
        ("79163001B", "1979/0163001B"),
        ("033Y", "2003/0000003Y"),
        ("20020073319Z", "2002/0073319Z"),
        ("19790163001B", "1979/0163001B"),
        ("1979/0163001B", "1979/0163001B"),
        ("2001/0171310w", "2001/0171310W"),
    ],
)
def test_every_valid_form_is_kept_in_the_long_form(sent, kept) -> None:
    assert canonical_pnc(sent, TODAY) == kept


@pytest.mark.parametrize(
    "valid", ["2008/0056560Z", "20030011985X", "20120052494Q", "20230583843L", "2011/0275516Q", "1981/0154257C"]
)
def test_valid_ids_are_valid(valid) -> None:
    assert canonical_pnc(valid, TODAY) is not None


@pytest.mark.parametrize(
    "invalid",
    [
        "20030011985Z",  # the check character of another serial
        "20120052494O",
        "2001/0171310S",
        "TOTALLYINVALID",
        "1X23/1234567A",
        "1923[1234567A",
        "1923/1Z34567A",
        "1923/1234567AA",
        "01",
        "0123456789",
        "2019/123456E",  # a four-digit year needs the seven-digit serial
        "123/4567A",
        " 2008/0056560Z",
        "2008/0056560Z\n",
        "\uff12\uff10\uff10\uff18/0056560Z",  # full-width digits are not digits here
    ],
)
def test_anything_else_is_invalid(invalid) -> None:
    assert canonical_pnc(invalid, TODAY) is None


def test_a_short_forms_century_is_the_latest_not_after_today() -> None:
    assert canonical_pnc("26/1W", TODAY) == "2026/0000001W"
    assert canonical_pnc("27/1L", TODAY) == "1927/0000001L"
