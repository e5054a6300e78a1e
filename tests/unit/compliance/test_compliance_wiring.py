"""The service handles exactly the event types the topic registry says compliance acts on."""

from ddp_cli.explanations import explanation_lines
from ddp_compliance.bootstrap import ROUTES
from ddp_compliance.domain.escalation import Escalation
from ddp_compliance.domain.evaluation import Situation
from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.policy import default_policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.domain.vocabulary import InstanceCategory, LadderStep
from ddp_compliance.entrypoints.escalations_api import explanation_document
from ddp_schemas.events.authority_inbound import BreachDecisionSubmitted
from ddp_schemas.topics import load_topic_registry
from tests.unit.compliance.builders import CASE, START, at


def test_every_event_type_compliance_acts_on_has_a_handler() -> None:
    registry = load_topic_registry()
    acted_on = {
        carried.type
        for topic in registry.read_by("compliance")
        for carried in topic.events
        if registry.acts_on("compliance", topic.name, carried.type)
    }
    handled = {event.event_type for event in ROUTES}
    assert acted_on == handled


def test_decisions_are_accepted_only_on_authority_inbound_topics() -> None:
    registry = load_topic_registry()
    senders = {
        topic.owner
        for topic in registry.read_by("compliance")
        if registry.acts_on("compliance", topic.name, BreachDecisionSubmitted.event_type)
    }
    assert senders == {"probation", "ct-policing", "home-office"}


def test_an_escalation_is_explained_by_its_rule_policy_version_and_evidence() -> None:
    from uuid import UUID

    evidence = Instance(at(20), UUID(int=7), "ddp.session.missed", InstanceCategory.UNACCEPTABLE_ABSENCE)
    record = ComplianceRecord.open(CASE, "LICENCE", "probation", True, default_policy(), START)
    situation = Situation(CASE, "unacceptable-absences", LadderStep.WARNING, START, (evidence,))
    text = "\n".join(
        explanation_lines(explanation_document(Escalation.raised(situation, record, default_policy(), at(21))))
    )
    assert "rule           unacceptable-absences" in text
    assert "policy version 2026-11-27" in text
    assert "UNACCEPTABLE_ABSENCE" in text and str(UUID(int=7)) in text and "2026-01-21T10:00:00+00:00" in text
    assert "referred to    probation" in text
