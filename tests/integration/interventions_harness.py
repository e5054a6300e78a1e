"""The interventions service over real Kafka and PostgreSQL, as the interventions integration tests drive it:
the service running in this process, the agencies that write to it, and what it wrote."""

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import uvicorn

from ddp_cli.topic_reader import ObservedEvent, TopicReader, read_to_end
from ddp_interventions.bootstrap import build
from ddp_interventions.entrypoints.progress_api import progress_route
from ddp_interventions.settings import InterventionsSettings
from ddp_messaging.runtime import ServiceRuntime
from ddp_schemas.connection import OPERATOR, KafkaEndpoint
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events.programme_inbound import PlanAgreementSubmitted, ProviderAssignmentSubmitted
from ddp_schemas.events.provider_inbound import AssignmentResponseSubmitted
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.events.vocabulary import Agency, MandateTerms, MandateType, Need
from ddp_schemas.namespace import TopicNamespace
from ddp_testkit.agency_client import AgencyClient
from tests.integration.domain_feed import publish_domain_event
from tests.integration.observe import RUNNING, settled
from tests.integration.running_service import kafka_settings, running
from tests.support import eventually

NORTHSTAR, MERIDIAN, PROGRAMME = "provider-northstar", "provider-meridian", "programme-team"
DOMAIN_TOPIC = "ddp.interventions.events"


@dataclass
class Interventions:
    """A running interventions service and the agencies and services that talk to it."""

    kafka: KafkaEndpoint
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
        return await publish_domain_event(self.kafka, self.namespace, "referrals", event, str(case_id))

    async def send(self, agency: str, event: Event, case_id: UUID) -> CloudEvent:
        return await self.agencies[agency].send(event, key=str(case_id))

    async def emitted(self, case_id: UUID, event_type: str, count: int) -> list[ObservedEvent]:
        """Wait until the case has ``count`` events of ``event_type`` on the interventions topic."""
        return await self.read(DOMAIN_TOPIC, count, lambda e: e.key == str(case_id) and e.event.type == event_type)

    async def rejections(self, agency: str, count: int) -> list[ObservedEvent]:
        return await self.read(f"ddp.outbound.{agency}", count, lambda e: e.event.type == "ddp.inbound.rejected")

    async def read(self, topic: str, count: int, wanted: Callable[[ObservedEvent], bool]) -> list[ObservedEvent]:
        seen: list[ObservedEvent] = []
        async with TopicReader(self.kafka.access(OPERATOR), [topic], self.namespace) as reader:

            async def enough() -> bool:
                seen.extend(e for e in await reader.batch(timeout_ms=200) if wanted(e))
                return len(seen) >= count

            await eventually(enough, timeout=30)
        return seen

    async def all_of(self, topic: str) -> list[ObservedEvent]:
        """Everything on ``topic`` once the running services have done all they were given."""
        await settled(self.kafka)
        return await read_to_end(self.kafka.access(OPERATOR), topic, self.namespace)

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
                kafka=kafka.endpoint,
                database_url=database_url,
                namespace=namespace,
            )
        )
        yield await _with_agencies(stack, Interventions(kafka.endpoint, namespace, runtime))


@asynccontextmanager
async def interventions_served(kafka, namespace, database_url) -> AsyncIterator[tuple[Interventions, str]]:
    """The service as ``faststream run`` serves it: its ASGI app, composed as ``entrypoints/app.py`` does,
    under uvicorn on a free local port (the lifespan starts and stops the runtime). Yields the base URL too."""
    settings = InterventionsSettings(
        **kafka_settings(kafka.endpoint, "interventions"),  # type: ignore[arg-type]
        database_url=database_url,
        topic_namespace=namespace.name,
        retry_initial_seconds=0.05,
        retry_max_seconds=0.5,
        relay_idle_poll_seconds=0.1,
    )
    runtime = build(settings)
    app = runtime.asgi_app(read_routes=[progress_route(runtime.sessions)])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="on", log_config=None))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if serving.done():
                raise RuntimeError("the interventions service did not start")
            await asyncio.sleep(0.05)
        RUNNING.append(runtime)
        async with AsyncExitStack() as stack:
            service = await _with_agencies(stack, Interventions(kafka.endpoint, namespace, runtime))
            yield service, f"http://127.0.0.1:{port}"
    finally:
        if runtime in RUNNING:
            RUNNING.remove(runtime)
        server.should_exit = True
        await serving


async def _with_agencies(stack: AsyncExitStack, service: Interventions) -> Interventions:
    for agency in (PROGRAMME, NORTHSTAR, MERIDIAN):
        service.agencies[agency] = await stack.enter_async_context(
            AgencyClient(service.kafka.access(agency), service.namespace)
        )
    return service


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
