"""The scheduled check: cases whose mandate has passed its end date close by themselves."""

from ddp_messaging.clock import Clock
from ddp_referrals.service_layer.ports import UnitOfWork


async def close_cases_past_their_mandate(uow: UnitOfWork, *, clock: Clock, limit: int) -> int:
    """Close up to ``limit`` such cases (actor ``platform``, reason MANDATE_ENDED); how many closed.

    A pass that closed ``limit`` cases may have left more behind: the job runs the next at once.
    """
    now = clock()
    closed = 0
    for case in await uow.cases.cases_past_mandate(now.date(), limit):
        if case.close_if_mandate_passed(now.date(), now):
            await uow.cases.save_case(case)
            closed += 1
    await uow.commit()
    return closed
