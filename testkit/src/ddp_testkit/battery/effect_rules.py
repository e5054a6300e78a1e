"""Every valid input has exactly one effect: the referrals (phase one) and the programme team's and
providers' messages (phase two), counted on the topics; interventions' own progress agrees with them."""

from collections import defaultdict
from uuid import UUID

from ddp_schemas.topics import load_topic_registry
from ddp_testkit.battery.evidence import Evidence, caused_by, data
from ddp_testkit.battery.provider_workflow import ContractMessage
from ddp_testkit.battery.verdict import Verdict
from ddp_testkit.battery.workload import ACCEPTED, REFUSED, PlannedInput

# What an accepted referral's case must have, once each, counted on the domain topic of the service
# that publishes it (a copy addressed to an agency is its own event, on the agency's topic).
CASE_EFFECTS = {
    "ddp.referral.accepted": "referrals",
    "ddp.case.opened": "referrals",
    "ddp.plan.drafted": "interventions",
    "ddp.compliance.record_opened": "compliance",
}


def referral_effects(inputs: list[PlannedInput], evidence: Evidence, verdict: Verdict) -> None:
    """Each referral received once; accepted ones acknowledged once with one case and its effects, refused
    ones rejected once and told so; no case that no input asked for."""
    registry = load_topic_registry()
    received = evidence.distinct("ddp.referral.received", caused_by)
    rejected = evidence.distinct("ddp.referral.rejected", caused_by)
    per_case = {
        t: evidence.distinct(t, data("case_id"), registry.domain_topic(service)) for t, service in CASE_EFFECTS.items()
    }
    cases_of: dict[str, set[str]] = defaultdict(set)  # agency reference -> case ids acknowledged
    for ack in evidence.events_of_type("ddp.referral.acknowledged"):
        cases_of[ack.event.data["agency_reference"]].add(ack.event.data["case_id"])
    senders = {registry.outbound_topic(i.agency) for i in inputs}
    acks = {t: evidence.distinct("ddp.referral.acknowledged", data("agency_reference"), t) for t in senders}
    refusals = {t: evidence.distinct("ddp.inbound.rejected", data("rejected_event_id"), t) for t in senders}
    asked_for: set[str] = set()
    for planned in (i for i in inputs if i.expect in (ACCEPTED, REFUSED)):
        what, outbound = f"input {planned.index}", registry.outbound_topic(planned.agency)
        verdict.exactly_one(f"{what}: ddp.referral.received", received.get(str(planned.event_id), set()))
        told_no = refusals[outbound].get(str(planned.event_id), set())
        if planned.expect == REFUSED:
            verdict.exactly_one(f"{what}: ddp.referral.rejected", rejected.get(str(planned.event_id), set()))
            verdict.exactly_one(f"{what}: rejection on {outbound}", told_no)
            if cases_of.get(planned.agency_reference or ""):
                verdict.wrong.append(f"{what}: refused at screening, yet acknowledged with a case")
            continue
        verdict.exactly_one(
            f"{what}: acknowledgement on {outbound}", acks[outbound].get(planned.agency_reference or "", set())
        )
        if told_no:
            verdict.wrong.append(f"{what}: accepted, yet rejected on {outbound}")
        for case_id in cases_of.get(planned.agency_reference or "", set()):
            asked_for.add(case_id)
            for effect in CASE_EFFECTS:
                verdict.exactly_one(f"case of {what}: {effect}", per_case[effect].get(case_id, set()))
    for case_id in sorted(set(per_case["ddp.case.opened"]) - asked_for):
        verdict.duplicated.append(f"case {case_id} opened, but acknowledged for no input")


def contract_effects(
    messages: list[ContractMessage],
    evidence: Evidence,
    verdict: Verdict,
    bad_records: frozenset[tuple[str, int, int]] = frozenset(),
) -> None:
    """Each programme-team and provider message has its one effect, whatever the redeliveries, and none
    was refused (every message of the workload is valid). Rejections of ``bad_records`` (coordinates of
    the bad and hostile inputs, answered as they must be) are the dead-letter rule's to judge."""
    registry = load_topic_registry()
    domain = registry.domain_topic("interventions")
    effects: dict[tuple[str, str], dict[str, set[UUID]]] = {}
    for message in messages:
        if (message.effect, message.effect_key) not in effects:
            effects[message.effect, message.effect_key] = evidence.distinct(
                message.effect, data(message.effect_key), domain
            )
        found = effects[message.effect, message.effect_key].get(message.business_key, set())
        verdict.exactly_one(f"{message.envelope.type} for case {message.case_id}: {message.effect}", found)
    sent = {str(m.envelope.id): m for m in messages}
    for agency in sorted({m.agency for m in messages}):
        for rejection in evidence.events_of_type("ddp.inbound.rejected", registry.outbound_topic(agency)):
            received = rejection.event.data["received_at"]
            if (received["topic"], received["partition"], received["offset"]) in bad_records:
                continue
            refused = sent.get(rejection.event.data["rejected_event_id"])
            codes = ", ".join(r["code"] for r in rejection.event.data["reasons"])
            about = f"{refused.envelope.type} for case {refused.case_id}" if refused else "a record"
            verdict.wrong.append(f"{agency}: {about} refused ({codes})")


def progress_agrees(evidence: Evidence, verdict: Verdict) -> None:
    """What interventions says of each case's progress is what its topic shows: the plan agreed, each
    session scheduled once, each absence counted once."""
    domain = load_topic_registry().domain_topic("interventions")
    scheduled = evidence.distinct("ddp.session.scheduled", data("case_id"), domain)
    missed: dict[str, set[UUID]] = defaultdict(set)
    for event in evidence.events_of_type("ddp.session.missed", domain):
        if event.event.data["absence_category"] == "UNACCEPTABLE":
            missed[event.event.data["case_id"]].add(event.event.data["session_id"])
    for case_id, progress in evidence.progress.items():
        sessions = progress.get("sessions", {})
        said = {
            "plan_status": progress.get("plan_status"),
            "sessions offered": sessions.get("offered"),
            "unacceptable absences": sessions.get("missed", {}).get("unacceptable"),
        }
        shown = {
            "plan_status": "AGREED",
            "sessions offered": len(scheduled.get(str(case_id), set())),
            "unacceptable absences": len(missed.get(str(case_id), set())),
        }
        for name, value in shown.items():
            if said[name] != value:
                verdict.wrong.append(f"case {case_id}: interventions says {name} {said[name]}, its topic {value}")
