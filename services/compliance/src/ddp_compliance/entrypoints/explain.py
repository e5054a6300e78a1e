"""Why an escalation happened: ``python -m ddp_compliance.entrypoints.explain <escalation-id>``.

Prints the rule that fired, the policy version it fired under, and the evidence events
(ids, times, categories), plus the decision if one was recorded (never its rationale).
Reads ``DDP_COMPLIANCE_DATABASE_URL`` unless ``--database-url`` is given.
"""

import argparse
import asyncio
import os
import sys
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ddp_compliance.adapters.escalation_reading import escalation as find_escalation
from ddp_compliance.domain.escalation import Escalation


def explanation(escalation: Escalation) -> str:
    """The escalation as plain lines: what, under which rule and policy, because of which events."""
    lines = [
        f"escalation     {escalation.escalation_id}",
        f"case           {escalation.case_id} ({escalation.mandate_type})",
        f"step           {escalation.step.value}",
        f"rule           {escalation.rule}",
        f"policy version {escalation.policy_version}",
        f"window start   {escalation.window_start.isoformat()}",
        f"raised at      {escalation.raised_at.isoformat()}",
        f"referred to    {', '.join(escalation.referred_to)}",
    ]
    if escalation.decision_due_by is not None:
        lines.append(f"decision due   {escalation.decision_due_by.isoformat()}")
    if escalation.decision is not None:
        d = escalation.decision
        lines.append(f"decision       {d.decision} by {d.decided_by} ({d.deciding_role}) at {d.decided_at.isoformat()}")
    lines.append(f"evidence       {len(escalation.evidence)} event(s)")
    for i in escalation.evidence:
        lines.append(f"  {i.occurred_at.isoformat()}  {i.category.value:<24} {i.event_type:<32} {i.event_id}")
    return "\n".join(lines)


async def explain(escalation_id: UUID, database_url: str) -> str | None:
    """The explanation of ``escalation_id`` read from the compliance database, or None if there is none."""
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection, AsyncSession(bind=connection) as session:
            escalation = await find_escalation(session, escalation_id)
    finally:
        await engine.dispose()
    return explanation(escalation) if escalation else None


def main(argv: list[str] | None = None) -> int:
    """The command: print the explanation, or exit 1 when the escalation is unknown."""
    parser = argparse.ArgumentParser(prog="python -m ddp_compliance.entrypoints.explain", description=__doc__)
    parser.add_argument("escalation_id", type=UUID)
    parser.add_argument("--database-url", default=os.environ.get("DDP_COMPLIANCE_DATABASE_URL"))
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url or set DDP_COMPLIANCE_DATABASE_URL")
    text = asyncio.run(explain(args.escalation_id, args.database_url))
    if text is None:
        print(f"no escalation {args.escalation_id}", file=sys.stderr)
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
