"""The record of every case timeline viewed and every re-drive: who, when, what, why, with what outcome."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_console.tables import audit_log
from ddp_console.users import User

MAX_JUSTIFICATION = 2000


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    role: str
    action: str
    target: str
    justification: str
    outcome: str


async def record(session: AsyncSession, user: User, action: str, target: str, justification: str, outcome: str) -> None:
    await session.execute(
        audit_log.insert().values(
            actor=user.name,
            role=user.role.value,
            action=action,
            target=target,
            justification=justification[:MAX_JUSTIFICATION],
            outcome=outcome,
        )
    )


async def latest(session: AsyncSession, limit: int = 500) -> list[AuditEntry]:
    rows = await session.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit))
    return [AuditEntry(r.at, r.actor, r.role, r.action, r.target, r.justification, r.outcome) for r in rows]
