"""Instances and policies for compliance unit tests."""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from ddp_compliance.domain.evaluation import Situation, qualifying_situations
from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.policy import Policy, default_policy
from ddp_compliance.domain.vocabulary import InstanceCategory

START = date(2026, 1, 1)
CASE = UUID("5556a506-577e-4f21-8bfd-bdc60ed8eb92")


def at(day: int, hour: int = 10) -> datetime:
    """``day`` days after the mandate start (day 0 is the start date)."""
    return datetime(START.year, START.month, START.day, hour, tzinfo=UTC) + timedelta(days=day)


def absence(day: int, hour: int = 10) -> Instance:
    return Instance(at(day, hour), uuid4(), "ddp.session.missed", InstanceCategory.UNACCEPTABLE_ABSENCE)


def concern(day: int) -> Instance:
    return Instance(at(day), uuid4(), "ddp.engagement.concern_raised", InstanceCategory.ENGAGEMENT_CONCERN)


def situations(
    instances: list[Instance], mandate: str = "LICENCE", escalation_possible: bool = True, policy: Policy | None = None
) -> list[Situation]:
    return qualifying_situations(policy or default_policy(), CASE, mandate, START, escalation_possible, instances)


def fired(instances: list[Instance], **kwargs: object) -> set[tuple[str, str, date]]:
    """(rule, step, window start) of every qualifying situation."""
    return {(s.rule, s.step.value, s.window_start) for s in situations(instances, **kwargs)}  # type: ignore[arg-type]
