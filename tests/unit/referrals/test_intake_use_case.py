"""The use cases over an in-memory registry: intake, linking, withdrawal, mandates, custody, merges, expiry."""

from datetime import UTC, datetime, timedelta

import pytest

from ddp_referrals.domain import events
from ddp_referrals.domain.case import CaseStatus, ClosureReason
from ddp_referrals.domain.commands import (
    ChangeCustody,
    ChangeMandate,
    CustodyStatus,
    MergeIdentifiers,
    WithdrawReferral,
)
from ddp_referrals.domain.mandates import MandateChange, MandateType
from ddp_referrals.domain.referral import ReferralStatus
from ddp_referrals.domain.refusals import ChangeRefused
from ddp_referrals.domain.submission import Identifiers
from ddp_referrals.service_layer import identity, intake, lifecycle
from ddp_referrals.service_layer.mandate_expiry import close_cases_past_their_mandate
from tests.unit.referrals.conftest import TODAY
from tests.unit.referrals.fake_registry import FakeCaseRegistry

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture
def registry() -> FakeCaseRegistry:
    return FakeCaseRegistry()


def kinds(happened: list) -> list[type]:
    return [type(e) for e in happened]


async def refused(code: str, use_case, *args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChangeRefused) as refusal:
        await use_case(*args)
    assert refusal.value.code == code


async def accept(registry, make_submission, reference="PRB-2026-000001", **overrides):  # type: ignore[no-untyped-def]
    happened = await intake.submit_referral(
        make_submission(agency_reference=reference, **overrides), "probation", registry, TODAY
    )
    return next(e for e in happened if isinstance(e, events.CaseOpened | events.ReferralLinked))


# --- intake ------------------------------------------------------------------------------------


async def test_an_eligible_referral_opens_a_case_for_a_new_subject(registry, make_submission) -> None:
    happened = await intake.submit_referral(make_submission(), "probation", registry, TODAY)
    assert kinds(happened) == [events.ReferralReceived, events.ReferralAccepted, events.CaseOpened]
    assert len(registry.cases) == 1 and len(registry.subjects) == 1


async def test_a_rejected_referral_stores_no_subject(registry, make_submission) -> None:
    await intake.submit_referral(make_submission(identifiers=Identifiers()), "probation", registry, TODAY)
    assert registry.subjects == {} and registry.cases == {}


async def test_the_same_reference_again_repeats_the_outcome_and_opens_nothing(registry, make_submission) -> None:
    opened = await accept(registry, make_submission)
    again = await intake.submit_referral(make_submission(), "probation", registry, TODAY)
    assert again == [
        events.SubmissionRepeated(
            opened.referral_id, "probation", "PRB-2026-000001", opened.case_id, opened.subject_id, False, ()
        )
    ]
    assert len(registry.cases) == 1 and len(registry.referrals) == 1


async def test_a_repeated_rejection_repeats_its_failures(registry, make_submission) -> None:
    await intake.submit_referral(make_submission(identifiers=Identifiers()), "probation", registry, TODAY)
    [again] = await intake.submit_referral(make_submission(identifiers=Identifiers()), "probation", registry, TODAY)
    assert isinstance(again, events.SubmissionRepeated) and again.case_id is None
    assert [f.code for f in again.failures] == ["IDENTIFIERS_MISSING"]


async def test_another_agencys_referral_for_a_subject_with_an_open_case_is_linked(
    registry, make_submission, make_mandate
) -> None:
    opened = await accept(registry, make_submission, identifiers=Identifiers(crn="X123456"))
    tpim = make_mandate(type=MandateType.TPIM, responsible_authority="ct-policing")
    submission = make_submission(
        agency_reference="CTP-1", mandate=tpim, identifiers=Identifiers(crn="X123456", pnc_id="2019/1Z")
    )
    happened = await intake.submit_referral(submission, "ct-policing", registry, TODAY)
    assert kinds(happened) == [events.ReferralReceived, events.ReferralLinked]
    linked = happened[1]
    assert (linked.case_id, linked.subject_id) == (opened.case_id, opened.subject_id)
    assert len(registry.cases) == 1
    # The new identifier now finds the same person.
    assert await registry.subject_matching(Identifiers(pnc_id="2019/1Z")) == opened.subject_id


