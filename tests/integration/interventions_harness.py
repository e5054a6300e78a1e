"""The interventions service over real Kafka and PostgreSQL: the harness the other interventions tests
share, and the plan's way from a case opened to an agreed plan with providers."""

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from ddp_cli.agency_client import AgencyClient
from ddp_cli.topic_reader import ObservedEvent, TopicReader
from ddp_interventions.bootstrap import build
from ddp_interventions.settings import InterventionsSettings
from ddp_messaging.runtime import ServiceRuntime
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events.programme_inbound import PlanAgreementSubmitted, ProviderAssignmentSubmitted
from ddp_schemas.events.provider_inbound import AssignmentResponseSubmitted
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.events.vocabulary import Agency, MandateTerms, MandateType, Need
from ddp_schemas.namespace import TopicNamespace
from tests.integration.domain_feed import publish_domain_event
from tests.integration.running_service import running
from tests.support import eventually

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

NORTHSTAR, MERIDIAN, PROGRAMME = "provider-northstar", "provider-meridian", "programme-team"
DOMAIN_TOPIC = "ddp.interventions.events"


@dataclass
class Interventions:
    """A running interventions service and the agencies and services that talk to it."""

    bootstrap: str
    namespace: TopicNamespace
    runtime: ServiceRuntime
    agencies: dict[str, AgencyClient] = field(default_factory=dict)

    async def open_case(self, needs: list[Need], mandate: MandateType = MandateType.LICENCE) -> tuple[UUID, dict]:
        """Publish a case opened as referrals would; return the case id and its drafted plan's data."""
        opened = CaseOpened(
            case_id=uuid4(),
            subject_id=uuid4(),
            referral_id=uuid4(),
            mandate=MandateTerms(
                type=mandate,
                responsible_authority=Agency.PROBATION,
                participation_required=mandate is not MandateType.VOLUNTARY,
                starts_on=date(2026, 1, 1),
            ),
            assessed_needs=needs,
        )
        await self.from_referrals(opened, opened.case_id)
        [drafted] = await self.emitted(opened.case_id, "ddp.plan.drafted", 1)
        return opened.case_id, drafted.event.data

    async def from_referrals(self, event: Event, case_id: UUID) -> CloudEvent:
        return await publish_domain_event(self.bootstrap, self.namespace, "referrals", event, str(case_id))

    async def send(self, agency: str, event: Event, case_id: UUID) -> CloudEvent:
        return await self.agencies[agency].send(event, key=str(case_id))

    async def emitted(self, case_id: UUID, event_type: str, count: int) -> list[ObservedEvent]:
        """Wait until the case has ``count`` events of ``event_type`` on the interventions topic."""
        return await self.read(DOMAIN_TOPIC, count, lambda e: e.key == str(case_id) and e.event.type == event_type)

    async def rejections(self, agency: str, count: int) -> list[ObservedEvent]:
        return await self.read(f"ddp.outbound.{agency}", count, lambda e: e.event.type == "ddp.inbound.rejected")

    async def read(self, topic: str, count: int, wanted: Callable[[ObservedEvent], bool]) -> list[ObservedEvent]:
        seen: list[ObservedEvent] = []
        async with TopicReader(self.bootstrap, [topic], self.namespace) as reader:

            async def enough() -> bool:
                seen.extend(e for e in await reader.batch(timeout_ms=200) if wanted(e))
                return len(seen) >= count

            await eventually(enough, timeout=30)
        return seen

    async def all_of(self, topic: str) -> list[ObservedEvent]:
        """Everything on ``topic`` so far (after a moment for stragglers)."""
        async with TopicReader(self.bootstrap, [topic], self.namespace) as reader:
            found = []
            while batch := await reader.batch(timeout_ms=1500):
                found.extend(batch)
        return found

    async def in_database(self, query: Callable[[Any], Any]) -> Any:
        async with self.runtime.sessions() as session:
            return await query(session)


@asynccontextmanager
async def interventions_service(kafka, namespace, database_url) -> AsyncIterator[Interventions]:
    async with AsyncExitStack() as stack:
        runtime = await stack.enter_async_context(
            running(
                build,
                InterventionsSettings,
                bootstrap_servers=kafka.bootstrap_servers,
                database_url=database_url,
                namespace=namespace,
            )
        )
        service = Interventions(kafka.bootstrap_servers, namespace, runtime)
        for agency in (PROGRAMME, NORTHSTAR, MERIDIAN):
            service.agencies[agency] = await stack.enter_async_context(
                AgencyClient(kafka.bootstrap_servers, agency, namespace)
            )
        yield service


def intervention_of(plan: dict, kind: str) -> UUID:
    return UUID(next(i["intervention_id"] for i in plan["interventions"] if i["kind"] == kind))


async def agreed_with_providers(service: Interventions, needs: list[Need]) -> tuple[UUID, dict]:
    """A case whose plan is agreed, mentoring accepted by Northstar and practical support by Meridian."""
    case_id, plan = await service.open_case(needs)
    await service.send(PROGRAMME, PlanAgreementSubmitted(case_id=case_id, plan_id=plan["plan_id"]), case_id)
    for kind, provider in (("MENTORING", NORTHSTAR), ("PRACTICAL_SUPPORT", MERIDIAN)):
        intervention_id = intervention_of(plan, kind)
        assignment = ProviderAssignmentSubmitted(case_id=case_id, intervention_id=intervention_id, provider=provider)
        await service.send(PROGRAMME, assignment, case_id)
    await service.emitted(case_id, "ddp.provider.assigned", 2)
    for kind, provider in (("MENTORING", NORTHSTAR), ("PRACTICAL_SUPPORT", MERIDIAN)):
        answer = AssignmentResponseSubmitted(
            case_id=case_id, intervention_id=intervention_of(plan, kind), response="ACCEPT"
        )
        await service.send(provider, answer, case_id)
    await service.emitted(case_id, "ddp.provider.assignment_accepted", 2)
    return case_id, plan


async def test_a_case_reaches_an_agreed_plan_with_providers_that_accepted(kafka, namespace, database_url):
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        [agreed] = await service.emitted(case_id, "ddp.plan.agreed", 1)
        assigned = await service.emitted(case_id, "ddp.provider.assigned", 2)
        accepted = await service.emitted(case_id, "ddp.provider.assignment_accepted", 2)

    assert agreed.event.data["plan_id"] == plan["plan_id"] and agreed.key == str(case_id)
    assert {(a.event.data["provider"], a.event.data["kind"]) for a in assigned} == {
        (NORTHSTAR, "MENTORING"),
        (MERIDIAN, "PRACTICAL_SUPPORT"),
    }
    assert {a.event.data["provider"] for a in accepted} == {NORTHSTAR, MERIDIAN}
