"""``GET /case-progress``: the summary as JSON, 404 for an unknown case, 400 for a bad id, 503 without a database."""

from contextlib import asynccontextmanager
from datetime import timedelta
from uuid import uuid4

import httpx
import pytest

from ddp_interventions.domain.progress import ProgressSummary
from ddp_interventions.entrypoints import progress_api
from tests.unit.interventions.builders import NOW

SUMMARY = ProgressSummary("AGREED", 5, 2, 1, 1, 1, 0, 1, 1, NOW - timedelta(days=2), "ABSENT")


@asynccontextmanager
async def no_database():
    raise ConnectionRefusedError("db.internal:5432 said no")
    yield


@asynccontextmanager
async def a_database():
    yield object()


def client(sessions, monkeypatch, found: ProgressSummary | None = None) -> httpx.AsyncClient:
    async def progress_for_case(session, case_id):
        return found

    monkeypatch.setattr(progress_api, "progress_for_case", progress_for_case)
    path, route = progress_api.progress_route(sessions)
    assert path == "/case-progress"
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=route), base_url="http://interventions")


async def test_a_cases_progress_is_its_summary_as_json(monkeypatch) -> None:
    case_id = uuid4()
    async with client(a_database, monkeypatch, SUMMARY) as http:
        answer = await http.get("/case-progress", params={"case_id": str(case_id)})
    assert (answer.status_code, answer.headers["content-type"]) == (200, "application/json")
    assert answer.json() == {
        "case_id": str(case_id),
        "plan_status": "AGREED",
        "sessions": {
            "offered": 5,
            "attended": 2,
            "late": 1,
            "missed": {"acceptable": 1, "unacceptable": 1, "logistical": 0},
        },
        "concerns": 1,
        "interventions_completed": 1,
        "latest_session": {"occurred_at": (NOW - timedelta(days=2)).isoformat(), "outcome": "ABSENT"},
    }


async def test_before_any_attendance_there_is_no_latest_session(monkeypatch) -> None:
    empty = ProgressSummary("DRAFT", 0, 0, 0, 0, 0, 0, 0, 0, None, None)
    async with client(a_database, monkeypatch, empty) as http:
        answer = await http.get("/case-progress", params={"case_id": str(uuid4())})
    assert answer.json()["latest_session"] is None


async def test_a_case_without_a_plan_is_not_found(monkeypatch) -> None:
    async with client(a_database, monkeypatch, None) as http:
        answer = await http.get("/case-progress", params={"case_id": str(uuid4())})
    assert (answer.status_code, answer.json()) == (404, {"error": "UNKNOWN_CASE"})


@pytest.mark.parametrize("query", [{}, {"case_id": "Quillon"}, {"case_id": [str(uuid4()), str(uuid4())]}])
async def test_a_case_id_that_is_not_one_uuid_is_a_bad_request_that_does_not_repeat_it(monkeypatch, query) -> None:
    async with client(a_database, monkeypatch, SUMMARY) as http:
        answer = await http.get("/case-progress", params=query)
    assert answer.status_code == 400 and "Quillon" not in answer.text


async def test_without_a_database_the_answer_is_unavailable_and_says_nothing_of_why(monkeypatch, caplog) -> None:
    async with client(no_database, monkeypatch, SUMMARY) as http:
        answer = await http.get("/case-progress", params={"case_id": str(uuid4())})
    assert answer.status_code == 503 and "db.internal" not in answer.text
    assert "ConnectionRefusedError" in caplog.text and "db.internal" not in caplog.text
