"""Who is asking: the signed session, the role a view needs, and a token that forms must carry."""

import hmac
import secrets
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ddp_console.users import Role, User

View = Callable[[Request], Awaitable[Response]]


def current_user(request: Request) -> User | None:
    name, role = request.session.get("user"), request.session.get("role")
    return User(name, Role(role)) if name and role in {r.value for r in Role} else None


def log_in(request: Request, user: User) -> None:
    request.session.clear()  # a new session at each login: nothing from before it carries over
    request.session.update({"user": user.name, "role": user.role.value, "csrf": secrets.token_urlsafe(32)})


def csrf_token(request: Request) -> str:
    return str(request.session.get("csrf", ""))


def csrf_valid(request: Request, given: object) -> bool:
    expected = csrf_token(request)
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected, given)


def requires(role: Role | None = None) -> Callable[[View], View]:
    """Login for every view; ``Role.ADMIN`` for those that change the platform or read the audit record."""

    def wrap(view: View) -> View:
        async def guarded(request: Request) -> Response:
            user = current_user(request)
            if user is None:
                return RedirectResponse("/login", status_code=303)
            if role is Role.ADMIN and not user.is_admin:
                return PlainTextResponse("admin only", status_code=403)
            request.state.user = user
            return await view(request)

        return guarded

    return wrap
