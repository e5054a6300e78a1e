"""Escalations explained and the casework awaiting, from the compliance service's read interface (never
its database)."""

from typing import Any
from uuid import UUID

import httpx

from ddp_cli.service_health import ServiceAddress

_TIMEOUT_SECONDS = 10.0


class ExplanationsUnavailable(Exception):
    """The compliance service did not answer, or answered with an error."""


def escalation(address: ServiceAddress, escalation_id: UUID) -> dict[str, Any] | None:
    """One escalation's explanation, or None when compliance knows no such escalation."""
    return _get(address, "/escalation", {"escalation_id": str(escalation_id)})


def escalations_of_case(address: ServiceAddress, case_id: UUID) -> list[dict[str, Any]]:
    found = _get(address, "/escalations", {"case_id": str(case_id)})
    return list(found["escalations"]) if found else []


def casework(address: ServiceAddress) -> dict[str, list[dict[str, Any]]]:
    """Breach referrals awaiting a decision (``overdue`` past the limit) and reviews flagged overdue."""
    found = _get(address, "/casework", {})
    return found or {"breach_referrals_awaiting_decision": [], "reviews_overdue": []}


def _get(address: ServiceAddress, path: str, parameters: dict[str, str]) -> dict[str, Any] | None:
    try:
        response = httpx.get(f"{address.url}{path}", params=parameters, timeout=_TIMEOUT_SECONDS)
    except httpx.HTTPError as error:
        raise ExplanationsUnavailable(f"{address.url} did not answer ({type(error).__name__})") from None
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise ExplanationsUnavailable(f"{address.url}{path} answered {response.status_code}")
    body: dict[str, Any] = response.json()
    return body


def explanation_lines(explained: dict[str, Any]) -> list[str]:
    """The escalation as plain lines: what, under which rule and policy, because of which events."""
    e = explained
    lines = [
        f"escalation     {e['escalation_id']}",
        f"case           {e['case_id']} ({e['mandate_type']})",
        f"step           {e['step']}",
        f"rule           {e['rule']}",
        f"policy version {e['policy_version']}",
        f"window start   {e['window_start']}",
        f"raised at      {e['raised_at']}",
        f"referred to    {', '.join(e['referred_to'])}",
    ]
    if e["decision_due_by"]:
        overdue = f" (flagged overdue {e['overdue_flags']} time(s))" if e["overdue_flags"] else ""
        lines.append(f"decision due   {e['decision_due_by']}{overdue}")
    if e["decision"]:
        d = e["decision"]
        rationale = "rationale given" if d["rationale_given"] else "no rationale"
        lines.append(
            f"decision       {d['decision']} by {d['decided_by']} ({d['deciding_role']}) at {d['decided_at']}, "
            f"{rationale}"
        )
    if e["withdrawn_at"]:
        lines.append(f"withdrawn      {e['withdrawn_at']} ({e['withdrawal_reason']})")
    lines.append(f"evidence       {len(e['evidence'])} event(s)")
    for i in e["evidence"]:
        lines.append(f"  {i['occurred_at']}  {i['category']:<24} {i['event_type']:<32} {i['event_id']}")
    return lines
