"""The invariants: every valid input has exactly one effect, nothing acknowledged is lost, per-case
order holds, and the dead-letter topics hold exactly the bad inputs, each with the right reason."""

from collections import Counter
from dataclasses import dataclass, field

from ddp_cli.battery.evidence import Evidence, first_occurrences
from ddp_cli.battery.feeder import FeedReport
from ddp_cli.battery.workload import ACCEPTED, REFUSED, PlannedInput


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    wrong_dead_letters: list[str] = field(default_factory=list)
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not (self.lost or self.duplicated or self.out_of_order or self.wrong_dead_letters)


def check(inputs: list[PlannedInput], fed: FeedReport, evidence: Evidence, absences_sent: bool = False) -> Verdict:
    verdict = Verdict()
    _effects_of_valid_inputs(inputs, evidence, verdict)
    _published_means_delivered(evidence, verdict)
    _order_per_key(evidence, verdict)
    _dead_letters(inputs, fed, evidence, verdict)
    if absences_sent:
        _escalations_once(evidence, verdict)
    republished = sum(len(e) - len({x.event.id for x in e}) for e in evidence.topics.values())
    verdict.figures.update(
        inputs=len(inputs),
        valid=sum(i.expect in (ACCEPTED, REFUSED) for i in inputs),
        bad=sum(i.expect not in (ACCEPTED, REFUSED) for i in inputs),
        events_on_topics=sum(len({x.event.id for x in e}) for e in evidence.topics.values()),
        republished_copies=republished,
        send_retries=fed.failed_attempts,
        lost=len(verdict.lost),
        duplicated=len(verdict.duplicated),
        out_of_order=len(verdict.out_of_order),
        wrong_dead_letters=len(verdict.wrong_dead_letters),
        escalations=len(evidence.escalations),
    )
    return verdict


def _effects_of_valid_inputs(inputs: list[PlannedInput], evidence: Evidence, verdict: Verdict) -> None:
    accepted_events = Counter(e.event.data["referral_id"] for e in evidence.events_of_type("ddp.referral.accepted"))
    for planned in (i for i in inputs if i.expect in (ACCEPTED, REFUSED)):
        outcome = evidence.referrals.get(planned.agency_reference or "")
        if outcome is None:
            verdict.lost.append(f"input {planned.index}: no referral recorded")
            continue
        status, case_id = outcome
        if planned.expect == REFUSED:
            if status != "REJECTED" or case_id is not None:
                verdict.lost.append(f"input {planned.index}: expected a refusal, got {status}")
            continue
        if case_id is None or evidence.case_rows.get(case_id) != 1:
            found = evidence.case_rows.get(case_id) if case_id else None
            verdict.lost.append(f"input {planned.index}: expected one case, found {found}")
            continue
        for what, rows in (("plan", evidence.plans), ("compliance record", evidence.compliance_records)):
            count = rows.get(case_id, 0)
            if count == 0:
                verdict.lost.append(f"case of input {planned.index}: no {what}")
            elif count > 1:
                verdict.duplicated.append(f"case of input {planned.index}: {count} {what}s")
    for referral_id, count in accepted_events.items():
        if (
            count > 1
            and len(
                {
                    e.event.id
                    for e in evidence.events_of_type("ddp.referral.accepted")
                    if e.event.data["referral_id"] == referral_id
                }
            )
            > 1
        ):
            verdict.duplicated.append(f"referral {referral_id}: accepted twice")
    if len(evidence.referrals) != sum(i.expect in (ACCEPTED, REFUSED) for i in inputs):
        verdict.duplicated.append(f"{len(evidence.referrals)} referrals recorded for the valid inputs")


def _published_means_delivered(evidence: Evidence, verdict: Verdict) -> None:
    on_topics = {e.event.id for events in evidence.topics.values() for e in events}
    for service, rows in evidence.outbox.items():
        for row_id, event_id, topic, _key, published in rows:
            if not published:
                verdict.lost.append(f"{service} outbox row {row_id} ({topic}) never published")
            elif event_id not in on_topics:
                verdict.lost.append(f"{service} outbox row {row_id} marked published but not on {topic}")


