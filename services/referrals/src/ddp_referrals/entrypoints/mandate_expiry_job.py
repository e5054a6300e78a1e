"""The scheduled mandate check, run inside the service for its lifetime (no cron outside it)."""

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from ddp_messaging.runtime import ServiceRuntime
from ddp_referrals.adapters.case_registry import SqlCaseRegistry
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.outbound_translation import publications
from ddp_referrals.service_layer.mandate_expiry import close_cases_past_their_mandate

log = logging.getLogger(__name__)

BATCH = 500


def mandate_expiry_job(
    interval_seconds: float, clock: Callable[[], datetime], cipher: FieldCipher
) -> Callable[[ServiceRuntime], Coroutine[Any, Any, None]]:
    async def check_mandate_expiry(runtime: ServiceRuntime) -> None:
        while True:
            try:
                while await close_expired_cases_once(runtime, clock(), cipher) == BATCH:
                    pass
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the next pass retries; the class only, never data
                log.warning("referrals: mandate check failed with %s; retrying later", type(error).__name__)
            await asyncio.sleep(interval_seconds)

    return check_mandate_expiry


async def close_expired_cases_once(runtime: ServiceRuntime, now: datetime, cipher: FieldCipher) -> int:
    """One pass: close up to BATCH cases past their mandate, with their events, in one transaction."""
    async with runtime.sessions.begin() as session:
        closed = await close_cases_past_their_mandate(SqlCaseRegistry(session, cipher), now.date(), now, BATCH)
        for event in closed:
            for p in publications(event, runtime.registry):
                await runtime.outbox.add(session, topic=p.topic, key=p.key, event=p.event, subject=p.subject)
    if closed:
        runtime.relay.wake()
        log.info("referrals: closed %d case(s) whose mandate ended", len(closed))
    return len(closed)
