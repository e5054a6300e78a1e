"""Whatever order the facts of a case arrive in, and however often, the outcome is the same.

A history is absences and concerns, corrections of some of them, custody periods (a recall and a
release, each with its own date) and variations of the mandate (participation required or not from
a date). Delivered in order, shuffled, with redeliveries: the
instances counted and the situations escalated at the end are always those the facts qualify for
when evaluated by when things happened, and each escalation that stands is justified by them.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from hypothesis import given, settings
from hypothesis import strategies as st

from ddp_compliance.domain import events
from ddp_compliance.domain.case_compliance import CaseCompliance
from ddp_compliance.domain.evaluation import qualifying_situations
from ddp_compliance.domain.facts import Fact, Report, attendance, concern
from ddp_compliance.domain.instances import SuspensionPeriod
from ddp_compliance.domain.policy import default_policy
from ddp_compliance.domain.vocabulary import AbsenceCategory, AttendanceOutcome
from tests.unit.compliance.builders import CASE, START, at
from tests.unit.compliance.histories import terms

POLICY = default_policy()
NOW = at(400)


@dataclass(frozen=True)
class Reported:
    fact: Fact


@dataclass(frozen=True)
class Corrected:
    correction_id: UUID
    attendance_id: UUID


@dataclass(frozen=True)
class Suspended:
    event_id: UUID
    since: datetime


@dataclass(frozen=True)
class Resumed:
    event_id: UUID
    until: datetime


@dataclass(frozen=True)
class Varied:
    """The mandate varied from ``since``: participation required or not from then on."""

    event_id: UUID
    since: datetime
    required: bool
    recorded_at: datetime  # the order referrals recorded variations in: of two from one date, the later stands


Arrival = Reported | Corrected | Suspended | Resumed | Varied


def _absence(day: int, hour: int) -> Reported:
    report = Report(uuid4(), "ddp.session.missed")
    fact = attendance(report, CASE, uuid4(), at(day, hour), AttendanceOutcome.ABSENT, AbsenceCategory.UNACCEPTABLE)
    return Reported(fact)


def _concern(day: int) -> Reported:
    return Reported(concern(Report(uuid4(), "ddp.engagement.concern_raised"), CASE, uuid4(), at(day)))


def _custody(start: int, length: int, released: bool) -> list[Arrival]:
    recall = Suspended(uuid4(), at(start, 0))
    return [recall, Resumed(uuid4(), at(start + length, 0))] if released else [recall]


REPORTS = st.lists(
    st.one_of(
        st.builds(_absence, st.integers(0, 200), st.integers(0, 23)),
        st.builds(_concern, st.integers(0, 200)),
    ),
    min_size=1,
    max_size=10,
)
VARIATIONS = st.lists(st.tuples(st.integers(1, 200), st.booleans()), max_size=2).map(
    lambda drawn: [Varied(uuid4(), at(day, 0), required, at(300 + n)) for n, (day, required) in enumerate(drawn)]
)
CUSTODY = st.lists(st.builds(_custody, st.integers(0, 200), st.integers(1, 40), st.booleans()), max_size=3).map(
    lambda periods: [a for period in periods for a in period]
)


def apply(arrivals: list[Arrival], mandate: str) -> CaseCompliance:
    case = CaseCompliance(CASE)
    case.open(terms(mandate), None, POLICY, NOW)
    for arrival in arrivals:
        match arrival:
            case Reported(fact):
                case.report([fact], POLICY, NOW)
            case Corrected(correction_id, attendance_id):
                case.correct(correction_id, attendance_id, [], POLICY, NOW)
            case Suspended(event_id, since):
                case.suspend(event_id, since, POLICY, NOW)
            case Resumed(event_id, until):
                case.resume(event_id, until, POLICY, NOW)
            case Varied(event_id, since, required, recorded_at):
                case.change_mandate(event_id, since, recorded_at, terms(mandate, required=required), POLICY, NOW)
    return case


def expected_outcome(history: list[Arrival], mandate: str) -> tuple[set[UUID], set[tuple]]:
    """From the facts alone: what counts and which situations qualify."""
    corrected = {a.attendance_id for a in history if isinstance(a, Corrected)}
    ends = sorted(a.until for a in history if isinstance(a, Resumed))
    periods = [
        SuspensionPeriod(a.since, next((e for e in ends if e >= a.since), None))
        for a in history
        if isinstance(a, Suspended)
    ]
    counting = [
        a.fact
        for a in history
        if isinstance(a, Reported)
        and a.fact.attendance_id not in corrected
        and not any(p.covers(a.fact.occurred_at) for p in periods)
    ]
    variations = sorted((a for a in history if isinstance(a, Varied)), key=lambda v: (v.since, v.recorded_at))

    def required_at(moment: datetime) -> bool:
        in_force = [v for v in variations if v.since <= moment]
        return in_force[-1].required if in_force else True

    keys = set()
    for required in (True, False):
        instances = [f.instance() for f in counting if required_at(f.occurred_at) is required]
        possible = POLICY.can_escalate(mandate, required)
        keys |= {s.key for s in qualifying_situations(POLICY, CASE, mandate, START, possible, instances)}
    return {f.event_id for f in counting}, keys


@settings(max_examples=300, deadline=None)
@given(
    reports=REPORTS,
    custody=CUSTODY,
    variations=VARIATIONS,
    mandate=st.sampled_from(["LICENCE", "TPIM", "VOLUNTARY"]),
    data=st.data(),
)
def test_any_order_and_any_redelivery_of_a_history_gives_the_same_outcome(
    reports, custody, variations, mandate, data
) -> None:
    corrected = data.draw(st.lists(st.sampled_from(reports), max_size=3, unique_by=lambda r: r.fact.event_id))
    corrections = [Corrected(uuid4(), r.fact.attendance_id) for r in corrected]
    history: list[Arrival] = [*reports, *custody, *corrections, *variations]
    redelivered = data.draw(st.lists(st.sampled_from(history), max_size=5))
    arrivals = data.draw(st.permutations(history + redelivered))

    counting, qualifying = expected_outcome(history, mandate)
    for case in (apply(history, mandate), apply(arrivals, mandate)):
        assert {event_id for event_id, _ in case.reports.counted} == counting
        standing = [e for e in case.escalations.by_id.values() if e.stands]
        assert {e.key for e in standing} == qualifying
        assert len(standing) == len(qualifying), "one standing escalation per situation"
        _published_in_step(case, counting)


def _published_in_step(case: CaseCompliance, counting: set[UUID]) -> None:
    """Each instance's recorded and withdrawn events alternate, starting with recorded, and end as it counts."""
    last: dict[UUID, type] = {}
    for event in case.events:
        if isinstance(event, events.NonComplianceRecorded | events.NonComplianceWithdrawn):
            expected = events.NonComplianceRecorded if isinstance(event, events.NonComplianceRecorded) else None
            previous = last.get(event.instance_id)
            if expected is not None:
                assert previous in (None, events.NonComplianceWithdrawn)
            else:
                assert previous is events.NonComplianceRecorded
            last[event.instance_id] = type(event)
    assert {i for i, kind in last.items() if kind is events.NonComplianceRecorded} == counting
