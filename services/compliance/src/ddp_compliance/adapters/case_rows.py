"""A case's compliance history as table rows, and back: what the repository writes and reads.

Rows are keyed by their primary key; the repository compares the rows of a case as loaded with
its rows when saved, and writes only what was added or changed.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ddp_compliance.domain.case_compliance import CaseCompliance
from ddp_compliance.domain.escalation import Escalation
from ddp_compliance.domain.review import Review

Row = dict[str, Any]
Rows = dict[Hashable, Row]


@dataclass
class CaseRows:
    records: Rows = field(default_factory=dict)
    terms: Rows = field(default_factory=dict)
    facts: Rows = field(default_factory=dict)
    corrections: Rows = field(default_factory=dict)
    suspensions: Rows = field(default_factory=dict)
    resumptions: Rows = field(default_factory=dict)
    plan_changes: Rows = field(default_factory=dict)
    escalations: Rows = field(default_factory=dict)
    reviews: Rows = field(default_factory=dict)


def rows_of(case: CaseCompliance) -> CaseRows:
    rows, reports, case_id = CaseRows(), case.reports, case.case_id
    if (r := case.record) is not None:
        rows.records[case_id] = {
            "case_id": case_id,
            "mandate_type": r.mandate_type.value,
            "responsible_authority": r.responsible_authority,
            "participation_required": r.participation_required,
            "escalation_possible": r.escalation_possible,
            "policy_version": r.policy_version,
            "mandate_starts_on": r.mandate_starts_on,
            "mappa_level": r.mappa_level,
            "closed_at": r.closed_at,
            "ends_at": r.ends_at,
            "ended_by_event_id": r.ended_by,
        }
        for event_id, in_force in r.terms_history.items():
            t = in_force.terms
            rows.terms[event_id] = {
                "event_id": event_id,
                "case_id": case_id,
                "since": in_force.since,
                "recorded_at": in_force.recorded_at,
                "mandate_type": t.type.value,
                "responsible_authority": t.responsible_authority,
                "participation_required": t.participation_required,
                "starts_on": t.starts_on,
            }
    for (event_id, kind), f in reports.facts.items():
        rows.facts[(event_id, kind.value)] = {
            "event_id": event_id,
            "kind": kind.value,
            "case_id": f.case_id,
            "attendance_id": f.attendance_id,
            "event_type": f.event_type,
            "occurred_at": f.occurred_at,
            "outcome": _value(f.outcome),
            "absence_category": _value(f.absence_category),
            "counts_as": _value(f.counts_as),
            "counted": (event_id, kind) in reports.counted,
        }
    for corrected, correction in reports.corrections.items():
        rows.corrections[corrected] = {
            "corrected_attendance_id": corrected,
            "correction_event_id": correction,
            "case_id": case_id,
        }
    for event_id, since in reports.suspensions.items():
        rows.suspensions[event_id] = {"event_id": event_id, "case_id": case_id, "starts_at": since}
    for event_id, until in reports.resumptions.items():
        rows.resumptions[event_id] = {"event_id": event_id, "case_id": case_id, "resumes_at": until}
    for event_id, change in reports.plan_changes.items():
        rows.plan_changes[event_id] = {
            "event_id": event_id,
            "case_id": case_id,
            "event_type": change.event_type,
            "occurred_at": change.at,
        }
    for escalation_id, e in case.escalations.by_id.items():
        rows.escalations[escalation_id] = escalation_row(e)
    for review in case.reviews.by_sequence.values():
        rows.reviews[review.review_id] = review_row(review)
    return rows


def escalation_row(e: Escalation) -> Row:
    row: Row = {
        "escalation_id": e.escalation_id,
        "case_id": e.case_id,
        "rule": e.rule,
        "step": e.step.value,
        "window_start": e.window_start,
        "policy_version": e.policy_version,
        "mandate_type": e.mandate_type.value,
        "referred_to": list(e.referred_to),
        "raised_at": e.raised_at,
        "decision_due_by": e.decision_due_by,
        "overdue_flags": e.overdue_flags,
        "last_flagged_at": e.last_flagged_at,
        "generation": e.generation,
        "withdrawn_at": e.withdrawn_at,
        "withdrawal_reason": _value(e.withdrawal_reason),
    }
    if (d := e.decision) is not None:
        row |= {
            "decision": d.decision.value,
            "decided_by": d.decided_by,
            "deciding_role": d.deciding_role.value,
            "decided_at": d.decided_at,
        }
        if d.rationale is not None:  # a decision read back never carries its rationale: leave it be
            row["rationale"] = d.rationale
    return row


def review_row(review: Review) -> Row:
    outcome = review.outcome
    return {
        "review_id": review.review_id,
        "case_id": review.case_id,
        "sequence": review.sequence,
        "due_on": review.due_on,
        "chaired_by": review.chaired_by,
        "policy_version": review.policy_version,
        "period_start": review.period_start,
        "announced_at": review.announced_at,
        "due_flagged_at": review.due_flagged_at,
        "overdue_flagged_at": review.overdue_flagged_at,
        "outcome": outcome.outcome.value if outcome else None,
        "chairing_role": outcome.chairing_role.value if outcome else None,
        "reviewed_on": outcome.reviewed_on if outcome else None,
        "recorded_at": outcome.recorded_at if outcome else None,
    }


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> Row:
    """The columns whose value differs."""
    return {column: value for column, value in after.items() if before.get(column) != value}


def _value(member: Any) -> Any:
    return None if member is None else member.value
