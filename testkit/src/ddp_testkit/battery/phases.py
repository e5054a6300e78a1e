"""Waiting for the platform, and the second phase's two stages: the programme team, then the providers."""

import asyncio
import time
from collections.abc import Callable
from datetime import date
from uuid import UUID

from ddp_schemas.connection import KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from ddp_testkit.battery.effect_rules import contract_effects
from ddp_testkit.battery.evidence import Evidence, read_topics
from ddp_testkit.battery.feeder import FeedReport, feed_messages
from ddp_testkit.battery.provider_workflow import ContractMessage, WorkflowCase
from ddp_testkit.battery.verdict import Verdict


async def settle(
    kafka: KafkaEndpoint, namespace: TopicNamespace, verdict_of: Callable[[Evidence], Verdict], timeout: float
) -> Evidence:
    """Read the topics until no expected effect is missing and two readings in a row agree (so late
    duplicates have had their chance to show), or until ``timeout``; the last reading."""
    deadline, events_before = time.monotonic() + timeout, -1
    while True:
        evidence = Evidence(topics=await read_topics(kafka, namespace))
        events = sum(len(found) for found in evidence.topics.values())
        if (not verdict_of(evidence).lost and events == events_before) or time.monotonic() > deadline:
            return evidence
        events_before = events
        await asyncio.sleep(2)


def cases_with_plans(evidence: Evidence) -> list[WorkflowCase]:
    """Every case whose plan was drafted, as the programme team sees it: on its own outbound topic."""
    starts = {
        e.event.data["case_id"]: date.fromisoformat(e.event.data["mandate"]["starts_on"])
        for e in evidence.events_of_type("ddp.case.opened")
    }
    cases: dict[str, WorkflowCase] = {}
    for drafted in evidence.events_of_type("ddp.plan.drafted", "ddp.outbound.programme-team"):
        plan, case_id = drafted.event.data, drafted.event.data["case_id"]
        mentoring = next((i["intervention_id"] for i in plan["interventions"] if i["kind"] == "MENTORING"), None)
        if case_id in starts and case_id not in cases and mentoring is not None:
            cases[case_id] = WorkflowCase(UUID(case_id), UUID(plan["plan_id"]), UUID(mentoring), starts[case_id])
    return [cases[c] for c in sorted(cases)]


async def through_providers(
    kafka: KafkaEndpoint,
    namespace: TopicNamespace,
    agreeing: list[ContractMessage],
    delivering: list[ContractMessage],
    per_second: float,
    fed: FeedReport,
    timeout: float,
) -> None:
    """The programme team's messages; once their effects show (a provider acts only on what it was
    assigned, under an agreed plan), the providers' messages."""
    await feed_messages(kafka, namespace, agreeing, per_second, fed)

    def missing(evidence: Evidence) -> Verdict:
        verdict = Verdict()
        contract_effects(agreeing, evidence, verdict)
        return verdict

    await settle(kafka, namespace, missing, timeout)
    await feed_messages(kafka, namespace, delivering, per_second, fed)
