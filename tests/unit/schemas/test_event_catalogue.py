"""Reading events through the catalogue: type, version and data checks, and upcasting old versions."""

from typing import ClassVar

import pytest

from ddp_schemas import reasons
from ddp_schemas.catalogue import CATALOGUE, CatalogueError, EventCatalogue
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events.inbound import ReferralSubmitted


def envelope(event_type: str, dataversion: int, data: dict) -> CloudEvent:
    return CloudEvent(source="urn:test", type=event_type, dataversion=dataversion, data=data)


def read_error(catalogue: EventCatalogue, event: CloudEvent) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        catalogue.read(event)
    return caught.value


# --- the shipped catalogue ----------------------------------------------------------------------------


def test_a_valid_event_is_read_as_its_model(submitted_data) -> None:
    event = CATALOGUE.read(envelope("ddp.referral.submitted", 1, submitted_data))
    assert isinstance(event, ReferralSubmitted)
    assert event.agency_reference == "PRB-2026-000777"


def test_an_unknown_type_is_refused() -> None:
    assert read_error(CATALOGUE, envelope("ddp.weather.changed", 1, {})).code == reasons.UNKNOWN_TYPE


def test_an_unknown_version_of_a_known_type_is_refused(submitted_data) -> None:
    error = read_error(CATALOGUE, envelope("ddp.referral.submitted", 99, submitted_data))
    assert error.code == reasons.UNSUPPORTED_VERSION


def test_a_schema_violation_lists_the_offending_fields(submitted_data) -> None:
    submitted_data["mandate"]["type"] = "PAROLE"
    del submitted_data["agency_reference"]
    error = read_error(CATALOGUE, envelope("ddp.referral.submitted", 1, submitted_data))
    assert error.code == reasons.SCHEMA_VIOLATION
    assert error.fields == ("agency_reference", "mandate.type")


def test_a_schema_violation_never_repeats_the_offending_values(submitted_data) -> None:
    submitted_data["personal_details"]["given_name"] = "Zebedee " * 20  # too long
    submitted_data["personal_details"]["date_of_birth"] = "Quillfeather"
    submitted_data["identifiers"] = {"crn": "NOT-A-CRN-X99"}
    error = read_error(CATALOGUE, envelope("ddp.referral.submitted", 1, submitted_data))
    assert error.fields == ("identifiers.crn", "personal_details.date_of_birth", "personal_details.given_name")
    for value in ("Zebedee", "Quillfeather", "NOT-A-CRN-X99"):
        assert value not in str(error)
        assert value not in error.detail


def test_a_cross_field_rule_is_reported_by_field_without_values(submitted_data) -> None:
    submitted_data["assessed_needs"] = ["HOUSING", "HOUSING"]
    error = read_error(CATALOGUE, envelope("ddp.referral.submitted", 1, submitted_data))
    assert error.code == reasons.SCHEMA_VIOLATION
    assert "HOUSING" not in str(error)


def test_extra_fields_are_a_schema_violation_that_never_repeats_their_names(submitted_data) -> None:
    # A sender's own field names may be personal data: a name, a date of birth.
    submitted_data["Zebulon Smith 1990-01-01"] = "Zebbo-the-Great"
    submitted_data["mandate"]["Zebulon"] = 1
    error = read_error(CATALOGUE, envelope("ddp.referral.submitted", 1, submitted_data))
    assert error.fields == ("(unexpected field)", "mandate.(unexpected field)")
    assert "Zebulon" not in str(error) and "1990" not in str(error) and "Zebbo" not in str(error)


def test_a_violation_inside_a_list_names_the_contract_field_and_the_position(submitted_data) -> None:
    submitted_data["assessed_needs"] = ["HOUSING", "Zebulon"]
    error = read_error(CATALOGUE, envelope("ddp.referral.submitted", 1, submitted_data))
    assert error.fields == ("assessed_needs.1",)
    assert "Zebulon" not in str(error)


# --- versions and upcasting, on a synthetic catalogue ------------------------------------------------------


class GreetingV1(Event):
    event_type: ClassVar[str] = "test.greeting.sent"
    version: ClassVar[int] = 1
    full_name: str


class GreetingV2(Event):
    event_type: ClassVar[str] = "test.greeting.sent"
    version: ClassVar[int] = 2
    display_name: str
    channel: str


class GreetingV3(Event):
    event_type: ClassVar[str] = "test.greeting.sent"
    version: ClassVar[int] = 3
    display_name: str
    channel: str
    urgent: bool


def upcast_v1_v2(data: dict) -> dict:
    return {"display_name": data["full_name"], "channel": "post"}


def upcast_v2_v3(data: dict) -> dict:
    return {**data, "urgent": False}


TWO_VERSIONS = EventCatalogue([GreetingV1, GreetingV2], {("test.greeting.sent", 1): upcast_v1_v2})


def test_an_old_version_is_read_as_the_latest() -> None:
    event = TWO_VERSIONS.read(envelope("test.greeting.sent", 1, {"full_name": "Ada"}))
    assert event == GreetingV2(display_name="Ada", channel="post")


def test_the_latest_version_is_read_as_it_is() -> None:
    event = TWO_VERSIONS.read(envelope("test.greeting.sent", 2, {"display_name": "Ada", "channel": "sms"}))
    assert event == GreetingV2(display_name="Ada", channel="sms")


def test_upcasters_are_chained_across_versions() -> None:
    catalogue = EventCatalogue(
        [GreetingV3, GreetingV1, GreetingV2],
        {("test.greeting.sent", 1): upcast_v1_v2, ("test.greeting.sent", 2): upcast_v2_v3},
    )
    assert [m.version for m in catalogue.models()] == [1, 2, 3]
    event = catalogue.read(envelope("test.greeting.sent", 1, {"full_name": "Ada"}))
    assert event == GreetingV3(display_name="Ada", channel="post", urgent=False)


def test_an_old_version_is_checked_against_its_own_schema_before_upcasting() -> None:
    error = read_error(TWO_VERSIONS, envelope("test.greeting.sent", 1, {"display_name": "Ada", "channel": "sms"}))
    assert error.code == reasons.SCHEMA_VIOLATION
    assert "full_name" in error.fields


def test_an_upcaster_that_produces_invalid_data_is_a_schema_violation() -> None:
    catalogue = EventCatalogue([GreetingV1, GreetingV2], {("test.greeting.sent", 1): lambda data: {"name": 1}})
    assert read_error(catalogue, envelope("test.greeting.sent", 1, {"full_name": "Ada"})).code == (
        reasons.SCHEMA_VIOLATION
    )


def test_a_catalogue_with_two_versions_but_no_upcaster_is_refused() -> None:
    with pytest.raises(ValueError, match="no upcaster"):
        EventCatalogue([GreetingV1, GreetingV2], {})


def test_a_model_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        EventCatalogue([GreetingV1, GreetingV1], {})


def test_a_catalogue_missing_a_middle_version_is_refused() -> None:
    with pytest.raises(ValueError):
        EventCatalogue(
            [GreetingV1, GreetingV3],
            {("test.greeting.sent", 1): upcast_v1_v2, ("test.greeting.sent", 2): upcast_v2_v3},
        )


def test_versions_and_types_are_listed() -> None:
    assert TWO_VERSIONS.types() == ["test.greeting.sent"]
    assert TWO_VERSIONS.models() == [GreetingV1, GreetingV2]
    assert TWO_VERSIONS.knows("test.greeting.sent", 2)
    assert not TWO_VERSIONS.knows("test.greeting.sent", 3)