async def test_a_known_subject_without_an_open_case_gets_a_new_case_under_the_same_subject(
    registry, make_submission
) -> None:
    first = await accept(registry, make_submission)
    await lifecycle.withdraw_referral(WithdrawReferral("PRB-2026-000001", TODAY), "probation", registry, NOW)
    second = await accept(registry, make_submission, reference="PRB-2")
    assert isinstance(second, events.CaseOpened)
    assert second.subject_id == first.subject_id and second.case_id != first.case_id


# --- withdrawal --------------------------------------------------------------------------------


async def test_withdrawing_the_referral_that_opened_a_case_closes_it(registry, make_submission) -> None:
    opened = await accept(registry, make_submission)
    happened = await lifecycle.withdraw_referral(WithdrawReferral("PRB-2026-000001", TODAY), "probation", registry, NOW)
    assert kinds(happened) == [events.ReferralWithdrawn, events.CaseClosed]
    assert registry.cases[opened.case_id].closure_reason is ClosureReason.WITHDRAWN


async def test_withdrawing_a_linked_referral_leaves_the_case_open(registry, make_submission) -> None:
    opened = await accept(registry, make_submission)
    await accept(registry, make_submission, reference="PRB-2")
    happened = await lifecycle.withdraw_referral(WithdrawReferral("PRB-2", TODAY), "probation", registry, NOW)
    assert kinds(happened) == [events.ReferralWithdrawn]
    assert registry.cases[opened.case_id].status is CaseStatus.OPEN


async def test_withdrawal_is_refused_when_unknown_rejected_or_already_withdrawn(registry, make_submission) -> None:
    withdraw = lifecycle.withdraw_referral
    await refused("REFERRAL_UNKNOWN", withdraw, WithdrawReferral("NOPE", TODAY), "probation", registry, NOW)
    await intake.submit_referral(
        make_submission(agency_reference="BAD", identifiers=Identifiers()), "probation", registry, TODAY
    )
    await refused("REFERRAL_NOT_ACCEPTED", withdraw, WithdrawReferral("BAD", TODAY), "probation", registry, NOW)
    await accept(registry, make_submission, reference="OK")
    await withdraw(WithdrawReferral("OK", TODAY), "probation", registry, NOW)
    await refused("REFERRAL_ALREADY_WITHDRAWN", withdraw, WithdrawReferral("OK", TODAY), "probation", registry, NOW)
    assert registry.referrals[("probation", "OK")].status is ReferralStatus.WITHDRAWN


async def test_one_agency_cannot_change_another_agencys_referral(registry, make_submission) -> None:
    await accept(registry, make_submission)
    command = ChangeCustody("PRB-2026-000001", CustodyStatus.RECALLED, TODAY)
    await refused("REFERRAL_UNKNOWN", lifecycle.change_custody, command, "home-office", registry, NOW)


# --- mandates and custody ----------------------------------------------------------------------


async def test_an_ended_mandate_closes_the_case_as_mandate_ended(registry, make_submission) -> None:
    opened = await accept(registry, make_submission)
    command = ChangeMandate("PRB-2026-000001", MandateChange.ENDED, TODAY)
    happened = await lifecycle.change_mandate(command, "probation", registry, NOW)
    assert kinds(happened) == [events.MandateChanged, events.CaseClosed]
    assert registry.cases[opened.case_id].closure_reason is ClosureReason.MANDATE_ENDED


async def test_an_extension_is_recorded_on_the_case(registry, make_submission) -> None:
    opened = await accept(registry, make_submission)
    new_end = TODAY + 2000 * DAY
    command = ChangeMandate("PRB-2026-000001", MandateChange.EXTENDED, TODAY, ends_on=new_end)
    [changed] = await lifecycle.change_mandate(command, "probation", registry, NOW)
    assert isinstance(changed, events.MandateChanged) and changed.mandate.ends_on == new_end
    assert registry.cases[opened.case_id].mandate.ends_on == new_end


