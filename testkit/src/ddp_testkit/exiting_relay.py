"""An outbox relay that crashes, on purpose, between publishing a batch and marking it published.

The fault battery runs the services with it to prove that a crash at the worst moment publishes
the rows again after the restart (consumers drop the copies by event id) and never loses one.
"""

import logging
import os
import random

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.relay import OutboxRelay

log = logging.getLogger(__name__)

EXIT_STATUS = 70  # EX_SOFTWARE: what the supervisor sees, and restarts


class RelayExitingAfterPublishing(OutboxRelay):
    """``OutboxRelay`` with a probability ``exit_rate`` of ``os._exit`` per published batch."""

    exit_rate: float = 0.0
    _chance: random.Random

    @classmethod
    def replacing(cls, relay: OutboxRelay, exit_rate: float) -> "RelayExitingAfterPublishing":
        """The same relay (tables, sessions, producer, lock, batch size, backoff, namespace), made to crash.

        Built from the runtime's own relay, so it is configured exactly as the service configured
        it, whatever the runtime passes to a relay. Call before the runtime starts.
        """
        exiting = cls.__new__(cls)
        vars(exiting).update(vars(relay))
        exiting.exit_rate = exit_rate
        exiting._chance = random.Random()
        return exiting

    async def _mark_published(self, session: AsyncSession, ids: list[int]) -> None:
        if self._chance.random() < self.exit_rate:
            # No cleanup, no commit: the rows are on Kafka and still unmarked in the outbox.
            log.warning("injected fault: the relay exits after publishing %d rows", len(ids))
            os._exit(EXIT_STATUS)
        await super()._mark_published(session, ids)
