"""The console's pages. Every page needs a login; re-drive and the audit record need the admin role.

What is shown is what the operator may see: services' readiness and metrics, dead letters
(coordinates, ids, reason codes; never a record's data), case timelines from the topics the
operator reads (pseudonymous ids, event types and summaries; never an inbound record) and the
casework compliance lists. Opening a case's timeline and re-driving dead letters each ask why,
and both are recorded before they happen.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from uuid import UUID

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ddp_cli.case_story import case_story
from ddp_cli.dead_letters import dead_letters, redrive
from ddp_cli.explanations import ExplanationsUnavailable, casework
from ddp_cli.service_health import ServiceAddress, read_addresses
from ddp_cli.timeline import describe
from ddp_console import audit
from ddp_console.auth import csrf_token, csrf_valid, current_user, log_in, requires
from ddp_console.dead_letter_groups import grouped
from ddp_console.pipeline import pipeline_state
from ddp_console.security_headers import SecurityHeaders
from ddp_console.settings import ConsoleSettings
from ddp_console.tables import metadata
from ddp_console.users import Role, authenticated
from ddp_schemas.connection import ADMIN, OPERATOR, CredentialStore, KafkaAccess
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def create_app(settings: ConsoleSettings) -> Starlette:
    engine = create_async_engine(settings.database_url, pool_pre_ping=True)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    namespace = TopicNamespace(settings.topic_namespace)
    store = CredentialStore(settings.credentials_dir)
    services = load_topic_registry().services

    def access(principal: str) -> KafkaAccess:
        return KafkaAccess(settings.kafka_bootstrap_servers, principal, store.identity(principal))

    def addresses() -> list[ServiceAddress]:
        return read_addresses(settings.services_file) if settings.services_file.exists() else []

    def compliance() -> ServiceAddress | None:
        return next((a for a in addresses() if a.service == "compliance"), None)

    def page(request: Request, template: str, **context: object) -> Response:
        user = current_user(request)
        return TEMPLATES.TemplateResponse(
            request, template, {"user": user, "csrf": csrf_token(request), "services": services, **context}
        )

    async def ready(request: Request) -> Response:
        try:
            async with sessions() as session:
                await session.execute(metadata.tables["console_users"].select().limit(1))
        except Exception as error:  # the class only
            return JSONResponse(
                {"status": "not-ready", "checks": {"database": False}, "error": type(error).__name__}, 503
            )
        return JSONResponse({"status": "ready", "checks": {"database": True}})

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "login.html", failed=False)
        form = await request.form()
        async with sessions() as session:
            user = await authenticated(session, str(form.get("name", "")), str(form.get("password", "")))
        if user is None:
            return page(request, "login.html", failed=True)
        log_in(request, user)
        return RedirectResponse("/", status_code=303)

    async def logout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    @requires()
    async def home(request: Request) -> Response:
        return page(request, "pipeline.html", instances=await pipeline_state(addresses()))

    @requires()
    async def letters(request: Request) -> Response:
        found = {service: await dead_letters(access(OPERATOR), service, namespace) for service in services}
        return page(request, "dead_letters.html", groups={s: grouped(found[s]) for s in services})

    @requires(Role.ADMIN)
    async def redrive_letters(request: Request) -> Response:
        if request.method == "GET":
            service, reason = request.query_params.get("service"), request.query_params.get("reason")
            if service not in services or not reason:
                return PlainTextResponse("choose a service and a reason", status_code=400)
            waiting = [
                d
                for d in await dead_letters(access(OPERATOR), service, namespace)
                if d.event.data["reason_code"] == reason
            ]
            return page(request, "redrive_confirm.html", service=service, reason=reason, count=len(waiting))
        form = await request.form()
        service, reason, why = str(form.get("service")), str(form.get("reason")), str(form.get("justification", ""))
        if not csrf_valid(request, form.get("csrf")):
            return PlainTextResponse("this form has expired: open it again", status_code=403)
        if service not in services or not reason:
            return PlainTextResponse("choose a service and a reason", status_code=400)
        if not why.strip():
            return page(request, "redrive_confirm.html", service=service, reason=reason, count=None, missing_why=True)
        target = f"{service} dead letters with reason {reason}"
        # Recorded before it happens: a re-drive whose outcome is unknown is still on the record.
        async with sessions.begin() as session:
            await audit.record(session, request.state.user, "redrive", target, why.strip(), "requested")
        result = await redrive(access(ADMIN), service, namespace, lambda d: d.event.data["reason_code"] == reason)
        outcome = f"re-driven {result.redriven}, originals gone {result.missing}"
        async with sessions.begin() as session:
            await audit.record(session, request.state.user, "redrive", target, why.strip(), outcome)
        return page(request, "redrive_done.html", service=service, reason=reason, result=result)

    @requires()
    async def case(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "case_open.html", case_id=request.query_params.get("case_id", ""), problem=None)
        form = await request.form()
        if not csrf_valid(request, form.get("csrf")):
            return PlainTextResponse("this form has expired: open it again", status_code=403)
        why = str(form.get("justification", "")).strip()
        try:
            case_id = UUID(str(form.get("case_id", "")).strip())
        except ValueError:
            return page(request, "case_open.html", case_id="", problem="a case id is a UUID")
        if not why:
            return page(request, "case_open.html", case_id=str(case_id), problem="say why you open this case")
        async with sessions.begin() as session:
            await audit.record(session, request.state.user, "case_viewed", str(case_id), why, "shown")
        story = await case_story(access(OPERATOR), namespace, case_id, compliance())
        return page(request, "case.html", story=story, describe=describe)

    @requires()
    async def casework_page(request: Request) -> Response:
        address, problem, awaiting = compliance(), None, None
        if address is None:
            problem = "no compliance address known"
        else:
            try:
                awaiting = await asyncio.to_thread(casework, address)
            except ExplanationsUnavailable as unavailable:
                problem = str(unavailable)
        return page(request, "casework.html", awaiting=awaiting, problem=problem)

    @requires(Role.ADMIN)
    async def audit_page(request: Request) -> Response:
        async with sessions() as session:
            entries = await audit.latest(session)
        return page(request, "audit.html", entries=entries)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        yield
        await engine.dispose()

    return Starlette(
        routes=[
            Route("/health/live", lambda request: JSONResponse({"status": "alive"})),
            Route("/health/ready", ready),
            Route("/login", login, methods=["GET", "POST"]),
            Route("/logout", logout, methods=["POST"]),
            Route("/", home),
            Route("/dead-letters", letters),
            Route("/dead-letters/redrive", redrive_letters, methods=["GET", "POST"]),
            Route("/cases", case, methods=["GET", "POST"]),
            Route("/casework", casework_page),
            Route("/audit", audit_page),
            Mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static"),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                SessionMiddleware,
                secret_key=settings.session_secret.get_secret_value(),
                session_cookie="ddp_console",
                max_age=int(timedelta(hours=settings.session_hours).total_seconds()),
                same_site="strict",
                https_only=settings.secure_cookie,
            ),
        ],
        lifespan=lifespan,
    )
