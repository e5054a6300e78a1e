"""Property: no sequence of inputs reaches an invalid state or gives one agency reference a second case.

Hypothesis drives the use cases over the fake unit of work with submissions (eligible or not,
repeated, overlapping identifiers), withdrawals, custody and mandate changes, merges and the
passing of days; a refused input must leave the stored state exactly as it was, commit nothing
and publish nothing.
"""

import asyncio
import copy
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from ddp_referrals.domain.case import CaseStatus
from ddp_referrals.domain.commands import (
    ChangeCustody,
    ChangeMandate,
    CustodyStatus,
    MergeIdentifiers,
    SubmitReferral,
    WithdrawReferral,
)
from ddp_referrals.domain.mandates import Mandate, MandateChange, MandateType
from ddp_referrals.domain.referral import ReferralStatus
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.domain.submission import Identifiers, PersonalDetails, Submission
from ddp_referrals.service_layer import identity, intake, lifecycle
from ddp_referrals.service_layer.mandate_expiry import close_cases_past_their_mandate
from tests.unit.referrals.fakes import FakeDatabase, FakeUnitOfWork, clock_at

START = date(2026, 3, 15)
AUTHORITY = {"probation": MandateType.LICENCE, "ct-policing": MandateType.TPIM, "home-office": MandateType.TEO}
origins = st.sampled_from(sorted(AUTHORITY))
references = st.sampled_from(["R1", "R2", "R3", "R4"])
crns = st.sampled_from(["X000001", "X000002", "X000003"])


class CaseRegistryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.db = FakeDatabase()
        self.today = START
        self.case_of_reference: dict[tuple[str, str], UUID | None] = {}
        self.merged = False

    def now(self) -> datetime:
        return datetime.combine(self.today, time(12), tzinfo=UTC)

    def attempt(self, use_case, command) -> None:  # type: ignore[no-untyped-def]
        before = copy.deepcopy(self.db.__dict__)
        uow = FakeUnitOfWork(self.db)
        try:
            asyncio.run(use_case(command, uow, clock=clock_at(self.now())))
        except Refusal:
            assert self.db.__dict__ == before, "a refused change left a trace"
            assert (uow.committed, uow.published) == (False, [])
        else:
            assert uow.committed

    @rule(
        origin=origins,
        reference=references,
        crn=crns,
        eligible=st.booleans(),
        voluntary=st.booleans(),
        length=st.integers(min_value=0, max_value=20),
    )
    def submit(self, origin: str, reference: str, crn: str, eligible: bool, voluntary: bool, length: int) -> None:
        kind = MandateType.VOLUNTARY if voluntary else AUTHORITY[origin]
        mandate = Mandate(
            kind, "M-1", self.today - timedelta(days=1), self.today + timedelta(days=length), origin, True
        )
        submission = Submission(
            agency_reference=reference,
            mandate=mandate if eligible else replace(mandate, ends_on=self.today - timedelta(days=1)),
            identifiers=Identifiers(crn=crn),
            personal_details=PersonalDetails("Zebedee", "Example", date(1990, 1, 1)),
            mappa_category=None,
            mappa_level=None,
            assessed_needs=(),
            consent_given=voluntary,
            consent_recorded_on=self.today if voluntary else None,
        )
        uow = FakeUnitOfWork(self.db)
        asyncio.run(intake.submit_referral(SubmitReferral(origin, submission), uow, clock=clock_at(self.now())))
        assert uow.committed
        referral = self.db.referrals[(origin, reference)]
        first = self.case_of_reference.setdefault((origin, reference), referral.case_id)
        assert referral.case_id == first, "an agency reference changed case"

    @rule(origin=origins, reference=references)
    def withdraw(self, origin: str, reference: str) -> None:
        self.attempt(lifecycle.withdraw_referral, WithdrawReferral(origin, reference, self.today))

    @rule(origin=origins, reference=references, status=st.sampled_from(CustodyStatus))
    def custody(self, origin: str, reference: str, status: CustodyStatus) -> None:
        self.attempt(lifecycle.change_custody, ChangeCustody(origin, reference, status, self.today))

    @rule(
        origin=origins,
        reference=references,
        change=st.sampled_from(MandateChange),
        offset=st.integers(min_value=-5, max_value=30),
        required=st.booleans(),
    )
    def mandate(self, origin: str, reference: str, change: MandateChange, offset: int, required: bool) -> None:
        day = self.today + timedelta(days=offset)
        command = ChangeMandate(
            origin, reference, change, min(day, self.today), participation_required=required, ends_on=day
        )
        self.attempt(lifecycle.change_mandate, command)

    @rule(origin=origins, merged=crns, surviving=crns)
    def merge(self, origin: str, merged: str, surviving: str) -> None:
        command = MergeIdentifiers(origin, Identifiers(crn=merged), Identifiers(crn=surviving), self.today)
        before = len(self.db.subjects)
        self.attempt(identity.merge_identifiers, command)
        self.merged = self.merged or len(self.db.subjects) == before

    @rule(days=st.integers(min_value=1, max_value=15))
    def days_pass(self, days: int) -> None:
        self.today += timedelta(days=days)
        uow = FakeUnitOfWork(self.db)
        asyncio.run(close_cases_past_their_mandate(uow, clock=clock_at(self.now()), limit=500))
        assert uow.committed

    @invariant()
    def every_case_was_opened_by_exactly_one_referral(self) -> None:
        openers = [r for r in self.db.referrals.values() if r.opened_case]
        assert sorted(r.case_id for r in openers) == sorted(self.db.cases)  # type: ignore[type-var]
        for case in self.db.cases.values():
            assert self.db.cases[case.case_id].referral_id in {r.referral_id for r in openers}

    @invariant()
    def referrals_are_coherent(self) -> None:
        for referral in self.db.referrals.values():
            if referral.status is ReferralStatus.REJECTED:
                assert referral.case_id is None and referral.failures and not referral.opened_case
            else:
                assert referral.case_id in self.db.cases and not referral.failures
            if referral.status is ReferralStatus.LINKED:
                assert not referral.opened_case

    @invariant()
    def cases_are_coherent(self) -> None:
        for case in self.db.cases.values():
            assert (case.status is CaseStatus.CLOSED) == (case.closure_reason is not None)
            assert case.subject_id in self.db.subjects
            if case.active:
                assert not case.mandate.passed_on(self.today), "a case outlived its mandate"

    @invariant()
    def a_subject_has_at_most_one_open_case_unless_merged(self) -> None:
        if self.merged:
            return
        open_subjects = [c.subject_id for c in self.db.cases.values() if c.active]
        assert len(open_subjects) == len(set(open_subjects))


TestCaseRegistry = CaseRegistryMachine.TestCase
TestCaseRegistry.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)
