"""A case's progress, read over the service's HTTP port: ``GET /case-progress?case_id=<case id>``.

For the programme team's and the authorities' case reviews and for checking the platform: what
support was delivered and how the person engaged, as counts. It says nothing a sender wrote (no
notes, no reasons in their words) and nothing about the person beyond the pseudonymous case id.
The case id is a query parameter because the runtime's read routes match whole paths.
"""

import logging
from typing import Any
from uuid import UUID

from faststream.asgi import AsgiResponse, get
from faststream.asgi.types import ASGIApp, Scope
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ddp_interventions.adapters.progress_queries import progress_for_case
from ddp_interventions.domain.progress import ProgressSummary
from ddp_messaging.read_routes import json_response, uuid_parameter

log = logging.getLogger(__name__)

PATH = "/case-progress"


def progress_route(sessions: async_sessionmaker[AsyncSession]) -> tuple[str, ASGIApp]:
    """The route for ``ServiceRuntime.asgi_app(read_routes=...)``: 200 with the progress, 404 for a case
    without a plan, 400 when ``case_id`` is not one UUID, 503 when the database does not answer."""

    @get(include_in_schema=False)
    async def case_progress(scope: Scope) -> AsgiResponse:
        case_id = uuid_parameter(scope, "case_id")
        if case_id is None:
            return json_response(400, {"error": "case_id must be given once, as a UUID"})
        try:
            async with sessions() as session:
                summary = await progress_for_case(session, case_id)
        except Exception as error:  # the class only: a database error may quote the query's values
            log.warning("interventions: progress read failed with %s", type(error).__name__)
            return json_response(503, {"error": "progress is unavailable, try again"})
        if summary is None:
            return json_response(404, {"error": "UNKNOWN_CASE"})
        return json_response(200, progress_document(case_id, summary))

    return PATH, case_progress


def progress_document(case_id: UUID, summary: ProgressSummary) -> dict[str, Any]:
    """The JSON a caller gets (documented in docs/provider-contract.md, "Progress summary")."""
    latest = None
    if summary.latest_session_at is not None:
        latest = {"occurred_at": summary.latest_session_at.isoformat(), "outcome": summary.latest_outcome}
    return {
        "case_id": str(case_id),
        "plan_status": summary.plan_status,
        "sessions": {
            "offered": summary.sessions_offered,
            "attended": summary.sessions_attended,
            "late": summary.sessions_late,
            "missed": {
                "acceptable": summary.missed_acceptable,
                "unacceptable": summary.missed_unacceptable,
                "logistical": summary.missed_logistical,
            },
        },
        "concerns": summary.concerns,
        "interventions_completed": summary.interventions_completed,
        "latest_session": latest,
    }
