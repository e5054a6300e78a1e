"""Looking up a batch's rows by a list of keys, as one statement whatever the list's length."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, any_, literal
from sqlalchemy.dialects.postgresql import ARRAY


def any_of(column: ColumnElement[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """``column = ANY($1)``, the values bound as one array.

    ``column IN (...)`` is a different statement for every number of values: each batch size
    is parsed, planned and prepared again, and pushes the statements every record uses out of
    the driver's prepared-statement cache. One array parameter is one statement, prepared once.
    """
    return column == any_(literal(list(values), ARRAY(column.type)))
