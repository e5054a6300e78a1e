"""Traces: one agency record and everything the platform does because of it are one trace.

The W3C trace context travels in each event's envelope (the CloudEvents distributed-tracing
extension, ``ce_traceparent``). Each record a service applies is a span, the child of the context
its envelope carries; every event the handler stages carries that span's context on, so the
services downstream continue the same trace. Spans carry ids, types, coordinates and outcomes:
never data, never an exception's message (it may quote the data it failed on).

Off by default: without an exporter the spans are not recorded, and the context a sender gave is
passed on unchanged. ``configure_tracing`` with an OTLP endpoint records and exports them.
"""

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_PROPAGATOR = TraceContextTextMapPropagator()
tracer = trace.get_tracer("ddp_messaging")


def parent_context(traceparent: str | None) -> Context | None:
    """The context a record's envelope carries (None: the record starts a trace of its own)."""
    return _PROPAGATOR.extract({"traceparent": traceparent}) if traceparent else None


def current_traceparent(fallback: str | None = None) -> str | None:
    """The current span's context as a ``traceparent``, or ``fallback`` outside any span."""
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier.get("traceparent", fallback)


def configure_tracing(service: str, otlp_endpoint: str | None) -> None:
    """Record spans and export them over OTLP/HTTP to ``otlp_endpoint`` (e.g. http://collector:4318/v1/traces)."""
    if not otlp_endpoint:
        return
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": f"ddp-{service}"}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
    trace.set_tracer_provider(provider)
