"""Drafting a plan from the shipped rules: mentoring always, one intervention per kind, stable order."""

from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddp_interventions.adapters.outbound_translation import plan_drafted
from ddp_interventions.domain.drafting_rules import DraftingRules, InterventionKind, default_rules
from ddp_interventions.domain.events import PlanDrafted
from ddp_interventions.domain.plan import Plan, PlanStatus
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events import interventions as wire
from ddp_schemas.events.vocabulary import Need

RULES = default_rules()
ALL_NEEDS = [need.value for need in Need]
needs_lists = st.lists(st.sampled_from(ALL_NEEDS), unique=True)

EXPECTED_KIND = {
    "IDEOLOGY": InterventionKind.THEOLOGICAL_IDEOLOGICAL_ADVICE,
    "THEOLOGY": InterventionKind.THEOLOGICAL_IDEOLOGICAL_ADVICE,
    "IDENTITY_AND_BELONGING": InterventionKind.MENTORING,
    "MENTAL_HEALTH": InterventionKind.PSYCHOLOGICAL_SUPPORT,
    "TRAUMA": InterventionKind.PSYCHOLOGICAL_SUPPORT,
    "HOUSING": InterventionKind.PRACTICAL_SUPPORT,
    "EMPLOYMENT": InterventionKind.PRACTICAL_SUPPORT,
    "EDUCATION": InterventionKind.PRACTICAL_SUPPORT,
    "FAMILY": InterventionKind.PRACTICAL_SUPPORT,
}


def test_the_shipped_rules_have_a_rule_for_every_assessed_need() -> None:
    assert set(RULES.needs) == set(ALL_NEEDS)
    assert RULES.version


def test_a_case_with_no_needs_gets_mentoring_only() -> None:
    assert RULES.kinds_for([]) == {InterventionKind.MENTORING: []}


@given(needs=needs_lists)
def test_mentoring_is_always_drafted(needs) -> None:
    assert InterventionKind.MENTORING in RULES.kinds_for(needs)


@pytest.mark.parametrize(("need", "kind"), EXPECTED_KIND.items())
def test_each_need_calls_for_its_kind_of_intervention(need, kind) -> None:
    assert need in RULES.kinds_for([need])[kind]


@pytest.mark.parametrize("need", [n for n, k in EXPECTED_KIND.items() if k is not InterventionKind.MENTORING])
def test_a_need_adds_exactly_mentoring_and_its_own_kind(need) -> None:
    assert set(RULES.kinds_for([need])) == {InterventionKind.MENTORING, EXPECTED_KIND[need]}


@given(needs=needs_lists)
def test_every_need_is_addressed_by_the_intervention_of_its_kind(needs) -> None:
    kinds = RULES.kinds_for(needs)
    for need in needs:
        assert need in kinds[EXPECTED_KIND[need]]
    assert sorted(n for addressed in kinds.values() for n in addressed) == sorted(needs)


@given(needs=needs_lists)
def test_a_plan_has_at_most_one_intervention_of_each_kind(needs) -> None:
    plan = Plan.draft(uuid4(), needs, RULES)
    kinds = [i.kind for i in plan.interventions]
    assert len(kinds) == len(set(kinds))


@given(needs=needs_lists, data=st.data())
def test_the_order_of_interventions_does_not_depend_on_the_order_of_needs(needs, data) -> None:
    shuffled = data.draw(st.permutations(needs))
    drafted = RULES.kinds_for(needs)
    assert list(RULES.kinds_for(shuffled)) == list(drafted)
    assert list(drafted) == [kind for kind in InterventionKind if kind in drafted]


def test_a_need_without_a_rule_adds_nothing() -> None:
    assert RULES.kinds_for(["ASTROLOGY"]) == {InterventionKind.MENTORING: []}


def test_rules_without_always_kinds_draft_only_from_needs() -> None:
    rules = DraftingRules(version="t", always=[], needs={"HOUSING": [InterventionKind.PRACTICAL_SUPPORT]})
    assert rules.kinds_for(["HOUSING"]) == {InterventionKind.PRACTICAL_SUPPORT: ["HOUSING"]}
    assert rules.kinds_for([]) == {}


# --- Plan.draft ----------------------------------------------------------------------------------


def test_drafting_a_plan_emits_one_plan_drafted_with_the_rules_version() -> None:
    case_id = uuid4()
    plan = Plan.draft(case_id, ["TRAUMA", "HOUSING"], RULES)
    assert plan.events == [PlanDrafted(plan.plan_id, case_id, tuple(plan.interventions), RULES.version)]
    assert plan.status is PlanStatus.DRAFT
    assert plan.rules_version == RULES.version


def test_a_drafted_plan_records_the_version_of_the_rules_it_used() -> None:
    rules = DraftingRules(version="2099-test", always=[InterventionKind.MENTORING], needs={})
    [event] = Plan.draft(uuid4(), [], rules).events
    assert event.rules_version == "2099-test"


def test_a_drafted_plan_lists_kinds_with_the_needs_they_address() -> None:
    plan = Plan.draft(uuid4(), ["HOUSING", "IDEOLOGY", "FAMILY"], RULES)
    assert [(i.kind, i.addresses) for i in plan.interventions] == [
        (InterventionKind.MENTORING, ()),
        (InterventionKind.THEOLOGICAL_IDEOLOGICAL_ADVICE, ("IDEOLOGY",)),
        (InterventionKind.PRACTICAL_SUPPORT, ("HOUSING", "FAMILY")),
    ]


def test_every_intervention_and_plan_gets_its_own_id() -> None:
    first = Plan.draft(uuid4(), ALL_NEEDS, RULES)
    second = Plan.draft(uuid4(), ALL_NEEDS, RULES)
    ids = [i.intervention_id for plan in (first, second) for i in plan.interventions]
    assert len(ids) == len(set(ids))
    assert first.plan_id != second.plan_id


# --- to the wire -----------------------------------------------------------------------------------


def test_plan_drafted_translates_to_a_valid_wire_event() -> None:
    case_id = uuid4()
    plan = Plan.draft(case_id, ["MENTAL_HEALTH", "EDUCATION"], RULES)
    event = plan_drafted(plan.events[0])
    assert isinstance(event, wire.PlanDrafted)
    assert (event.plan_id, event.case_id, event.drafting_rules_version) == (plan.plan_id, case_id, RULES.version)
    assert [(i.intervention_id, i.kind.value, i.addresses) for i in event.interventions] == [
        (i.intervention_id, i.kind.value, [Need(n) for n in i.addresses]) for i in plan.interventions
    ]


@given(needs=needs_lists)
def test_every_drafted_plan_reads_back_through_the_catalogue(needs) -> None:
    event = plan_drafted(Plan.draft(uuid4(), needs, RULES).events[0])
    envelope = CloudEvent(
        source="urn:ddp:service:interventions",
        type=event.event_type,
        dataversion=event.version,
        data=event.model_dump(mode="json"),
    )
    assert CATALOGUE.read(envelope) == event
