"""Console users: a name, a role, and a scrypt hash of the password (never the password itself)."""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_console.tables import users

_N, _R, _P = 2**14, 8, 1


class Role(StrEnum):
    OPERATOR = "operator"  # sees everything the console shows, changes nothing
    ADMIN = "admin"  # may also re-drive dead letters and read the audit record


@dataclass(frozen=True)
class User:
    name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def password_matches(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        found = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found, _unb64(digest))


async def save_user(session: AsyncSession, name: str, role: Role, password: str) -> None:
    """Create the user, or give an existing one this role and password."""
    row = {"name": name, "role": role.value, "password_hash": hash_password(password)}
    statement = insert(users).values(row)
    await session.execute(statement.on_conflict_do_update(index_elements=["name"], set_=row))


async def authenticated(session: AsyncSession, name: str, password: str) -> User | None:
    found = (await session.execute(select(users).where(users.c.name == name))).first()
    if found is None:
        # The same work either way: a wrong name takes as long as a wrong password.
        password_matches(password, hash_password("not a user"))
        return None
    return User(found.name, Role(found.role)) if password_matches(password, found.password_hash) else None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode())
