"""Transient faults are retried with capped, jittered backoff; faults in the input are not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError, ProgrammingError

from ddp_messaging import retries
from ddp_messaging.retries import Backoff, is_transient


class FakeDriverError(Exception):
    def __init__(self, sqlstate: str | None) -> None:
        super().__init__("driver error")
        self.sqlstate = sqlstate


def db_error(cls: type[DBAPIError], sqlstate: str | None, **kwargs) -> DBAPIError:
    return cls("UPDATE cases SET ...", {}, FakeDriverError(sqlstate), **kwargs)


def caused_by(error: BaseException, cause: BaseException) -> BaseException:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    "error",
    [
        db_error(OperationalError, None),
        db_error(InterfaceError, None),
        ConnectionRefusedError(111, "refused"),
        ConnectionResetError(),
        TimeoutError(),
        db_error(DBAPIError, "40001"),
        db_error(DBAPIError, "40P01"),
        db_error(DBAPIError, "08006"),
        db_error(DBAPIError, "57P01"),
        db_error(DBAPIError, "53300"),
        db_error(DBAPIError, None, connection_invalidated=True),
        caused_by(ValueError("wrapped"), ConnectionError()),
        caused_by(RuntimeError("outer"), caused_by(ValueError("middle"), db_error(OperationalError, None))),
    ],
    ids=[
        "operational",
        "interface",
        "connection-refused",
        "connection-reset",
        "timeout",
        "serialization-failure",
        "deadlock",
        "connection-failure",
        "admin-shutdown",
        "too-many-connections",
        "connection-invalidated",
        "value-error-caused-by-connection-error",
        "cause-chain",
    ],
)
def test_a_fault_in_the_database_or_broker_is_transient(error) -> None:
    assert is_transient(error)


@pytest.mark.parametrize(
    "error",
    [
        ValueError("bad input"),
        KeyError("case_id"),
        db_error(IntegrityError, "23505"),
        db_error(ProgrammingError, "42P01"),
        db_error(DBAPIError, "22001"),
        db_error(DBAPIError, None),
        caused_by(ValueError("wrapped"), TypeError("also bad input")),
    ],
    ids=[
        "value-error",
        "key-error",
        "unique-violation",
        "undefined-table",
        "string-too-long",
        "no-sqlstate",
        "caused-by-non-transient",
    ],
)
def test_a_fault_in_the_input_or_the_code_is_not_transient(error) -> None:
    assert not is_transient(error)


def test_a_driver_reporting_pgcode_instead_of_sqlstate_is_understood() -> None:
    orig = Exception("driver error")
    orig.pgcode = "40001"  # type: ignore[attr-defined]
    assert is_transient(DBAPIError("SELECT 1", {}, orig))


def test_an_unwrapped_driver_error_with_a_transient_sqlstate_is_transient() -> None:
    # asyncpg raises CannotConnectNowError (57P03) itself while the server shuts down.
    assert is_transient(FakeDriverError("57P03"))
    assert not is_transient(FakeDriverError("23505"))


def test_an_error_raised_while_handling_a_transient_fault_is_transient() -> None:
    try:
        try:
            raise ConnectionResetError()
        except ConnectionResetError:
            raise ValueError("while reconnecting") from None
    except ValueError as error:
        suppressed = error
    # ``from None`` hides the cause from tracebacks but keeps the context.
    assert is_transient(suppressed)


# --- Backoff -----------------------------------------------------------------------------------------


@pytest.fixture
def upper_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Jitter always picks the top of its range, so delays are the ceilings themselves."""
    monkeypatch.setattr(retries.random, "uniform", lambda low, high: high)


@pytest.fixture
def lower_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retries.random, "uniform", lambda low, high: low)


def test_delays_double_until_they_reach_the_cap(upper_bound) -> None:
    backoff = Backoff(initial=0.5, maximum=5.0)
    assert [backoff.next_delay() for _ in range(7)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


def test_jitter_never_takes_a_delay_below_half_its_ceiling(lower_bound) -> None:
    backoff = Backoff(initial=0.5, maximum=5.0)
    assert [backoff.next_delay() for _ in range(6)] == [0.25, 0.5, 1.0, 2.0, 2.5, 2.5]


def test_reset_starts_again_from_the_initial_delay(upper_bound) -> None:
    backoff = Backoff(initial=0.2, maximum=10.0)
    for _ in range(5):
        backoff.next_delay()
    backoff.reset()
    assert backoff.attempt == 0
    assert backoff.next_delay() == 0.2


@given(
    initial=st.floats(min_value=0.001, max_value=5.0),
    maximum=st.floats(min_value=0.001, max_value=60.0),
    attempts=st.integers(min_value=1, max_value=40),
)
def test_every_delay_lies_within_the_jitter_bounds_and_never_exceeds_the_cap(initial, maximum, attempts) -> None:
    backoff = Backoff(initial, maximum)
    for attempt in range(attempts):
        ceiling = min(maximum, initial * 2**attempt)
        assert ceiling / 2 <= backoff.next_delay() <= ceiling <= maximum


def test_a_long_outage_keeps_waiting_at_the_cap(upper_bound) -> None:
    backoff = Backoff(initial=0.2, maximum=10.0)
    backoff.attempt = 1100  # past 1024 attempts: a little over two hours of retries at the cap
    assert backoff.next_delay() == 10.0


async def test_wait_sleeps_for_the_next_delay(monkeypatch, upper_bound) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(retries.asyncio, "sleep", fake_sleep)
    backoff = Backoff(initial=1.0, maximum=3.0)
    await backoff.wait()
    await backoff.wait()
    await backoff.wait()
    assert slept == [1.0, 2.0, 3.0]
