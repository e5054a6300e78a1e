"""The emitter resolves topics from the registry and refuses what the registry does not grant."""

from uuid import uuid4

import pytest
from sqlalchemy import MetaData

from ddp_messaging.emitter import Emitter, EventNotCarried, Publication
from ddp_messaging.outbox import Outbox
from ddp_messaging.tables import MessagingTables
from ddp_schemas.events.outbound import ReferralAcknowledged
from ddp_schemas.topics import TopicRegistry


def emitter(service: str, registry: TopicRegistry) -> Emitter:
    # topics_for is pure: the outbox and session are never touched by it.
    outbox = Outbox(MessagingTables(MetaData()), source=f"/ddp/{service}")
    return Emitter(service=service, registry=registry, outbox=outbox, session=None)  # type: ignore[arg-type]


def test_a_domain_event_goes_on_the_service_topic_only(registry: TopicRegistry) -> None:
    assert emitter("referrals", registry).topics_for("ddp.case.opened") == ["ddp.referrals.events"]


def test_an_event_addressed_to_agencies_also_goes_on_their_outbound_topics(registry: TopicRegistry) -> None:
    topics = emitter("compliance", registry).topics_for(
        "ddp.compliance.breach_referral_raised", ["ct-policing", "home-office"]
    )
    assert topics == ["ddp.compliance.events", "ddp.outbound.ct-policing", "ddp.outbound.home-office"]


def test_an_answer_to_an_agency_goes_only_where_the_registry_carries_it(registry: TopicRegistry) -> None:
    assert emitter("referrals", registry).topics_for("ddp.referral.acknowledged", ["probation"]) == [
        "ddp.outbound.probation"
    ]


def test_an_event_the_outbound_topic_does_not_carry_is_refused(registry: TopicRegistry) -> None:
    with pytest.raises(EventNotCarried, match=r"ddp\.outbound\.provider-northstar"):
        emitter("compliance", registry).topics_for("ddp.compliance.breach_referral_raised", ["provider-northstar"])


def test_a_service_that_is_not_a_producer_of_the_outbound_topic_is_refused(registry: TopicRegistry) -> None:
    # ddp.inbound.rejected is carried there, but only interventions writes to providers.
    with pytest.raises(EventNotCarried, match="referrals may not write"):
        emitter("referrals", registry).topics_for("ddp.inbound.rejected", ["provider-northstar"])


def test_an_event_carried_by_no_topic_of_the_service_is_refused(registry: TopicRegistry) -> None:
    with pytest.raises(EventNotCarried, match="carried by no topic"):
        emitter("referrals", registry).topics_for("ddp.plan.drafted")


def test_another_services_domain_event_is_refused(registry: TopicRegistry) -> None:
    with pytest.raises(EventNotCarried):
        emitter("referrals", registry).topics_for("ddp.compliance.breach_referral_raised", [])


def test_an_answer_can_skip_the_domain_topic(registry: TopicRegistry) -> None:
    assert emitter("referrals", registry).topics_for("ddp.referral.linked", ["probation"], domain=False) == [
        "ddp.outbound.probation"
    ]
    with pytest.raises(EventNotCarried):
        emitter("referrals", registry).topics_for("ddp.referral.linked", domain=False)


async def test_a_publication_is_staged_where_the_registry_says_with_the_key_as_subject_unless_given(
    registry: TopicRegistry,
) -> None:
    staged: list[tuple[str, str | None, str | None]] = []

    class ListOutbox(Outbox):
        async def add(self, session, *, topic, key, event, subject=None, cause=None, caused_by=(None, None)):  # type: ignore[override]
            staged.append((topic, key, subject))
            return self.envelope(event, subject=subject, cause=cause)

    outbox = ListOutbox(MessagingTables(MetaData()), source="/ddp/referrals")
    staging = Emitter(service="referrals", registry=registry, outbox=outbox, session=None)  # type: ignore[arg-type]
    acknowledged = ReferralAcknowledged(agency_reference="PRB-1", referral_id=uuid4(), case_id=uuid4())
    await staging.publish(Publication(acknowledged, "PRB-1", to=("probation",)))
    await staging.publish(Publication(acknowledged, "PRB-1", "the case", to=("probation",), domain=False))
    assert staged == [("ddp.outbound.probation", "PRB-1", "PRB-1"), ("ddp.outbound.probation", "PRB-1", "the case")]
    assert staging.emitted == 2
