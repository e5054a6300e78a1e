"""What a service's event handler receives, and how it refuses an event."""

import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.emitter import Emitter
from ddp_messaging.records import InboundRecord
from ddp_messaging.rejections import Rejections, reason
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Reason


@dataclass(frozen=True)
class Delivery:
    """One event to handle: its envelope, its data (upcast to the latest version), where it came from.

    ``origin`` is the principal that owns the topic the record was read from, never a
    field the sender filled in.
    """

    envelope: CloudEvent
    event: Event
    origin: str
    record: InboundRecord
    session: AsyncSession
    emitter: Emitter
    rejections: Rejections

    async def tell_sender(self, reasons: Sequence[Reason], *, agency_reference: str | None = None) -> None:
        """Tell the sending agency it was refused, while keeping this delivery's effects."""
        await self.rejections.tell_sender(
            self.session, self.record, reasons, event_id=self.envelope.id, agency_reference=agency_reference
        )


# Reads ahead, in one go, what a batch's handlers will each ask for (the cases its events name),
# into the transaction's scope (``staging.transaction_scoped``). It only reads: a handler that
# finds nothing read ahead reads for itself.
ReadAhead = Callable[[AsyncSession, Sequence[Event]], Awaitable[None]]


class CodedRefusal(Protocol):
    """What every service's domain refusal carries: a reason code and, when one field is at fault, its name."""

    code: str
    field: str | None


class Refused(Exception):
    """Raised by a handler that will not act on an event the sender may correct and resend.

    Whatever the handler wrote is rolled back; the sender's outbound topic gets a rejection
    with these reasons. Not a dead letter: nothing is wrong with the record itself.
    """

    def __init__(self, reasons: Sequence[Reason]) -> None:
        super().__init__(", ".join(r.code for r in reasons))
        self.reasons = list(reasons)


Handler = Callable[[Delivery], Awaitable[None]]


Translate = Callable[..., Any]
"""Wire event and its origin (the owner of the topic it came from) to a command of the service's domain.

A translation that names what only the envelope says (the event's id, when it was published)
declares a keyword-only ``envelope`` parameter and is given the delivery's ``CloudEvent``.
"""

UseCase = Callable[[Any, Any], Awaitable[None]]
"""A use case: (command, unit of work); it commits the unit of work when it has changed something."""


def use_case_handlers(
    routes: Mapping[type[Event], tuple[Translate, UseCase]],
    unit_of_work: Callable[[Delivery], Any],
    refusal: type[Exception],
    dependencies: Mapping[str, Any] | None = None,
) -> dict[str, Handler]:
    """One handler per wire type: translate at the edge, run the use case on a unit of work for the delivery.

    ``refusal`` is the service's domain refusal (a ``CodedRefusal``); raised by a use case it becomes
    ``Refused``: the savepoint rolls back whatever the use case wrote, and the sender is told why.
    Each use case is given the ``dependencies`` (clock, policy, rules...) it declares as keyword-only
    parameters; one it declares and is not given fails here, at start-up, not on the first record.
    """
    given = dict(dependencies or {})

    def handler_for(translate: Translate, use_case: UseCase) -> Handler:
        wants_envelope = "envelope" in _keyword_only(translate)

        async def handle(delivery: Delivery) -> None:
            if wants_envelope:
                command = translate(delivery.event, delivery.origin, envelope=delivery.envelope)
            else:
                command = translate(delivery.event, delivery.origin)
            try:
                await use_case(command, unit_of_work(delivery))
            except refusal as refused:
                coded: CodedRefusal = refused  # type: ignore[assignment]
                raise Refused([reason(coded.code, coded.field)]) from None

        # Logs and tracebacks name the use case, not a generic wrapper.
        handle.__name__ = getattr(use_case, "func", use_case).__name__
        return handle

    return {
        wire.event_type: handler_for(translate, with_dependencies(use_case, given))
        for wire, (translate, use_case) in routes.items()
    }


def with_dependencies(use_case: UseCase, dependencies: Mapping[str, Any]) -> UseCase:
    """``use_case`` with the keyword-only parameters it declares bound from ``dependencies``."""
    declared = _keyword_only(use_case)
    if missing := [name for name in declared if name not in dependencies]:
        raise TypeError(f"{use_case.__name__} needs {missing}, which the service does not provide")
    return partial(use_case, **{name: dependencies[name] for name in declared}) if declared else use_case


def _keyword_only(function: Callable[..., Any]) -> list[str]:
    """The keyword-only parameters without a default that ``function`` declares."""
    return [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect.Parameter.empty
    ]
