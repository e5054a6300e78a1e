"""One referral is one trace, over real Kafka and PostgreSQL: the agency's trace context (CloudEvents
``traceparent``) continues through referrals, interventions and compliance, and every answer carries it.

Spans are collected in this process (the services run in it); nothing personal is in any attribute.
"""

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from ddp_compliance.bootstrap import build as build_compliance
from ddp_compliance.settings import ComplianceSettings
from ddp_interventions.bootstrap import build as build_interventions
from ddp_interventions.settings import InterventionsSettings
from ddp_referrals.bootstrap import build as build_referrals
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.envelope import CloudEvent
from ddp_testkit.agency_client import AgencyClient
from tests.factories import DISTINCTIVE_NAME, licence_referral
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running
from tests.support import unique_name

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

TRACE_ID, AGENCY_SPAN = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


async def test_a_referral_is_one_trace_from_the_agency_to_every_answer(kafka, namespace, postgres, spans):
    referral = licence_referral("PRB-T1")
    envelope = CloudEvent(
        source="/agencies/probation",
        type=referral.event_type,
        dataversion=referral.version,
        subject="PRB-T1",
        data=referral.model_dump(mode="json"),
        traceparent=f"00-{TRACE_ID}-{AGENCY_SPAN}-01",
    )
    async with AgencyClient(kafka.access("probation"), namespace) as probation:
        await probation.send_envelope(envelope, "PRB-T1")

    def database() -> str:
        return postgres.create_database(unique_name("db").replace("-", "_"))

    common = {"kafka": kafka.endpoint, "namespace": namespace}
    async with (
        running(build_referrals, ReferralsSettings, database_url=database(), **common),
        running(build_interventions, InterventionsSettings, database_url=database(), **common),
        running(build_compliance, ComplianceSettings, database_url=database(), **common),
    ):
        [opened] = await wait_for_events(kafka.endpoint, namespace, "ddp.compliance.events", 1)
        [drafted] = await wait_for_events(kafka.endpoint, namespace, "ddp.interventions.events", 1)
        [ack] = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 1)

    for answer in (opened, drafted, ack):
        assert answer.event.traceparent.split("-")[1] == TRACE_ID, answer.event.type
    ours = [s for s in spans.get_finished_spans() if format(s.context.trace_id, "032x") == TRACE_ID]
    by_name = {s.name: s for s in ours}
    intake = by_name["referrals apply ddp.referral.submitted"]
    assert format(intake.parent.span_id, "016x") == AGENCY_SPAN, "the agency's span is the intake's parent"
    for downstream in ("interventions apply ddp.case.opened", "compliance apply ddp.case.opened"):
        assert by_name[downstream].parent.span_id == intake.context.span_id, downstream
    assert ack.event.traceparent.split("-")[2] == format(intake.context.span_id, "016x")
    assert opened.event.traceparent.split("-")[2] == format(
        by_name["compliance apply ddp.case.opened"].context.span_id, "016x"
    )
    for span in ours:
        assert span.attributes["ddp.outcome"] == "applied"
        text = repr(dict(span.attributes)) + span.name + repr(span.events)
        for personal in (DISTINCTIVE_NAME, "X123456", "PRB-T1", "1991-02-03"):
            assert personal not in text, f"{span.name} carries {personal}"
