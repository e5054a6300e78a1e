"""What every service's read interface needs: JSON answers and ids taken from the query string."""

import json
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

from faststream.asgi import AsgiResponse
from faststream.asgi.types import Scope


def json_response(status: int, body: Any) -> AsgiResponse:
    return AsgiResponse(json.dumps(body).encode(), status, headers={"content-type": "application/json"})


def uuid_parameter(scope: Scope, name: str) -> UUID | None:
    """The query parameter ``name`` when it is given exactly once and is a UUID, else None."""
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(name, [])
    if len(values) != 1:
        return None
    try:
        return UUID(values[0])
    except ValueError:
        return None
