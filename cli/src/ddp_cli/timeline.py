"""Case timelines: one case's (or one correlation's) events across the platform's topics, in order."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ddp_cli.topic_reader import ObservedEvent, read_all_to_end
from ddp_schemas.connection import OPERATOR, KafkaAccess
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


def describe(observed: ObservedEvent) -> str:
    """One line about an event, from its data; never personal data (events carry none)."""
    data, kind = observed.event.data, observed.event.type
    if kind == "ddp.referral.received":
        return f"referral {data['referral_id']} from {data['referred_by']}, screening"
    if kind == "ddp.referral.accepted":
        return f"case {data['case_id']} opened for subject {data['subject_id']}"
    if kind == "ddp.referral.acknowledged":
        return f"receipt to agency: case {data['case_id']}"
    if kind in ("ddp.referral.rejected", "ddp.inbound.rejected"):
        return "reasons: " + ", ".join(_reason(r) for r in data["reasons"])
    if kind == "ddp.case.opened":
        mandate = data["mandate"]
        return (
            f"{mandate['type']} held by {mandate['responsible_authority']}; needs {', '.join(data['assessed_needs'])}"
        )
    if kind == "ddp.plan.drafted":
        return "plan: " + ", ".join(i["kind"] for i in data["interventions"])
    if kind == "ddp.compliance.record_opened":
        can = "can escalate to breach" if data["escalation_possible"] else "engagement concerns only"
        return f"{data['mandate_type']}: {can} (policy {data['policy_version']})"
    if kind == "ddp.event.dead_lettered":
        return f"dead letter: {data['reason_code']}"
    return _describe_casework(kind, data)


def _describe_casework(kind: str, data: dict) -> str:
    """Plans, sessions, escalations and the case's lifecycle: codes, ids and dates only."""
    if kind == "ddp.plan.agreed":
        return "plan agreed: " + ", ".join(i["kind"] for i in data["interventions"])
    if kind in ("ddp.plan.paused", "ddp.plan.resumed", "ddp.plan.ended"):
        return f"plan {data['plan_id']} {kind.rsplit('.', 1)[1]}"
    if kind == "ddp.provider.assigned":
        return f"{data['kind']} assigned to {data['provider']}"
    if kind == "ddp.provider.assignment_accepted":
        return f"{data['provider']} accepts"
    if kind == "ddp.session.scheduled":
        return f"session {data['session_id']} at {data['starts_at']} with {data['provider']}"
    if kind == "ddp.session.attended":
        return f"session {data['session_id']} attended (engagement {data['engagement_rating']}/5)"
    if kind == "ddp.session.missed":
        return f"session {data['session_id']} missed ({data['absence_category']})"
    if kind == "ddp.compliance.non_compliance_recorded":
        return f"non-compliance: {data['category']} at {data['occurred_at']}"
    if kind in ("ddp.compliance.warning_recommended", "ddp.compliance.breach_referral_raised"):
        step = "warning recommended" if kind.endswith("warning_recommended") else "breach referral"
        return (
            f"{step} {data['escalation_id']} to {', '.join(data['referred_to'])} "
            f"(rule {data['rule']}, {len(data['evidence'])} evidence event(s))"
        )
    if kind == "ddp.compliance.breach_decision_recorded":
        return f"decision {data['decision']} by {data['decided_by']} ({data['deciding_role']})"
    if kind in ("ddp.case.suspended", "ddp.case.resumed", "ddp.case.closed"):
        return f"{data['reason_code']} effective {data['effective_on']}"
    return ""


def _reason(reason: dict[str, str | None]) -> str:
    return f"{reason['code']}({reason['field']})" if reason.get("field") else str(reason["code"])


@dataclass
class CaseTimeline:
    """A case's events: lines printed as they arrive, and kept in the order they happened."""

    label: str
    started: float = field(default_factory=time.monotonic)
    _lines: list[tuple[datetime, str]] = field(default_factory=list)
    types: set[str] = field(default_factory=set)

    def add(self, observed: ObservedEvent) -> str:
        elapsed = time.monotonic() - self.started
        line = f"+{elapsed:6.2f}s  {observed.topic:<26} {observed.event.type:<30} {describe(observed)}"
        self._lines.append((observed.event.time, line))
        self.types.add(observed.event.type)
        return line

    @property
    def entries(self) -> list[str]:
        """By event time: arrival order mixes topics and partitions, the event time does not."""
        return [line for _, line in sorted(self._lines, key=lambda entry: entry[0])]


class Timelines:
    """Timelines keyed by correlation id (each demo case's submission starts one)."""

    def __init__(self, emit: Callable[[str], None] = print) -> None:
        self._by_correlation: dict[UUID, CaseTimeline] = {}
        self._emit = emit

    def follow(self, correlation_id: UUID, label: str) -> None:
        self._by_correlation[correlation_id] = CaseTimeline(label)

    def observe(self, observed: ObservedEvent) -> None:
        timeline = self._by_correlation.get(observed.event.correlationid) if observed.event.correlationid else None
        if timeline is not None:
            self._emit(f"[{timeline.label}] {timeline.add(observed)}")

    def complete(self, correlation_id: UUID, expected: set[str]) -> bool:
        return expected <= self._by_correlation[correlation_id].types

    def timeline(self, correlation_id: UUID) -> CaseTimeline:
        return self._by_correlation[correlation_id]


async def timeline_of(access: KafkaAccess, wanted: UUID, namespace: TopicNamespace) -> list[ObservedEvent]:
    """The timeline of a case or correlation id, from every topic the operator reads: what the platform
    writes, never the inbound or re-drive topics, which carry agencies' own data."""
    registry = load_topic_registry()
    watched = [t.name for t in registry.topics if OPERATOR in registry.readers(t)]
    return select_timeline(await read_all_to_end(access, watched, namespace), wanted)


def select_timeline(written: list[ObservedEvent], wanted: UUID) -> list[ObservedEvent]:
    """The events keyed by, about, or correlated with ``wanted``, and the rest of each chain they belong
    to (a case's referral events are keyed by the referral): the whole story, by event time."""

    def about(observed: ObservedEvent) -> bool:
        return str(wanted) in (observed.key, observed.event.subject)

    chains = {wanted} | {e.event.correlationid for e in written if about(e) and e.event.correlationid is not None}
    return sorted((e for e in written if about(e) or e.event.correlationid in chains), key=lambda e: e.event.time)


def print_timeline(events: list[ObservedEvent], emit: Callable[[str], None] = print) -> None:
    """One line per event: when, where, what, and a summary without personal data."""
    for observed in events:
        emit(f"{observed.event.time.isoformat()} {observed.topic:<30} {observed.event.type:<40} {describe(observed)}")
