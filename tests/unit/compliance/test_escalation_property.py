"""Redelivered, duplicated and shuffled histories raise the same escalations, each exactly once.

The service evaluates the stored set of instances after every arrival and raises a situation
only if its key (case, rule, step, window start) was never raised; this model does the same
with a dict standing in for the database's unique key.
"""

from datetime import date
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from ddp_compliance.domain.evaluation import Situation
from ddp_compliance.domain.instances import Instance
from tests.unit.compliance.builders import absence, concern, situations

MANDATES = st.sampled_from(["LICENCE", "TPIM", "TEO", "VOLUNTARY"])
INSTANCES = st.lists(
    st.one_of(
        st.builds(absence, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=23)),
        st.builds(concern, st.integers(min_value=0, max_value=400)),
    ),
    max_size=14,
)


def raised_incrementally(arrivals: list[Instance], mandate: str) -> dict[UUID, Situation]:
    stored: set[Instance] = set()
    raised: dict[UUID, Situation] = {}
    for instance in arrivals:
        stored.add(instance)
        for situation in situations(list(stored), mandate=mandate):
            raised.setdefault(situation.escalation_id, situation)  # the unique key: first raise wins
    return raised


@settings(max_examples=300, deadline=None)
@given(history=INSTANCES, mandate=MANDATES, data=st.data())
def test_any_redelivery_and_order_raises_the_same_escalations(history: list[Instance], mandate: str, data) -> None:
    duplicated = history + data.draw(st.lists(st.sampled_from(history), max_size=10) if history else st.just([]))
    arrivals = data.draw(st.permutations(duplicated))

    in_order = raised_incrementally(sorted(set(history)), mandate)
    shuffled = raised_incrementally(arrivals, mandate)

    assert shuffled.keys() == in_order.keys()
    for key, situation in shuffled.items():
        # The evidence may be other instances of the same window when reports arrive out of
        # order, but it always justifies the same rung of the same rule in the same window.
        expected = in_order[key]
        assert (situation.rule, situation.step, situation.window_start) == (
            expected.rule,
            expected.step,
            expected.window_start,
        )
        assert len(situation.evidence) == len(expected.evidence)
        assert {i.event_id for i in situation.evidence} <= {i.event_id for i in history}
        assert all(_in_window(i, situation.window_start) for i in situation.evidence)


@settings(max_examples=100, deadline=None)
@given(history=INSTANCES, mandate=MANDATES)
def test_evaluating_a_stored_set_again_raises_nothing_new(history: list[Instance], mandate: str) -> None:
    once = raised_incrementally(history, mandate)
    again = raised_incrementally(history + history, mandate)
    assert once.keys() == again.keys()


def _in_window(instance: Instance, window_start: date) -> bool:
    return instance.occurred_at.date() >= window_start
