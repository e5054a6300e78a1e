"""Escalations under faults: one per situation, published once, delivered to whom they are for; every
mandated case escalated after its two unacceptable absences, no voluntary case referred for breach."""

from uuid import UUID

from ddp_schemas.topics import load_topic_registry
from ddp_testkit.battery.evidence import Evidence, data
from ddp_testkit.battery.verdict import Verdict

ESCALATION_TYPES = (
    "ddp.compliance.warning_recommended",
    "ddp.compliance.breach_referral_raised",
    "ddp.compliance.engagement_concern_flagged",
)


def escalations(evidence: Evidence, verdict: Verdict) -> None:
    """One standing escalation per situation, published once on the compliance topic and once on each
    addressee's outbound topic (counted there too: what the authority acts on); every mandated case
    escalated; no voluntary case referred for breach. An escalation withdrawn (evidence that stopped
    counting) may be followed by another of the same situation: only standing ones are counted."""
    registry = load_topic_registry()
    domain = registry.domain_topic("compliance")
    withdrawn = {
        e.event.data["escalation_id"] for e in evidence.events_of_type("ddp.compliance.escalation_withdrawn", domain)
    }
    situations: dict[tuple[str, str, str, str], set[str]] = {}
    told: dict[tuple[str, str], dict[str, set[UUID]]] = {}  # (type, outbound topic) -> escalation id -> events
    for event_type in ESCALATION_TYPES:
        for escalation_id, ids in evidence.distinct(event_type, data("escalation_id"), domain).items():
            if len(ids) > 1:
                verdict.duplicated.append(f"escalation {escalation_id}: published as {len(ids)} different events")
        for event in evidence.events_of_type(event_type, domain):
            d = event.event.data
            if d["escalation_id"] not in withdrawn:
                situations.setdefault((event_type, d["case_id"], d["rule"], d["window_start"]), set()).add(
                    d["escalation_id"]
                )
            for agency in d["referred_to"]:
                outbound = registry.outbound_topic(agency)
                if (event_type, outbound) not in told:
                    told[event_type, outbound] = evidence.distinct(event_type, data("escalation_id"), outbound)
                copies = told[event_type, outbound].get(d["escalation_id"], set())
                if not copies:
                    verdict.lost.append(f"escalation {d['escalation_id']}: never reached {agency}")
                elif len(copies) > 1:
                    verdict.duplicated.append(
                        f"escalation {d['escalation_id']}: told to {agency} as {len(copies)} different events"
                    )
    for situation, escalation_ids in situations.items():
        if len(escalation_ids) > 1:
            verdict.duplicated.append(f"escalation {situation} raised {len(escalation_ids)} times")
    escalated = {case for _, case, *_ in situations}
    for opened in evidence.events_of_type("ddp.case.opened"):
        mandate, case = opened.event.data["mandate"], opened.event.data["case_id"]
        if mandate["participation_required"] and mandate["type"] != "VOLUNTARY" and case not in escalated:
            verdict.lost.append(f"mandated case {case}: two unacceptable absences, no escalation")
    for event in evidence.events_of_type("ddp.compliance.breach_referral_raised", domain):
        if event.event.data["mandate_type"] == "VOLUNTARY":
            verdict.wrong.append(f"voluntary case {event.event.data['case_id']} referred for breach")
