"""Each default rule at its boundaries: exactly N instances, window edges, the induction period."""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_compliance.domain.case_reports import CaseReports
from ddp_compliance.domain.facts import Report, attendance
from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.vocabulary import AbsenceCategory, AttendanceOutcome, LadderStep
from tests.unit.compliance.builders import CASE, START, absence, at, concern, fired, situations

ABSENT, UNACCEPTABLE = AttendanceOutcome.ABSENT, AbsenceCategory.UNACCEPTABLE

W0 = START
LICENCE_W1 = START + timedelta(days=90)


# --- missed initial session (induction: the first 14 days of the mandate) ---------------------


@pytest.mark.parametrize("mandate", ["LICENCE", "TPIM", "TEO"])
def test_one_unacceptable_absence_in_the_induction_period_is_a_breach_referral(mandate: str) -> None:
    assert fired([absence(13, hour=23)], mandate=mandate) == {("missed-initial-session", "BREACH_REFERRAL", W0)}


def test_an_absence_on_the_first_day_after_induction_is_an_ordinary_absence() -> None:
    assert fired([absence(14, hour=0)]) == {("unacceptable-absences", "WARNING", W0)}


def test_a_missed_initial_session_of_a_voluntary_case_is_an_engagement_concern() -> None:
    assert fired([absence(0)], mandate="VOLUNTARY") == {("missed-initial-session", "ENGAGEMENT_CONCERN", W0)}


# --- unacceptable absences: warning at 1, breach referral at 2, in fixed windows ---------------


def test_exactly_one_absence_recommends_a_warning_and_nothing_more() -> None:
    assert fired([absence(30)]) == {("unacceptable-absences", "WARNING", W0)}


def test_exactly_two_absences_in_one_window_climb_to_a_breach_referral() -> None:
    assert fired([absence(30), absence(89, hour=23)]) == {
        ("unacceptable-absences", "WARNING", W0),
        ("unacceptable-absences", "BREACH_REFERRAL", W0),
    }


def test_two_absences_either_side_of_a_window_edge_are_two_warnings_not_a_referral() -> None:
    assert fired([absence(30), absence(90, hour=0)]) == {
        ("unacceptable-absences", "WARNING", W0),
        ("unacceptable-absences", "WARNING", LICENCE_W1),
    }


def test_tpim_windows_are_sixty_days() -> None:
    assert fired([absence(20), absence(59)], mandate="TPIM") >= {("unacceptable-absences", "BREACH_REFERRAL", W0)}
    assert ("unacceptable-absences", "BREACH_REFERRAL", W0) not in fired([absence(20), absence(60)], mandate="TPIM")


def test_acceptable_absences_never_reach_the_rules() -> None:
    assert fired([]) == set()


# --- engagement concerns ------------------------------------------------------------------------


def test_licence_concerns_warn_at_exactly_three_in_sixty_days() -> None:
    assert fired([concern(1), concern(2)]) == set()
    assert fired([concern(1), concern(2), concern(59)]) == {("repeated-engagement-concerns", "WARNING", W0)}
    assert fired([concern(1), concern(2), concern(60)]) == set()


def test_tpim_concerns_warn_at_two_and_refer_at_four() -> None:
    two = [concern(1), concern(2)]
    assert fired(two, mandate="TPIM") == {("repeated-engagement-concerns", "WARNING", W0)}
    assert fired([*two, concern(3)], mandate="TPIM") == {("repeated-engagement-concerns", "WARNING", W0)}
    assert ("repeated-engagement-concerns", "BREACH_REFERRAL", W0) in fired(
        [*two, concern(3), concern(4)], mandate="TPIM"
    )


def test_voluntary_concerns_and_absences_only_ever_flag_engagement_concerns() -> None:
    history = [absence(20), absence(21), absence(22), concern(30), concern(31), concern(32)]
    steps = {s.step for s in situations(history, mandate="VOLUNTARY")}
    assert steps == {LadderStep.ENGAGEMENT_CONCERN}
    assert fired([absence(20)], mandate="VOLUNTARY") == set()


def test_a_mandate_without_required_participation_raises_one_concern_per_rule_and_window() -> None:
    found = fired([absence(20), absence(21)], escalation_possible=False)
    assert found == {("unacceptable-absences", "ENGAGEMENT_CONCERN", W0)}


# --- evidence, identity, suspension -----------------------------------------------------------


def test_the_evidence_is_the_first_instances_that_reached_the_rung_in_occurrence_order() -> None:
    first, second, third = absence(20), absence(40), absence(60)
    referral = next(s for s in situations([third, first, second]) if s.step is LadderStep.BREACH_REFERRAL)
    assert referral.evidence == (first, second)


def test_the_escalation_id_depends_on_the_situation_only() -> None:
    one = situations([absence(20)])[0]
    again = situations([absence(21)])[0]
    assert one.escalation_id == again.escalation_id
    assert one.escalation_id != situations([absence(95)])[0].escalation_id


def _outside(instances: list[Instance], reports: CaseReports) -> list[Instance]:
    return [i for i in instances if not any(p.covers(i.occurred_at) for p in reports.periods())]


def test_sessions_during_a_suspension_do_not_count_from_its_start_until_it_ends() -> None:
    reports = CaseReports()
    reports.suspend(uuid4(), at(30))
    reports.resume(uuid4(), at(40))
    inside_start, inside, at_end, after = absence(30), absence(35), absence(40), absence(41)
    kept = _outside([inside_start, inside, at_end, after], reports)
    assert kept == [at_end, after]
    still_suspended = CaseReports()
    still_suspended.suspend(uuid4(), at(45))
    assert _outside([absence(50)], still_suspended) == []


def test_duplicates_count_once() -> None:
    one = absence(30)
    reported = attendance(Report(one.event_id, one.event_type), CASE, uuid4(), one.occurred_at, ABSENT, UNACCEPTABLE)
    reports = CaseReports()
    assert [reports.keep(reported), reports.keep(reported)] == [True, False]
    assert fired([one, one]) == {("unacceptable-absences", "WARNING", W0)}


def test_window_start_before_the_mandate_start_is_a_window_of_its_own() -> None:
    early = absence(-1)
    assert {s.window_start for s in situations([early])} == {START - timedelta(days=14)}
