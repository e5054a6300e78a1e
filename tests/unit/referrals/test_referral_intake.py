"""Referral.receive: an accepted referral opens a case; a rejected one records why and opens none."""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_referrals.domain import events
from ddp_referrals.domain.case import CaseStatus
from ddp_referrals.domain.mandates import MandateType
from ddp_referrals.domain.referral import Referral, ReferralStatus
from ddp_referrals.domain.screening import screen
from ddp_referrals.domain.submission import Identifiers


@pytest.fixture
def accepted(make_submission, today):
    subject_id = uuid4()
    submission = make_submission()
    referral, case = Referral.receive(submission, "probation", today, subject_id=subject_id)
    return submission, subject_id, referral, case


@pytest.fixture
def rejected(make_submission, make_mandate, today):
    submission = make_submission(
        mandate=make_mandate(type=MandateType.TPIM, responsible_authority="probation"),
        identifiers=Identifiers(),
    )
    referral, case = Referral.receive(submission, "probation", today, subject_id=uuid4())
    return submission, referral, case


def test_an_accepted_referral_records_received_accepted_then_case_opened(accepted) -> None:
    _, _, referral, _ = accepted
    assert [type(e) for e in referral.events] == [events.ReferralReceived, events.ReferralAccepted, events.CaseOpened]


def test_an_accepted_referral_and_its_case_agree_on_every_id(accepted) -> None:
    _, subject_id, referral, case = accepted
    received, accepted_event, opened = referral.events
    assert referral.status is ReferralStatus.ACCEPTED
    assert referral.case_id == case.case_id
    assert received.referral_id == accepted_event.referral_id == opened.referral_id == referral.referral_id
    assert case.referral_id == referral.referral_id
    assert accepted_event.case_id == opened.case_id == case.case_id
    assert accepted_event.subject_id == opened.subject_id == case.subject_id == subject_id


def test_an_accepted_referral_carries_the_origin_and_agency_reference(accepted) -> None:
    submission, _, referral, _ = accepted
    received, accepted_event, _ = referral.events
    assert received.origin == accepted_event.origin == referral.origin == "probation"
    assert accepted_event.agency_reference == referral.agency_reference == submission.agency_reference


def test_the_case_opens_under_the_submitted_mandate_with_the_risk_level_and_needs(accepted) -> None:
    submission, _, referral, case = accepted
    opened = referral.events[2]
    assert case.status is CaseStatus.OPEN
    assert case.mandate == opened.mandate == submission.mandate
    assert opened.mappa_level == submission.mappa_level
    assert opened.assessed_needs == submission.assessed_needs


def test_the_case_opened_event_is_recorded_once_on_the_referral_only(accepted) -> None:
    _, _, referral, case = accepted
    assert case.events == []
    assert sum(isinstance(e, events.CaseOpened) for e in referral.events) == 1


def test_each_received_referral_gets_its_own_id(make_submission, today) -> None:
    first, _ = Referral.receive(make_submission(), "probation", today, subject_id=uuid4())
    second, _ = Referral.receive(make_submission(), "probation", today, subject_id=uuid4())
    assert first.referral_id != second.referral_id


def test_a_rejected_referral_records_received_then_rejected_and_opens_no_case(rejected) -> None:
    _, referral, case = rejected
    assert case is None
    assert referral.case_id is None
    assert referral.status is ReferralStatus.REJECTED
    assert [type(e) for e in referral.events] == [events.ReferralReceived, events.ReferralRejected]


def test_a_rejected_referral_keeps_every_screening_failure(rejected, today) -> None:
    submission, referral, _ = rejected
    expected = tuple(screen(submission, "probation", today))
    rejected_event = referral.events[1]
    assert rejected_event.failures == expected
    assert rejected_event.agency_reference == submission.agency_reference
    assert rejected_event.referral_id == referral.referral_id
    assert sorted(f.code for f in referral.failures) == ["AUTHORITY_MISMATCH", "IDENTIFIERS_MISSING"]


def test_a_referral_screened_on_a_day_its_mandate_has_ended_is_rejected(make_submission, make_mandate, today) -> None:
    submission = make_submission(mandate=make_mandate(ends_on=today - timedelta(days=1)))
    referral, case = Referral.receive(submission, "probation", today, subject_id=uuid4())
    assert case is None
    assert [f.code for f in referral.failures] == ["MANDATE_NOT_CURRENT"]


def test_a_rejected_referral_gives_back_the_same_failures_it_was_rejected_with(rejected) -> None:
    _, referral, _ = rejected
    assert referral.failures == referral.events[1].failures
