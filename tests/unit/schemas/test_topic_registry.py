"""Questions services ask of the shipped topic registry."""

import pytest

from ddp_schemas.topics import TopicKind, TopicRegistry


def names(topics) -> set[str]:
    return {t.name for t in topics}


def test_referrals_reads_the_authorities_inbound_topics(registry: TopicRegistry) -> None:
    assert names(registry.read_by("referrals")) == {
        "ddp.inbound.probation",
        "ddp.inbound.ct-policing",
        "ddp.inbound.home-office",
        "ddp.referrals.redrive",
    }


def test_interventions_reads_the_programme_team_providers_referrals_and_compliance(registry: TopicRegistry) -> None:
    assert names(registry.read_by("interventions")) == {
        "ddp.inbound.programme-team",
        "ddp.inbound.provider-northstar",
        "ddp.inbound.provider-meridian",
        "ddp.referrals.events",
        "ddp.compliance.events",
        "ddp.interventions.redrive",
    }


def test_compliance_reads_the_referrals_and_interventions_topics(registry: TopicRegistry) -> None:
    assert names(registry.read_by("compliance")) == {
        "ddp.inbound.probation",
        "ddp.inbound.ct-policing",
        "ddp.inbound.home-office",
        "ddp.referrals.events",
        "ddp.interventions.events",
        "ddp.compliance.redrive",
    }


def test_no_service_reads_an_outbound_topic(registry: TopicRegistry) -> None:
    for service in registry.services:
        assert all(t.kind is not TopicKind.OUTBOUND for t in registry.read_by(service))


def test_each_service_reads_its_own_redrive_topic_which_only_the_admin_writes(registry: TopicRegistry) -> None:
    for service in registry.services:
        redrive = registry.topic(registry.redrive_topic(service))
        assert redrive.kind is TopicKind.REDRIVE
        assert (redrive.owner, redrive.producers, redrive.consumers) == (service, ["admin"], [service])


def test_nobody_reads_as_an_unknown_service(registry: TopicRegistry) -> None:
    assert registry.read_by("billing") == []


@pytest.mark.parametrize(
    ("service", "topic", "event_type", "expected"),
    [
        ("referrals", "ddp.inbound.probation", "ddp.referral.submitted", True),
        ("interventions", "ddp.referrals.events", "ddp.case.opened", True),
        ("compliance", "ddp.referrals.events", "ddp.case.opened", True),
        ("interventions", "ddp.referrals.events", "ddp.referral.received", False),
        ("compliance", "ddp.inbound.probation", "ddp.referral.submitted", False),
        ("referrals", "ddp.inbound.probation", "ddp.plan.drafted", False),
        ("compliance", "ddp.interventions.events", "ddp.plan.drafted", False),
    ],
)
def test_acts_on_says_which_service_acts_on_which_type_where(registry, service, topic, event_type, expected) -> None:
    assert registry.acts_on(service, topic, event_type) is expected


def test_acts_on_an_unknown_topic_is_a_key_error(registry: TopicRegistry) -> None:
    with pytest.raises(KeyError):
        registry.acts_on("referrals", "ddp.inbound.nobody", "ddp.referral.submitted")


@pytest.mark.parametrize(
    ("topic", "origin"),
    [
        ("ddp.inbound.probation", "probation"),
        ("ddp.inbound.provider-meridian", "provider-meridian"),
        ("ddp.referrals.events", "referrals"),
        ("ddp.interventions.events", "interventions"),
    ],
)
def test_the_origin_of_an_input_topic_is_its_owner(registry, topic, origin) -> None:
    assert registry.origin(topic) == origin


@pytest.mark.parametrize("topic", ["ddp.outbound.probation", "ddp.referrals.dlq"])
def test_outbound_and_dead_letter_topics_have_no_origin(registry, topic) -> None:
    with pytest.raises(ValueError):
        registry.origin(topic)


def test_the_origin_of_an_unknown_topic_is_a_key_error(registry: TopicRegistry) -> None:
    with pytest.raises(KeyError):
        registry.origin("ddp.inbound.nobody")


def test_each_agency_has_an_inbound_and_outbound_topic(registry: TopicRegistry) -> None:
    for agency in registry.agencies:
        assert registry.inbound_topic(agency) == f"ddp.inbound.{agency}"
        assert registry.outbound_topic(agency) == f"ddp.outbound.{agency}"


def test_each_service_has_a_domain_and_dead_letter_topic(registry: TopicRegistry) -> None:
    for service in registry.services:
        assert registry.domain_topic(service) == f"ddp.{service}.events"
        assert registry.dead_letter_topic(service) == f"ddp.{service}.dlq"


@pytest.mark.parametrize("lookup", ["inbound_topic", "outbound_topic"])
def test_an_unknown_agency_has_no_topics(registry, lookup) -> None:
    with pytest.raises(KeyError):
        getattr(registry, lookup)("acme-security")


def test_a_service_is_not_an_agency(registry: TopicRegistry) -> None:
    with pytest.raises(KeyError):
        registry.outbound_topic("referrals")
