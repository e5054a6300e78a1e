"""Submitting a referral on the fake unit of work: accepted, rejected for each rule, repeated, linked."""

from datetime import timedelta

import pytest

from ddp_referrals.domain import events
from ddp_referrals.domain.commands import SubmitReferral, WithdrawReferral
from ddp_referrals.domain.mandates import MandateType
from ddp_referrals.domain.referral import ReferralStatus
from ddp_referrals.domain.submission import Identifiers
from ddp_referrals.service_layer import intake, lifecycle
from tests.unit.referrals.fakes import TODAY, kinds, run

DAY = timedelta(days=1)
VOLUNTARY = {"type": MandateType.VOLUNTARY, "participation_required": False}
CONSENT = {"consent_given": True, "consent_recorded_on": TODAY}


async def submit(db, submission, origin="probation"):  # type: ignore[no-untyped-def]
    return await run(intake.submit_referral, SubmitReferral(origin, submission), db)


async def test_an_eligible_referral_opens_a_case_for_a_new_subject(db, make_submission) -> None:
    uow = await submit(db, make_submission())
    assert uow.committed
    received, accepted, opened = uow.published
    assert kinds(uow.published) == [events.ReferralReceived, events.ReferralAccepted, events.CaseOpened]
    assert received.referral_id == accepted.referral_id == opened.referral_id
    assert (accepted.origin, accepted.agency_reference) == ("probation", "PRB-2026-000001")
    assert len(db.cases) == 1 and db.subjects == {opened.subject_id: None}
    referral = db.referrals[("probation", "PRB-2026-000001")]
    assert (referral.status, referral.case_id, referral.opened_case) == (ReferralStatus.ACCEPTED, opened.case_id, True)


async def test_a_voluntary_referral_with_recorded_consent_is_accepted(db, make_submission, make_mandate) -> None:
    uow = await submit(db, make_submission(mandate=make_mandate(**VOLUNTARY), **CONSENT))
    assert kinds(uow.published) == [events.ReferralReceived, events.ReferralAccepted, events.CaseOpened]


BROKEN_RULES = [  # (sender, submission from make_submission and make_mandate, the reason codes)
    ("probation", lambda s, m: s(mandate=m(ends_on=TODAY - 31 * DAY)), ["DATES_INCOHERENT", "MANDATE_NOT_CURRENT"]),
    ("probation", lambda s, m: s(mandate=m(ends_on=TODAY - DAY)), ["MANDATE_NOT_CURRENT"]),
    ("home-office", lambda s, m: s(), ["AUTHORITY_MISMATCH"]),
    ("probation", lambda s, m: s(mandate=m(**VOLUNTARY)), ["CONSENT_MISSING"]),
    ("probation", lambda s, m: s(mandate=m(**VOLUNTARY, ends_on=TODAY - DAY), **CONSENT), ["PARTICIPATION_ENDED"]),
    ("probation", lambda s, m: s(identifiers=Identifiers()), ["IDENTIFIERS_MISSING"]),
]


@pytest.mark.parametrize(("origin", "broken", "codes"), BROKEN_RULES, ids=[r[2][0] for r in BROKEN_RULES])
async def test_a_referral_that_breaks_a_rule_is_rejected_with_it_and_stores_no_one(
    db, make_submission, make_mandate, origin, broken, codes
) -> None:
    uow = await submit(db, broken(make_submission, make_mandate), origin)
    assert uow.committed
    received, rejected = uow.published
    assert received == events.ReferralReceived(rejected.referral_id, origin)
    assert isinstance(rejected, events.ReferralRejected) and rejected.agency_reference == "PRB-2026-000001"
    assert sorted(f.code for f in rejected.failures) == codes
    assert db.subjects == {} and db.identifiers == {} and db.cases == {}
    stored = db.referrals[(origin, "PRB-2026-000001")]
    assert (stored.status, stored.failures) == (ReferralStatus.REJECTED, rejected.failures)


async def test_a_rejected_referral_stores_no_subject(db, make_submission) -> None:
    await submit(db, make_submission(identifiers=Identifiers()))
    assert db.subjects == {} and db.cases == {}


async def test_the_same_reference_again_repeats_the_outcome_and_opens_nothing(db, make_submission) -> None:
    [*_, opened] = (await submit(db, make_submission())).published
    again = await submit(db, make_submission())
    assert again.committed and again.published == [
        events.SubmissionRepeated(
            opened.referral_id, "probation", "PRB-2026-000001", opened.case_id, opened.subject_id, False, ()
        )
    ]
    assert len(db.cases) == 1 and len(db.referrals) == 1 and len(db.subjects) == 1


