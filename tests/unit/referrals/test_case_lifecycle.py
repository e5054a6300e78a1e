"""The case lifecycle: every transition, every refused one, and the events each records."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from ddp_referrals.domain import events
from ddp_referrals.domain.case import PLATFORM, Case, CaseStatus, ClosureReason
from ddp_referrals.domain.mandates import MandateChange
from ddp_referrals.domain.refusal import Refusal

AT = datetime(2026, 3, 15, 9, 30, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture
def case(make_submission) -> Case:
    opened = Case.open(uuid4(), uuid4(), make_submission())
    opened.events.clear()
    return opened


def closed(case: Case) -> Case:
    case.close("probation", AT.date(), AT, ClosureReason.OTHER)
    case.events.clear()
    return case


def refused_with(code: str, change) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Refusal) as refusal:
        change()
    assert refusal.value.code == code


def test_a_new_case_is_open_and_records_case_opened(make_submission) -> None:
    case = Case.open(uuid4(), uuid4(), make_submission())
    assert case.status is CaseStatus.OPEN
    assert [type(e) for e in case.events] == [events.CaseOpened]


def test_recall_suspends_an_open_case_with_actor_time_and_reason(case) -> None:
    case.suspend("probation", AT.date(), AT)
    assert case.status is CaseStatus.SUSPENDED
    assert case.events == [events.CaseSuspended(case.case_id, "probation", "CUSTODY_RECALLED", AT.date(), AT)]


def test_release_resumes_a_suspended_case(case) -> None:
    case.suspend("probation", AT.date(), AT)
    case.resume("probation", (AT + DAY).date(), AT + DAY)
    assert case.status is CaseStatus.OPEN
    assert case.events[-1] == events.CaseResumed(
        case.case_id, "probation", "CUSTODY_RELEASED", (AT + DAY).date(), AT + DAY
    )


def test_a_suspended_case_cannot_be_suspended_again(case) -> None:
    case.suspend("probation", AT.date(), AT)
    refused_with("CASE_ALREADY_SUSPENDED", lambda: case.suspend("probation", AT.date(), AT))
    assert len(case.events) == 1


def test_an_open_case_cannot_resume(case) -> None:
    refused_with("CASE_NOT_SUSPENDED", lambda: case.resume("probation", AT.date(), AT))
    assert case.status is CaseStatus.OPEN and case.events == []


@pytest.mark.parametrize("reason", list(ClosureReason))
def test_an_open_case_closes_with_any_reason(case, reason) -> None:
    case.close("probation", AT.date(), AT, reason)
    assert (case.status, case.closure_reason) == (CaseStatus.CLOSED, reason)
    assert case.events == [events.CaseClosed(case.case_id, "probation", reason.value, AT.date(), AT)]


def test_a_suspended_case_can_close(case) -> None:
    case.suspend("probation", AT.date(), AT)
    case.close("probation", AT.date(), AT, ClosureReason.TRANSFERRED)
    assert case.status is CaseStatus.CLOSED


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.suspend("probation", AT.date(), AT),
        lambda c: c.resume("probation", AT.date(), AT),
        lambda c: c.close("probation", AT.date(), AT, ClosureReason.COMPLETED),
        lambda c: c.change_mandate(MandateChange.VARIED, c.mandate, AT.date(), "probation", AT),
        lambda c: c.ensure_active(),
    ],
    ids=["suspend", "resume", "close", "change mandate", "ensure active"],
)
def test_nothing_changes_on_a_closed_case(case, change) -> None:
    closed(case)
    refused_with("CASE_ALREADY_CLOSED", lambda: change(case))
    assert case.status is CaseStatus.CLOSED and case.events == []


def test_a_varied_mandate_is_recorded_and_the_case_stays_open(case) -> None:
    varied = case.mandate.varied(False, case.mandate.ends_on)
    case.change_mandate(MandateChange.VARIED, varied, AT.date(), "probation", AT)
    assert case.mandate == varied and case.status is CaseStatus.OPEN
    assert case.events == [
        events.MandateChanged(case.case_id, MandateChange.VARIED, varied, AT.date(), "probation", AT)
    ]


@pytest.mark.parametrize("change", [MandateChange.ENDED, MandateChange.REVOKED])
@pytest.mark.parametrize("days_ago", [0, 1, 30])
def test_a_mandate_ended_or_revoked_by_today_closes_the_case(case, change, days_ago) -> None:
    effective = AT.date() - days_ago * DAY
    case.change_mandate(change, case.mandate.ended(effective), effective, "probation", AT)
    assert [type(e) for e in case.events] == [events.MandateChanged, events.CaseClosed]
    assert (case.status, case.closure_reason) == (CaseStatus.CLOSED, ClosureReason.MANDATE_ENDED)


def test_a_mandate_ended_from_tomorrow_leaves_the_case_open_until_the_check(case) -> None:
    tomorrow = AT.date() + DAY
    case.change_mandate(MandateChange.ENDED, case.mandate.ended(tomorrow), tomorrow, "probation", AT)
    assert case.status is CaseStatus.OPEN
    assert not case.close_if_mandate_passed(tomorrow, AT)
    assert case.close_if_mandate_passed(tomorrow + DAY, AT)
    assert case.events[-1] == events.CaseClosed(case.case_id, PLATFORM, "MANDATE_ENDED", tomorrow + DAY, AT)


def test_the_check_leaves_a_case_open_on_its_mandates_last_day(case) -> None:
    last_day = case.mandate.ends_on
    assert last_day is not None
    assert not case.close_if_mandate_passed(last_day, AT)
    assert case.status is CaseStatus.OPEN and case.events == []


def test_the_check_closes_a_suspended_case_whose_mandate_passed(case) -> None:
    case.suspend("probation", AT.date(), AT)
    assert case.close_if_mandate_passed(date(2099, 1, 1), AT)
    assert case.closure_reason is ClosureReason.MANDATE_ENDED


def test_the_check_passes_over_closed_and_open_ended_cases(case, make_submission, make_mandate) -> None:
    assert not closed(case).close_if_mandate_passed(date(2099, 1, 1), AT)
    open_ended = Case.open(uuid4(), uuid4(), make_submission(mandate=make_mandate(ends_on=None)))
    assert not open_ended.close_if_mandate_passed(date(2099, 1, 1), AT)


def test_a_variation_to_an_end_date_already_past_closes_the_case(case) -> None:
    yesterday = AT.date() - DAY
    case.change_mandate(MandateChange.VARIED, case.mandate.varied(True, yesterday), AT.date(), "probation", AT)
    assert [type(e) for e in case.events] == [events.MandateChanged, events.CaseClosed]
    assert case.closure_reason is ClosureReason.MANDATE_ENDED


def test_a_variation_to_end_today_keeps_the_case_open(case) -> None:
    case.change_mandate(MandateChange.VARIED, case.mandate.varied(True, AT.date()), AT.date(), "probation", AT)
    assert case.status is CaseStatus.OPEN