async def test_only_the_referral_that_opened_the_case_changes_its_mandate(registry, make_submission) -> None:
    await accept(registry, make_submission)
    await accept(registry, make_submission, reference="PRB-2")
    command = ChangeMandate("PRB-2", MandateChange.ENDED, TODAY)
    await refused("MANDATE_NOT_HELD", lifecycle.change_mandate, command, "probation", registry, NOW)


async def test_recall_then_release_suspends_then_resumes(registry, make_submission) -> None:
    opened = await accept(registry, make_submission)
    recall = ChangeCustody("PRB-2026-000001", CustodyStatus.RECALLED, TODAY)
    release = ChangeCustody("PRB-2026-000001", CustodyStatus.RELEASED, TODAY)
    assert kinds(await lifecycle.change_custody(recall, "probation", registry, NOW)) == [events.CaseSuspended]
    await refused("CASE_ALREADY_SUSPENDED", lifecycle.change_custody, recall, "probation", registry, NOW)
    assert kinds(await lifecycle.change_custody(release, "probation", registry, NOW)) == [events.CaseResumed]
    await refused("CASE_NOT_SUSPENDED", lifecycle.change_custody, release, "probation", registry, NOW)
    assert registry.cases[opened.case_id].status is CaseStatus.OPEN


# --- merges ------------------------------------------------------------------------------------


async def test_a_merge_moves_the_merged_subjects_cases_to_the_survivor(registry, make_submission) -> None:
    survivor = await accept(registry, make_submission, identifiers=Identifiers(crn="X000001"))
    retired = await accept(registry, make_submission, reference="PRB-2", identifiers=Identifiers(crn="X000002"))
    command = MergeIdentifiers(Identifiers(crn="X000002"), Identifiers(crn="X000001"), TODAY)
    [merge] = await identity.merge_identifiers(command, "probation", registry, NOW)
    assert merge == events.SubjectsMerged(survivor.subject_id, retired.subject_id, (retired.case_id,), "probation", NOW)
    assert registry.cases[retired.case_id].subject_id == survivor.subject_id
    assert await registry.subject_matching(Identifiers(crn="X000002")) == survivor.subject_id


async def test_a_merge_is_refused_for_unknown_or_identical_subjects(registry, make_submission) -> None:
    await accept(registry, make_submission, identifiers=Identifiers(crn="X000001", pnc_id="11/1A"))
    merge = identity.merge_identifiers
    unknown = MergeIdentifiers(Identifiers(crn="X999999"), Identifiers(crn="X000001"), TODAY)
    await refused("SUBJECT_UNKNOWN", merge, unknown, "probation", registry, NOW)
    unknown_survivor = MergeIdentifiers(Identifiers(crn="X000001"), Identifiers(crn="X999999"), TODAY)
    await refused("SUBJECT_UNKNOWN", merge, unknown_survivor, "probation", registry, NOW)
    same = MergeIdentifiers(Identifiers(pnc_id="11/1A"), Identifiers(crn="X000001"), TODAY)
    await refused("SUBJECTS_ALREADY_ONE", merge, same, "probation", registry, NOW)


# --- the scheduled check -----------------------------------------------------------------------


async def test_the_check_closes_only_cases_whose_mandate_has_passed(registry, make_submission, make_mandate) -> None:
    ending = await accept(registry, make_submission, mandate=make_mandate(ends_on=TODAY + 10 * DAY))
    lasting = await accept(
        registry, make_submission, reference="PRB-2", identifiers=Identifiers(crn="X000009"), mandate=make_mandate()
    )
    assert await close_cases_past_their_mandate(registry, TODAY + 10 * DAY, NOW) == []
    happened = await close_cases_past_their_mandate(registry, TODAY + 11 * DAY, NOW)
    assert happened == [events.CaseClosed(ending.case_id, "platform", "MANDATE_ENDED", NOW)]
    assert registry.cases[lasting.case_id].status is CaseStatus.OPEN
    assert await close_cases_past_their_mandate(registry, TODAY + 11 * DAY, NOW) == []
