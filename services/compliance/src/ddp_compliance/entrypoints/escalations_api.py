"""Why each escalation happened, and the casework awaiting, over the service's HTTP port.

``GET /escalations?case_id=<case id>``: every escalation of the case, in the order raised;
``GET /escalation?escalation_id=<id>``: one (``ddp explain``, ``ddp case``, the console).
``GET /casework``: breach referrals awaiting a decision (those past the limit marked overdue)
and reviews flagged overdue, oldest first. Each escalation is explained by its rule, the policy
version it was raised under, its window, who it went to, the decision if one was taken (never
the authority's rationale, only whether one was given) and the evidence events (ids, types,
times, categories). Nothing a sender wrote and nothing about the person beyond pseudonymous ids.
The ids are query parameters because the runtime's read routes match whole paths.
"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from faststream.asgi import AsgiResponse, get
from faststream.asgi.types import ASGIApp, Scope
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ddp_compliance.adapters import orm
from ddp_compliance.adapters.casework_queries import breach_referrals_awaiting_decision, reviews_overdue
from ddp_compliance.adapters.escalation_reading import escalations
from ddp_compliance.domain.escalation import Escalation
from ddp_messaging.clock import Clock
from ddp_messaging.read_routes import json_response, uuid_parameter

log = logging.getLogger(__name__)

CASE_PATH, ESCALATION_PATH, CASEWORK_PATH = "/escalations", "/escalation", "/casework"


def escalation_routes(sessions: async_sessionmaker[AsyncSession], clock: Clock) -> list[tuple[str, ASGIApp]]:
    """The routes for ``ServiceRuntime.asgi_app(read_routes=...)``: 200 with the explanations, 404 for an
    unknown escalation, 400 when the id is not one UUID, 503 when the database does not answer."""

    def route(parameter: str, read: Callable[[AsyncSession, UUID], Awaitable[Any]]) -> ASGIApp:
        @get(include_in_schema=False)
        async def explained(scope: Scope) -> AsgiResponse:
            wanted = uuid_parameter(scope, parameter)
            if wanted is None:
                return json_response(400, {"error": f"{parameter} must be given once, as a UUID"})
            try:
                async with sessions() as session:
                    body = await read(session, wanted)
            except Exception as error:  # the class only: a database error may quote the query's values
                log.warning("compliance: escalation read failed with %s", type(error).__name__)
                return json_response(503, {"error": "escalations are unavailable, try again"})
            if body is None:
                return json_response(404, {"error": "UNKNOWN_ESCALATION"})
            return json_response(200, body)

        return explained

    async def of_case(session: AsyncSession, case_id: UUID) -> dict[str, Any]:
        found = await escalations(session, orm.escalations.c.case_id == case_id)
        return {"case_id": str(case_id), "escalations": [explanation_document(e) for e in found]}

    async def one(session: AsyncSession, escalation_id: UUID) -> dict[str, Any] | None:
        found = await escalations(session, orm.escalations.c.escalation_id == escalation_id)
        return explanation_document(found[0]) if found else None

    @get(include_in_schema=False)
    async def awaiting(scope: Scope) -> AsgiResponse:
        try:
            async with sessions() as session:
                body = {
                    "breach_referrals_awaiting_decision": await breach_referrals_awaiting_decision(session, clock()),
                    "reviews_overdue": await reviews_overdue(session),
                }
        except Exception as error:  # the class only
            log.warning("compliance: casework read failed with %s", type(error).__name__)
            return json_response(503, {"error": "casework is unavailable, try again"})
        return json_response(200, body)

    return [
        (CASE_PATH, route("case_id", of_case)),
        (ESCALATION_PATH, route("escalation_id", one)),
        (CASEWORK_PATH, awaiting),
    ]


def explanation_document(escalation: Escalation) -> dict[str, Any]:
    """The JSON a caller gets for one escalation."""
    e, decision = escalation, escalation.decision
    return {
        "escalation_id": str(e.escalation_id),
        "case_id": str(e.case_id),
        "mandate_type": e.mandate_type.value,
        "step": e.step.value,
        "rule": e.rule,
        "policy_version": e.policy_version,
        "window_start": e.window_start.isoformat(),
        "raised_at": e.raised_at.isoformat(),
        "referred_to": list(e.referred_to),
        "decision_due_by": e.decision_due_by.isoformat() if e.decision_due_by else None,
        "overdue_flags": e.overdue_flags,
        "decision": None
        if decision is None
        else {
            "decision": decision.decision.value,
            "decided_by": decision.decided_by,
            "deciding_role": decision.deciding_role.value,
            "decided_at": decision.decided_at.isoformat(),
            "rationale_given": decision.rationale_given,
        },
        "withdrawn_at": e.withdrawn_at.isoformat() if e.withdrawn_at else None,
        "withdrawal_reason": e.withdrawal_reason.value if e.withdrawal_reason else None,
        "evidence": [
            {
                "occurred_at": i.occurred_at.isoformat(),
                "category": i.category.value,
                "event_type": i.event_type,
                "event_id": str(i.event_id),
            }
            for i in e.evidence
        ],
    }
