"""Mandate changes on the fake unit of work: varied, extended, revoked, ended; and every refusal."""

from datetime import timedelta

import pytest

from ddp_referrals.domain import events
from ddp_referrals.domain.case import CaseStatus, ClosureReason
from ddp_referrals.domain.commands import ChangeMandate, SubmitReferral, WithdrawReferral
from ddp_referrals.domain.mandates import MandateChange
from ddp_referrals.domain.submission import Identifiers
from ddp_referrals.service_layer import intake, lifecycle
from tests.unit.referrals.fakes import NOW, TODAY, given_a_case, given_a_link, kinds, refused, run

DAY = timedelta(days=1)
REFERENCE = "PRB-2026-000001"


def change(kind: MandateChange, reference: str = REFERENCE, **terms) -> ChangeMandate:  # type: ignore[no-untyped-def]
    return ChangeMandate("probation", reference, kind, terms.pop("effective_on", TODAY), **terms)


async def test_a_variation_records_the_new_terms_and_the_case_stays_open(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    uow = await run(lifecycle.change_mandate, change(MandateChange.VARIED, participation_required=False), db)
    assert uow.committed
    [changed] = uow.published
    assert changed == events.MandateChanged(
        opened.case_id, MandateChange.VARIED, db.cases[opened.case_id].mandate, TODAY, "probation", NOW
    )
    assert changed.mandate.participation_required is False and changed.mandate.ends_on is None
    assert db.cases[opened.case_id].status is CaseStatus.OPEN


async def test_a_variation_to_an_end_date_already_past_closes_the_case(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    command = change(MandateChange.VARIED, participation_required=True, ends_on=TODAY - DAY)
    uow = await run(lifecycle.change_mandate, command, db)
    assert kinds(uow.published) == [events.MandateChanged, events.CaseClosed]
    assert db.cases[opened.case_id].closure_reason is ClosureReason.MANDATE_ENDED


async def test_an_extension_is_recorded_on_the_case(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    new_end = TODAY + 2000 * DAY
    [changed] = (await run(lifecycle.change_mandate, change(MandateChange.EXTENDED, ends_on=new_end), db)).published
    assert isinstance(changed, events.MandateChanged) and changed.mandate.ends_on == new_end
    assert db.cases[opened.case_id].mandate.ends_on == new_end


@pytest.mark.parametrize("kind", [MandateChange.ENDED, MandateChange.REVOKED])
async def test_a_mandate_ended_or_revoked_today_closes_the_case_as_mandate_ended(db, make_submission, kind) -> None:
    opened = await given_a_case(db, make_submission())
    uow = await run(lifecycle.change_mandate, change(kind), db)
    changed, closed = uow.published
    assert (changed.change, changed.mandate.ends_on) == (kind, TODAY)
    assert closed == events.CaseClosed(opened.case_id, "probation", "MANDATE_ENDED", TODAY + DAY, NOW)
    assert db.cases[opened.case_id].closure_reason is ClosureReason.MANDATE_ENDED


async def test_a_mandate_ended_from_a_later_date_leaves_the_case_open_for_the_check(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    uow = await run(lifecycle.change_mandate, change(MandateChange.ENDED, effective_on=TODAY + 5 * DAY), db)
    assert kinds(uow.published) == [events.MandateChanged]
    assert db.cases[opened.case_id].status is CaseStatus.OPEN
    assert db.cases[opened.case_id].mandate.ends_on == TODAY + 5 * DAY


async def test_only_the_referral_that_opened_the_case_changes_its_mandate(db, make_submission) -> None:
    await given_a_case(db, make_submission())
    await given_a_link(db, make_submission(agency_reference="PRB-2"))
    await refused("MANDATE_NOT_HELD", lifecycle.change_mandate, change(MandateChange.ENDED, "PRB-2"), db)


async def test_a_mandate_change_is_refused_without_a_live_referral(db, make_submission) -> None:
    await refused("REFERRAL_UNKNOWN", lifecycle.change_mandate, change(MandateChange.ENDED, "NOPE"), db)
    bad = make_submission(agency_reference="BAD", identifiers=Identifiers())
    await run(intake.submit_referral, SubmitReferral("probation", bad), db)
    await refused("REFERRAL_NOT_ACCEPTED", lifecycle.change_mandate, change(MandateChange.ENDED, "BAD"), db)
    await given_a_case(db, make_submission())
    await run(lifecycle.withdraw_referral, WithdrawReferral("probation", REFERENCE, TODAY), db)
    await refused("REFERRAL_ALREADY_WITHDRAWN", lifecycle.change_mandate, change(MandateChange.ENDED), db)


async def test_a_closed_cases_mandate_cannot_change(db, make_submission) -> None:
    await given_a_case(db, make_submission())
    await run(lifecycle.change_mandate, change(MandateChange.ENDED), db)
    await refused("CASE_ALREADY_CLOSED", lifecycle.change_mandate, change(MandateChange.REVOKED), db)


async def test_impossible_new_terms_are_refused(db, make_submission, make_mandate) -> None:
    mandate = make_mandate()
    await given_a_case(db, make_submission(mandate=mandate))
    before_start = change(MandateChange.VARIED, participation_required=True, ends_on=mandate.starts_on - DAY)
    await refused("DATES_INCOHERENT", lifecycle.change_mandate, before_start, db)
    await refused("EXTENSION_NOT_LATER", lifecycle.change_mandate, change(MandateChange.EXTENDED, ends_on=TODAY), db)
    early_end = change(MandateChange.ENDED, effective_on=mandate.starts_on - DAY)
    await refused("DATES_INCOHERENT", lifecycle.change_mandate, early_end, db)
