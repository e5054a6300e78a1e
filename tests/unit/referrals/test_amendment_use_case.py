"""Amending a referral: new needs or a new MAPPA category and level reach the case; every refusal."""

from datetime import timedelta

from ddp_referrals.domain import events
from ddp_referrals.domain.commands import AmendReferral, ChangeMandate, SubmitReferral
from ddp_referrals.domain.mandates import MandateChange
from ddp_referrals.service_layer import intake, lifecycle
from tests.unit.referrals.fakes import NOW, TODAY, given_a_case, given_a_link, refused, run

REFERENCE = "PRB-2026-000001"
DAY = timedelta(days=1)


def amendment(
    needs: tuple[str, ...] | None = ("IDEOLOGY", "EMPLOYMENT"),
    risk: tuple[int, int] | None = (4, 3),
    reference: str = REFERENCE,
    effective_on=TODAY,  # type: ignore[no-untyped-def]
) -> AmendReferral:
    category, level = risk if risk else (None, None)
    return AmendReferral("probation", reference, effective_on, needs, category, level)


async def test_an_amendment_reaches_the_case_with_only_what_changed(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    uow = await run(lifecycle.amend_referral, amendment(needs=None), db)
    assert uow.committed
    assert uow.published == [events.CaseAmended(opened.case_id, None, 4, 3, TODAY, "probation", NOW)]


async def test_after_an_amendment_the_amended_referral_resubmitted_is_the_same_referral(db, make_submission) -> None:
    await given_a_case(db, make_submission())
    await run(lifecycle.amend_referral, amendment(), db)
    amended = make_submission(assessed_needs=("EMPLOYMENT", "IDEOLOGY"), mappa_category=4, mappa_level=3)
    [again] = (await run(intake.submit_referral, SubmitReferral("probation", amended), db)).published
    assert isinstance(again, events.SubmissionRepeated)
    [stale] = (await run(intake.submit_referral, SubmitReferral("probation", make_submission()), db)).published
    assert isinstance(stale, events.SubmissionConflicted)
    assert stale.fields == ("assessed_needs", "risk.mappa_level")


async def test_any_live_referral_of_the_case_may_amend_it(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    await given_a_link(db, make_submission(agency_reference="PRB-2"))
    [amended] = (await run(lifecycle.amend_referral, amendment(reference="PRB-2"), db)).published
    assert isinstance(amended, events.CaseAmended) and amended.case_id == opened.case_id


async def test_an_amendment_is_refused_for_an_unknown_referral_a_closed_case_or_a_date_ahead(
    db, make_submission
) -> None:
    await refused("REFERRAL_UNKNOWN", lifecycle.amend_referral, amendment(), db)
    await given_a_case(db, make_submission())
    await refused("EFFECTIVE_IN_FUTURE", lifecycle.amend_referral, amendment(effective_on=TODAY + DAY), db)
    await run(lifecycle.change_mandate, ChangeMandate("probation", REFERENCE, MandateChange.ENDED, TODAY), db)
    await refused("CASE_ALREADY_CLOSED", lifecycle.amend_referral, amendment(), db)
