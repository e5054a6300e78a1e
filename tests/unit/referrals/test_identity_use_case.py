"""Merging subjects on the fake unit of work: cases follow the survivor; and every refusal."""

from ddp_referrals.domain import events
from ddp_referrals.domain.commands import MergeIdentifiers, WithdrawReferral
from ddp_referrals.domain.submission import Identifiers
from ddp_referrals.service_layer import identity, lifecycle
from tests.unit.referrals.fakes import NOW, TODAY, FakeUnitOfWork, given_a_case, given_a_link, refused, run


def merge(merged: Identifiers, surviving: Identifiers) -> MergeIdentifiers:
    return MergeIdentifiers("probation", merged, surviving, TODAY)


X1, X2 = Identifiers(crn="X000001"), Identifiers(crn="X000002")


async def test_a_merge_moves_the_merged_subjects_cases_to_the_survivor(db, make_submission) -> None:
    survivor = await given_a_case(db, make_submission(identifiers=X1))
    retired = await given_a_case(db, make_submission(agency_reference="PRB-2", identifiers=X2))
    uow = await run(identity.merge_identifiers, merge(X2, X1), db)
    assert uow.committed
    assert uow.published == [
        events.SubjectsMerged(survivor.subject_id, retired.subject_id, (retired.case_id,), "probation", NOW)
    ]
    assert db.cases[retired.case_id].subject_id == survivor.subject_id
    assert await FakeUnitOfWork(db).cases.subject_matching(X2) == survivor.subject_id


async def test_after_a_merge_the_merged_identifiers_lead_to_the_survivors_open_case(db, make_submission) -> None:
    survivor = await given_a_case(db, make_submission(identifiers=X1))
    await given_a_case(db, make_submission(agency_reference="PRB-2", identifiers=X2))
    await run(lifecycle.withdraw_referral, WithdrawReferral("probation", "PRB-2", TODAY), db)
    await run(identity.merge_identifiers, merge(X2, X1), db)
    linked = await given_a_link(db, make_submission(agency_reference="PRB-3", identifiers=X2))
    assert (linked.case_id, linked.subject_id) == (survivor.case_id, survivor.subject_id)


async def test_a_second_report_of_the_same_merge_is_refused(db, make_submission) -> None:
    await given_a_case(db, make_submission(identifiers=X1))
    await given_a_case(db, make_submission(agency_reference="PRB-2", identifiers=X2))
    await run(identity.merge_identifiers, merge(X2, X1), db)
    await refused("SUBJECTS_ALREADY_ONE", identity.merge_identifiers, merge(X2, X1), db)


async def test_a_merge_is_refused_for_unknown_or_identical_subjects(db, make_submission) -> None:
    await given_a_case(db, make_submission(identifiers=Identifiers(crn="X000001", pnc_id="11/1T")))
    unknown = Identifiers(crn="X999999")
    await refused("SUBJECT_UNKNOWN", identity.merge_identifiers, merge(unknown, X1), db)
    refusal = await refused("SUBJECT_UNKNOWN", identity.merge_identifiers, merge(X1, unknown), db)
    assert refusal.field == "surviving"
    await refused("SUBJECTS_ALREADY_ONE", identity.merge_identifiers, merge(Identifiers(pnc_id="11/1T"), X1), db)
