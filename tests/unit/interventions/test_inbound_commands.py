"""Every inbound example the contract publishes becomes its command; a provider's commands name the sender."""

from dataclasses import fields

import pytest

from ddp_interventions.bootstrap import ROUTES
from ddp_interventions.domain import commands
from ddp_schemas.examples import load_examples
from ddp_schemas.topics import load_topic_registry

BY_TYPE = {wire.event_type: (wire, translate) for wire, (translate, _) in ROUTES.items()}
EXAMPLES = [example for example in load_examples() if example.event_type in BY_TYPE]
REGISTRY = load_topic_registry()


def test_every_routed_type_has_an_example() -> None:
    assert {example.event_type for example in EXAMPLES} == set(BY_TYPE)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.label)
def test_an_example_becomes_a_command_about_its_case(example) -> None:
    wire, translate = BY_TYPE[example.event_type]
    command = translate(wire.model_validate(example.value), "provider-meridian")
    assert type(command).__module__ == commands.__name__
    assert str(command.case_id) == example.value["case_id"]
    if REGISTRY.topic("ddp.inbound.provider-meridian").carries(example.event_type):
        # The sender is the owner of the topic, whatever the message says.
        assert command.provider == "provider-meridian"
    elif "provider" in {f.name for f in fields(command)}:
        assert command.provider == example.value["provider"]  # the programme team's choice


def test_notes_reach_the_command_and_nothing_else_of_the_sender_is_free_text() -> None:
    [with_notes] = [e for e in EXAMPLES if e.event_type == "ddp.attendance.submitted" and "notes" in e.value]
    wire, translate = BY_TYPE[with_notes.event_type]
    command = translate(wire.model_validate(with_notes.value), "provider-northstar")
    assert command.facts.notes == with_notes.value["notes"]
