"""The referral's own transitions: linked to an open case, repeated, withdrawn, and what each allows next."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from ddp_referrals.domain import events
from ddp_referrals.domain.case import Case
from ddp_referrals.domain.referral import Referral, ReferralStatus
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.domain.submission import Identifiers

AT = datetime(2026, 3, 15, 9, tzinfo=UTC)


@pytest.fixture
def open_case(make_submission) -> Case:
    return Case.open(uuid4(), uuid4(), make_submission())


def test_an_eligible_referral_for_a_subject_with_an_open_case_joins_it(make_submission, today, open_case) -> None:
    referral, case = Referral.receive(make_submission(), "probation", today, open_case.subject_id, open_case)
    assert case is None
    assert (referral.status, referral.case_id, referral.opened_case) == (
        ReferralStatus.LINKED,
        open_case.case_id,
        False,
    )
    assert [type(e) for e in referral.events] == [events.ReferralReceived, events.ReferralLinked]


def test_an_ineligible_referral_is_rejected_even_when_the_subject_has_an_open_case(
    make_submission, today, open_case
) -> None:
    submission = make_submission(identifiers=Identifiers())
    referral, case = Referral.receive(submission, "probation", today, open_case.subject_id, open_case)
    assert (referral.status, referral.case_id, case) == (ReferralStatus.REJECTED, None, None)


@pytest.mark.parametrize("linked", [False, True])
def test_a_repeat_records_the_first_outcome_and_changes_nothing(make_submission, today, open_case, linked) -> None:
    referral, _ = Referral.receive(
        make_submission(), "probation", today, open_case.subject_id, open_case if linked else None
    )
    referral.events.clear()
    status = referral.status
    referral.repeat(open_case.subject_id)
    [repeated] = referral.events
    assert isinstance(repeated, events.SubmissionRepeated)
    assert (repeated.case_id, repeated.linked, repeated.failures) == (referral.case_id, linked, ())
    assert referral.status is status


def test_an_accepted_referral_can_be_withdrawn_once(make_submission, today) -> None:
    referral, case = Referral.receive(make_submission(), "probation", today, uuid4())
    assert case is not None
    referral.events.clear()
    referral.withdraw("probation", AT.date(), AT)
    assert referral.status is ReferralStatus.WITHDRAWN
    assert referral.events == [events.ReferralWithdrawn(referral.referral_id, case.case_id, "probation", AT.date(), AT)]
    with pytest.raises(Refusal) as refusal:
        referral.withdraw("probation", AT.date(), AT)
    assert refusal.value.code == "REFERRAL_ALREADY_WITHDRAWN"


def test_a_rejected_referral_cannot_be_withdrawn_or_changed(make_submission, today) -> None:
    referral, _ = Referral.receive(make_submission(identifiers=Identifiers()), "probation", today, uuid4())
    for change in (lambda: referral.withdraw("probation", AT.date(), AT), referral.case_to_change):
        with pytest.raises(Refusal) as refusal:
            change()
        assert refusal.value.code == "REFERRAL_NOT_ACCEPTED"


def test_only_the_referral_that_opened_the_case_holds_its_mandate(make_submission, today, open_case) -> None:
    opener, case = Referral.receive(make_submission(), "probation", today, uuid4())
    joiner, _ = Referral.receive(make_submission(), "probation", today, open_case.subject_id, open_case)
    assert case is not None and opener.case_mandate_to_change() == case.case_id
    assert joiner.case_to_change() == open_case.case_id
    with pytest.raises(Refusal) as refusal:
        joiner.case_mandate_to_change()
    assert refusal.value.code == "MANDATE_NOT_HELD"