def _order_per_key(evidence: Evidence, verdict: Verdict) -> None:
    for rows in evidence.outbox.values():
        written = {event_id: row_id for row_id, event_id, *_ in rows}
        for topic in {row[2] for row in rows}:
            for key, ids in first_occurrences(evidence.topics.get(topic, [])).items():
                positions = [written[i] for i in ids if i in written]
                if positions != sorted(positions):
                    verdict.out_of_order.append(f"{topic} key {key}: published out of the order written")


def _dead_letters(inputs: list[PlannedInput], fed: FeedReport, evidence: Evidence, verdict: Verdict) -> None:
    by_coordinates = {coordinates: i for i in inputs for coordinates in fed.acknowledged.get(i.index, [])}
    letters = {e.event.id: e for e in evidence.topics.get("ddp.referrals.dlq", [])}
    per_record: Counter[tuple[str, int, int]] = Counter()
    for letter in letters.values():
        original = letter.event.data["original"]
        coordinates = (original["topic"], original["partition"], original["offset"])
        planned = by_coordinates.get(coordinates)
        per_record[coordinates] += 1
        if planned is None:
            verdict.wrong_dead_letters.append(f"dead letter for {coordinates}: not a battery input")
        elif planned.expect != letter.event.data["reason_code"]:
            verdict.wrong_dead_letters.append(
                f"input {planned.index}: {letter.event.data['reason_code']}, expected {planned.expect}"
            )
    for coordinates, count in per_record.items():
        if count > 1:
            verdict.duplicated.append(f"{coordinates} dead-lettered {count} times")
    dead = {by_coordinates[c].index for c in per_record if c in by_coordinates}
    for planned in inputs:
        if planned.expect not in (ACCEPTED, REFUSED) and planned.index not in dead:
            verdict.lost.append(f"bad input {planned.index} ({planned.expect}) not dead-lettered")
    verdict.figures["dead_lettered"] = len(letters)
    for service in ("interventions", "compliance"):  # their inputs are all valid platform events
        for letter in evidence.topics.get(f"ddp.{service}.dlq", []):
            verdict.wrong_dead_letters.append(f"{service} dead-lettered {letter.event.data['reason_code']}")


ESCALATIONS = (
    "ddp.compliance.warning_recommended",
    "ddp.compliance.breach_referral_raised",
    "ddp.compliance.engagement_concern_flagged",
)


def _escalations_once(evidence: Evidence, verdict: Verdict) -> None:
    """One escalation per situation; every mandated case escalated; no voluntary case referred for breach."""
    published: dict[tuple[str, str, str, str], set[str]] = {}
    for event in (e for t in ESCALATIONS for e in evidence.events_of_type(t)):
        data = event.event.data
        situation = (event.event.type, data["case_id"], data["rule"], data["window_start"])
        published.setdefault(situation, set()).add(data["escalation_id"])
    for situation, ids in published.items():
        if len(ids) > 1:
            verdict.duplicated.append(f"escalation {situation} raised {len(ids)} times")
    stored = {str(escalation_id) for escalation_id, *_ in evidence.escalations}
    on_topic = {i for ids in published.values() for i in ids}
    verdict.lost += [f"escalation {i} stored but never published" for i in sorted(stored - on_topic)]
    escalated = {str(case) for _, case, *_ in evidence.escalations}
    for case, (mandate_type, required) in evidence.mandates.items():
        if required and mandate_type != "VOLUNTARY" and str(case) not in escalated:
            verdict.lost.append(f"mandated case {case}: two unacceptable absences, no escalation")
    for event in evidence.events_of_type("ddp.compliance.breach_referral_raised"):
        if event.event.data["mandate_type"] == "VOLUNTARY":
            verdict.wrong_dead_letters.append(f"voluntary case {event.event.data['case_id']} referred for breach")