async def test_a_repeated_rejection_repeats_its_failures(db, make_submission) -> None:
    await submit(db, make_submission(identifiers=Identifiers()))
    [again] = (await submit(db, make_submission(identifiers=Identifiers()))).published
    assert isinstance(again, events.SubmissionRepeated) and (again.case_id, again.subject_id) == (None, None)
    assert [f.code for f in again.failures] == ["IDENTIFIERS_MISSING"]
    assert len(db.referrals) == 1


async def test_another_agencys_referral_for_a_subject_with_an_open_case_is_linked(
    db, make_submission, make_mandate
) -> None:
    [*_, opened] = (await submit(db, make_submission(identifiers=Identifiers(crn="X123456")))).published
    tpim = make_mandate(type=MandateType.TPIM, responsible_authority="ct-policing")
    submission = make_submission(
        agency_reference="CTP-1", mandate=tpim, identifiers=Identifiers(crn="X123456", pnc_id="19/1P")
    )
    uow = await submit(db, submission, "ct-policing")
    assert kinds(uow.published) == [events.ReferralReceived, events.ReferralLinked]
    linked = uow.published[1]
    assert (linked.case_id, linked.subject_id, linked.origin) == (opened.case_id, opened.subject_id, "ct-policing")
    assert len(db.cases) == 1
    assert db.referrals[("ct-policing", "CTP-1")].status is ReferralStatus.LINKED
    # The new identifier now finds the same person, kept in its long form.
    assert db.identifiers[("pnc_id", "2019/0000001P")] == opened.subject_id


async def test_a_pnc_id_in_any_of_its_forms_finds_the_same_person(db, make_submission, make_mandate) -> None:
    [*_, opened] = (await submit(db, make_submission(identifiers=Identifiers(pnc_id="2019/0123456E")))).published
    tpim = make_mandate(type=MandateType.TPIM, responsible_authority="ct-policing")
    for n, form in enumerate(("19/123456E", "19123456E", "20190123456E", "2019/0123456e")):
        submission = make_submission(agency_reference=f"CTP-{n}", mandate=tpim, identifiers=Identifiers(pnc_id=form))
        linked = (await submit(db, submission, "ct-policing")).published[1]
        assert isinstance(linked, events.ReferralLinked) and linked.subject_id == opened.subject_id, form


async def test_a_linked_referral_submitted_again_repeats_that_it_was_linked(db, make_submission) -> None:
    [*_, opened] = (await submit(db, make_submission())).published
    await submit(db, make_submission(agency_reference="PRB-2"))
    [again] = (await submit(db, make_submission(agency_reference="PRB-2"))).published
    assert isinstance(again, events.SubmissionRepeated)
    assert (again.case_id, again.subject_id, again.linked) == (opened.case_id, opened.subject_id, True)


async def test_a_known_subject_without_an_open_case_gets_a_new_case_under_the_same_subject(db, make_submission) -> None:
    [*_, first] = (await submit(db, make_submission())).published
    await run(lifecycle.withdraw_referral, WithdrawReferral("probation", "PRB-2026-000001", TODAY), db)
    [*_, second] = (await submit(db, make_submission(agency_reference="PRB-2"))).published
    assert isinstance(second, events.CaseOpened)
    assert second.subject_id == first.subject_id and second.case_id != first.case_id
    assert len(db.subjects) == 1


async def test_the_same_reference_stating_other_facts_is_refused_naming_the_fields_that_differ(
    db, make_submission
) -> None:
    await submit(db, make_submission())
    changed = make_submission(
        mappa_level=3,
        assessed_needs=("IDEOLOGY", "EMPLOYMENT"),
        identifiers=Identifiers(crn="X123456", nomis_number="A1234BC"),
    )

    [conflict] = (await submit(db, changed)).published

    assert conflict == events.SubmissionConflicted(
        conflict.referral_id,
        "probation",
        "PRB-2026-000001",
        ("assessed_needs", "identifiers.nomis_number", "risk.mappa_level"),
    )
    assert len(db.cases) == 1 and len(db.subjects) == 1, "nothing the conflicting submission stated is applied"


async def test_needs_in_another_order_are_the_same_facts(db, make_submission) -> None:
    await submit(db, make_submission())
    [again] = (await submit(db, make_submission(assessed_needs=("HOUSING", "IDEOLOGY")))).published
    assert isinstance(again, events.SubmissionRepeated)


async def test_a_rejected_reference_is_spent_whatever_the_resubmission_states(db, make_submission) -> None:
    await submit(db, make_submission(identifiers=Identifiers()))
    [again] = (await submit(db, make_submission(identifiers=Identifiers(crn="X123456")))).published
    assert isinstance(again, events.SubmissionRepeated) and [f.code for f in again.failures] == ["IDENTIFIERS_MISSING"]
