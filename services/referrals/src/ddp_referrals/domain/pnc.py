"""Police National Computer identifiers, validated as the agencies' own systems validate them.

A PNC id is a year, a serial number and a check character: the long form ``YYYY/NNNNNNNC`` (a
four-digit year and a seven-digit serial) or the short form ``YY/N…C`` (a two-digit year and a
serial of one to seven digits), each with or without the slash. The check character is the
letter at (two-digit year followed by the serial padded to seven digits) modulo 23 in
``ZABCDEFGHJKLMNPQRTUVWXY``, as HMPPS's person-record service computes it. Every valid id is
kept in one canonical form, ``YYYY/NNNNNNNC``, so the same person is found whichever form an
agency sent.
"""

import re
from datetime import date

_CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
_LONG = re.compile(r"(?P<year>[0-9]{4})/?(?P<serial>[0-9]{7})(?P<check>[A-Z])")
_SHORT = re.compile(r"(?P<year>[0-9]{2})/?(?P<serial>[0-9]{1,7})(?P<check>[A-Z])")


def canonical_pnc(text: str, today: date) -> str | None:
    """``YYYY/NNNNNNNC`` for a valid PNC id in either form; None for anything else.

    A short form's century is the latest that does not put the year after ``today``'s (``26``
    is 2026 in 2026, ``27`` is 1927), the rule the issuing systems apply.
    """
    value = text.upper()
    if long_form := _LONG.fullmatch(value):
        year = long_form["year"]
    elif short_form := _SHORT.fullmatch(value):
        two_digits = int(short_form["year"])
        year = f"{20 if two_digits <= today.year % 100 else 19}{two_digits:02d}"
        long_form = short_form
    else:
        return None
    serial, check = long_form["serial"].zfill(7), long_form["check"]
    if _CHECK_LETTERS[int(year[2:] + serial) % len(_CHECK_LETTERS)] != check:
        return None
    return f"{year}/{serial}{check}"
