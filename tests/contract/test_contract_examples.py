"""Example records: each one decodes, reads, validates against its JSON Schema and fits its folder."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from ddp_schemas import kafka_binding
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CLASSIFICATION, CONTENT_TYPE
from ddp_schemas.events.vocabulary import MandateType
from ddp_schemas.examples import Example, load_examples, to_cloud_event, to_kafka
from ddp_schemas.generation.json_schemas import JSONSCHEMA_DIR, schema_file

EXAMPLES = load_examples()


def by_label(examples: list[Example]) -> dict[str, Example]:
    return {example.label: example for example in examples}


@pytest.fixture(params=EXAMPLES, ids=lambda e: e.label)
def example(request: pytest.FixtureRequest) -> Example:
    return request.param


def test_every_catalogue_version_has_an_example() -> None:
    covered = {(e.event_type, e.version) for e in EXAMPLES}
    missing = [f"{t} v{v}" for m in CATALOGUE.models() if (t := m.event_type, v := m.version) not in covered]
    assert missing == []


def test_example_decodes_and_reads_as_its_folder_says(example: Example) -> None:
    event = to_cloud_event(example)
    assert (event.type, event.dataversion) == (example.event_type, example.version)
    assert str(event.id) == example.headers["ce_id"]
    latest = max(m.version for m in CATALOGUE.models() if m.event_type == example.event_type)
    read = CATALOGUE.read(event)
    assert isinstance(read, CATALOGUE.model(example.event_type, latest)), "read upcasts to the latest version"
    if example.version == latest:
        assert read == CATALOGUE.model(example.event_type, latest).model_validate(example.value)


def test_example_validates_against_generated_json_schema(example: Example, repo_root: Path) -> None:
    path = repo_root / JSONSCHEMA_DIR / schema_file(example.event_type, example.version)
    schema = json.loads(path.read_text())
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(example.value)] == []


def test_example_carries_the_platform_headers(example: Example) -> None:
    assert example.headers["ce_specversion"] == "1.0"
    assert example.headers["ce_classification"] == CLASSIFICATION
    assert example.headers["content-type"] == CONTENT_TYPE
    assert example.headers["ce_time"].endswith("Z")
    assert example.key, "every record has a key so one case's events stay in order"


def test_to_kafka_gives_bytes_the_binding_round_trips(example: Example) -> None:
    value, headers = to_kafka(example)
    assert all(isinstance(name, str) and isinstance(raw, bytes) for name, raw in headers)
    event = kafka_binding.decode(value, headers)
    again = kafka_binding.decode(*kafka_binding.encode(event))
    assert again == event


def test_people_in_examples_are_obviously_fictional() -> None:
    people = [e.value["personal_details"] for e in EXAMPLES if "personal_details" in e.value]
    assert people and all(person["family_name"] == "Example" for person in people)


def test_referral_submitted_examples_cover_every_mandate_and_sender() -> None:
    submitted = [e for e in EXAMPLES if e.event_type == "ddp.referral.submitted"]
    mandates = {(e.value["mandate"]["type"], e.headers["ce_source"]) for e in submitted}
    assert {m for m, _ in mandates} == set(MandateType)
    assert {
        ("LICENCE", "urn:ddp:agency:probation"),
        ("TPIM", "urn:ddp:agency:ct-policing"),
        ("TEO", "urn:ddp:agency:home-office"),
    } <= mandates
    voluntary = [e for e in submitted if e.value["mandate"]["type"] == "VOLUNTARY"]
    assert all(e.value["consent"]["given"] for e in voluntary)
    for e in submitted:
        # Before a case exists the agency's own reference is the key and the subject.
        assert e.key == e.headers["ce_subject"] == e.value["agency_reference"]
        assert e.headers["ce_source"].endswith(e.value["mandate"]["responsible_authority"])


def test_load_examples_reads_a_given_directory(tmp_path: Path) -> None:
    folder = tmp_path / "ddp.thing.done" / "v3"
    folder.mkdir(parents=True)
    (folder / "plain.json").write_text(json.dumps({"key": "k", "headers": {"ce_id": "x"}, "value": {"a": 1}}))
    assert by_label(load_examples(tmp_path))["ddp.thing.done/v3/plain"] == Example(
        "ddp.thing.done", 3, "plain", "k", {"ce_id": "x"}, {"a": 1}
    )
