"""The scheduled compliance checks, run inside the service for its lifetime (no cron outside it)."""

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from ddp_compliance.domain.policy import Policy
from ddp_compliance.service_layer.publishing import OutboxPublisher
from ddp_compliance.service_layer.scheduled_checks import flag_overdue_referrals, flag_reviews
from ddp_messaging.runtime import ServiceRuntime

log = logging.getLogger(__name__)

BATCH = 500


def scheduled_checks_job(
    interval_seconds: float, clock: Callable[[], datetime], policy: Policy
) -> Callable[[ServiceRuntime], Coroutine[Any, Any, None]]:
    async def run_compliance_checks(runtime: ServiceRuntime) -> None:
        while True:
            try:
                await run_checks_once(runtime, clock(), policy)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the next pass retries; the class only, never data
                log.warning("compliance: scheduled checks failed with %s; retrying later", type(error).__name__)
            await asyncio.sleep(interval_seconds)

    return run_compliance_checks


async def run_checks_once(runtime: ServiceRuntime, now: datetime, policy: Policy) -> int:
    """One pass at ``now``: overdue decisions and review dates, their events in one transaction."""
    async with runtime.sessions.begin() as session:
        publisher = OutboxPublisher(runtime.outbox, session, runtime.registry)
        flagged = await flag_overdue_referrals(session, publisher, policy, now, BATCH)
        flagged += await flag_reviews(session, publisher, policy, now, BATCH)
    if publisher.published:
        runtime.relay.wake()
        log.info("compliance: scheduled checks flagged %d item(s)", flagged)
    return flagged
