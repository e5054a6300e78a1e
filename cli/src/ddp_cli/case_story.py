"""``ddp case``: one case's story across every topic the operator reads, in the order things happened,
with each escalation's explanation inline (from the compliance service's read interface).

Inbound and re-drive topics are never read (they hold the agencies' own data); what the platform
wrote carries pseudonymous ids only, and each line is a summary of the event, not its data.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from ddp_cli.explanations import ExplanationsUnavailable, escalations_of_case, explanation_lines
from ddp_cli.service_health import ServiceAddress
from ddp_cli.timeline import describe, timeline_of
from ddp_cli.topic_reader import ObservedEvent
from ddp_schemas.connection import KafkaAccess
from ddp_schemas.namespace import TopicNamespace


@dataclass(frozen=True)
class CaseStory:
    case_id: UUID
    events: list[ObservedEvent]
    escalations: dict[str, dict[str, Any]]  # by escalation id
    explanations_unavailable: str | None  # why escalations could not be explained, if they could not


async def case_story(
    access: KafkaAccess, namespace: TopicNamespace, case_id: UUID, compliance: ServiceAddress | None
) -> CaseStory:
    events = await timeline_of(access, case_id, namespace)
    problem, explained = None, {}
    if compliance is None:
        problem = "no compliance address known (give --url compliance=http://host:port)"
    else:
        try:
            explained = {e["escalation_id"]: e for e in escalations_of_case(compliance, case_id)}
        except ExplanationsUnavailable as unavailable:
            problem = str(unavailable)
    return CaseStory(case_id, events, explained, problem)


def event_json(observed: ObservedEvent) -> dict[str, Any]:
    e = observed.event
    return {
        "time": e.time.isoformat(),
        "topic": observed.topic,
        "partition": observed.partition,
        "offset": observed.offset,
        "type": e.type,
        "id": str(e.id),
        "subject": e.subject,
        "correlation_id": str(e.correlationid) if e.correlationid else None,
        "causation_id": str(e.causationid) if e.causationid else None,
        "summary": describe(observed),
        "escalation_id": _escalation_of(observed),
    }


def story_json(story: CaseStory) -> dict[str, Any]:
    return {
        "case_id": str(story.case_id),
        "events": [event_json(e) for e in story.events],
        "escalations": list(story.escalations.values()),
        "explanations_unavailable": story.explanations_unavailable,
    }


def story_lines(story: CaseStory) -> list[str]:
    lines, explained = [], set()
    for observed in story.events:
        e = observed.event
        lines.append(f"{e.time.isoformat()} {observed.topic:<30} {e.type:<44} {describe(observed)}")
        escalation_id = _escalation_of(observed)
        if escalation_id in story.escalations and escalation_id not in explained:
            explained.add(escalation_id)
            lines.extend(f"    | {line}" for line in explanation_lines(story.escalations[escalation_id]))
    if story.explanations_unavailable:
        lines.append(f"(escalations not explained: {story.explanations_unavailable})")
    return lines


def _escalation_of(observed: ObservedEvent) -> str | None:
    value = observed.event.data.get("escalation_id") if isinstance(observed.event.data, dict) else None
    return str(value) if value else None
