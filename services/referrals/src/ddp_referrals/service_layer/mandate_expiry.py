"""The scheduled check: cases whose mandate has passed its end date close by themselves."""

from datetime import date, datetime

from ddp_referrals.domain.events import DomainEvent
from ddp_referrals.service_layer.ports import CaseRegistry


async def close_cases_past_their_mandate(
    registry: CaseRegistry, today: date, now: datetime, limit: int = 500
) -> list[DomainEvent]:
    """Close up to ``limit`` such cases (actor ``platform``, reason MANDATE_ENDED); their events."""
    closed: list[DomainEvent] = []
    for case in await registry.cases_past_mandate(today, limit):
        if case.close_if_mandate_passed(today, now):
            await registry.save_case(case)
            closed += case.events
    return closed
