"""Review dates by cadence, due and overdue against a controllable "today"; overdue decision flags."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

from ddp_compliance.domain.escalation import Decision, Escalation
from ddp_compliance.domain.review import next_review
from ddp_compliance.domain.vocabulary import LadderStep

OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def review(cadence: int = 28):
    return next_review(uuid4(), 1, OPENED.date(), cadence, "probation", "2026-11-27", OPENED)


def test_the_next_review_is_due_one_cadence_after_the_last() -> None:
    assert review(28).due_on == date(2026, 3, 30)


def test_review_ids_are_derived_so_a_review_is_scheduled_once() -> None:
    case_id = uuid4()
    one = next_review(case_id, 2, OPENED.date(), 28, "probation", "v", OPENED)
    again = next_review(case_id, 2, OPENED.date(), 91, "probation", "v", OPENED)
    assert one.review_id == again.review_id
    assert one.review_id != next_review(case_id, 3, OPENED.date(), 28, "probation", "v", OPENED).review_id


def test_a_review_is_due_from_its_due_date_and_not_before() -> None:
    r = review()
    assert not r.is_due(r.due_on - timedelta(days=1))
    assert r.is_due(r.due_on)


def test_a_review_is_overdue_only_after_the_grace_days() -> None:
    r = review()
    assert not r.is_overdue(r.due_on + timedelta(days=7), overdue_after_days=7)
    assert r.is_overdue(r.due_on + timedelta(days=8), overdue_after_days=7)


def referral(due: datetime, **changes: object) -> Escalation:
    values = {
        "escalation_id": uuid4(),
        "case_id": uuid4(),
        "rule": "unacceptable-absences",
        "step": LadderStep.BREACH_REFERRAL,
        "window_start": date(2026, 1, 1),
        "policy_version": "2026-11-27",
        "mandate_type": "LICENCE",
        "referred_to": ("probation",),
        "raised_at": due - timedelta(days=10),
        "decision_due_by": due,
        "evidence": (),
        **changes,
    }
    return Escalation(**values)  # type: ignore[arg-type]


def test_a_referral_is_overdue_after_its_limit_and_flagged_again_each_interval() -> None:
    due = datetime(2026, 4, 1, 12, tzinfo=UTC)
    assert not referral(due).overdue_flag_due(due, reflag_hours=24)
    assert referral(due).overdue_flag_due(due + timedelta(seconds=1), reflag_hours=24)
    flagged = referral(due, last_flagged_at=due + timedelta(hours=1), overdue_flags=1)
    assert not flagged.overdue_flag_due(due + timedelta(hours=24, minutes=59), reflag_hours=24)
    assert flagged.overdue_flag_due(due + timedelta(hours=25), reflag_hours=24)


def test_a_decided_referral_or_a_warning_is_never_overdue() -> None:
    due = datetime(2026, 4, 1, 12, tzinfo=UTC)
    decided = referral(due, decision=Decision("NO_FURTHER_ACTION", "probation", "SENIOR_PROBATION_OFFICER", due, True))
    assert not decided.overdue_flag_due(due + timedelta(days=30), reflag_hours=24)
    warning = referral(due, step=LadderStep.WARNING, decision_due_by=None)
    assert not warning.overdue_flag_due(due + timedelta(days=30), reflag_hours=24)
