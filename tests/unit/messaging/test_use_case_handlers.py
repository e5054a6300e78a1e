"""use_case_handlers: translate at the edge, run the use case on a unit of work, refusals become Refused."""

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from ddp_messaging.handling import Refused, use_case_handlers
from ddp_schemas.events.inbound import ReferralWithdrawalSubmitted


class DomainRefusal(Exception):
    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code, self.field = code, field


@dataclass(frozen=True)
class Withdraw:
    agency_reference: str
    origin: str


def translate(event: ReferralWithdrawalSubmitted, origin: str) -> Withdraw:
    return Withdraw(event.agency_reference, origin)


def delivery(origin: str = "probation") -> Any:
    # The handler reads only the event and the origin; the unit of work factory gets the whole delivery.
    event = ReferralWithdrawalSubmitted(agency_reference="PRB-1", effective_on=date(2026, 12, 1))
    return SimpleNamespace(event=event, origin=origin)


async def test_the_use_case_gets_the_translated_command_and_a_unit_of_work_for_the_delivery() -> None:
    seen: list[tuple[Withdraw, object]] = []
    given = delivery("ct-policing")

    async def withdraw_referral(command: Withdraw, uow: object) -> None:
        seen.append((command, uow))

    handlers = use_case_handlers(
        {ReferralWithdrawalSubmitted: (translate, withdraw_referral)},
        unit_of_work=lambda d: ("unit of work for", d),
        refusal=DomainRefusal,
    )
    await handlers["ddp.referral.withdrawal_submitted"](given)
    assert seen == [(Withdraw("PRB-1", "ct-policing"), ("unit of work for", given))]
    assert handlers["ddp.referral.withdrawal_submitted"].__name__ == "withdraw_referral"


async def test_a_domain_refusal_becomes_refused_with_its_code_and_field() -> None:
    async def refuse(command: Withdraw, uow: object) -> None:
        raise DomainRefusal("REFERRAL_UNKNOWN", "agency_reference")

    handlers = use_case_handlers({ReferralWithdrawalSubmitted: (translate, refuse)}, lambda d: None, DomainRefusal)
    with pytest.raises(Refused) as refused:
        await handlers["ddp.referral.withdrawal_submitted"](delivery())
    [reason] = refused.value.reasons
    assert (reason.code, reason.field) == ("REFERRAL_UNKNOWN", "agency_reference")
    assert reason.message != "REFERRAL_UNKNOWN", "the platform's plain explanation, not the bare code"


async def test_any_other_failure_is_not_a_refusal() -> None:
    async def fail(command: Withdraw, uow: object) -> None:
        raise KeyError("a defect, to be dead-lettered by the runtime")

    handlers = use_case_handlers({ReferralWithdrawalSubmitted: (translate, fail)}, lambda d: None, DomainRefusal)
    with pytest.raises(KeyError):
        await handlers["ddp.referral.withdrawal_submitted"](delivery())


async def test_a_use_case_is_given_the_dependencies_it_declares_and_only_those() -> None:
    seen: list[object] = []

    async def withdraw_referral(command: Withdraw, uow: object, *, clock: object) -> None:
        seen.append(clock)

    handlers = use_case_handlers(
        {ReferralWithdrawalSubmitted: (translate, withdraw_referral)},
        lambda d: None,
        DomainRefusal,
        dependencies={"clock": "the clock", "policy": "not wanted"},
    )
    await handlers["ddp.referral.withdrawal_submitted"](delivery())
    assert seen == ["the clock"]


def test_a_dependency_the_service_does_not_provide_fails_at_start_up() -> None:
    async def withdraw_referral(command: Withdraw, uow: object, *, policy: object) -> None: ...

    with pytest.raises(TypeError, match="policy"):
        use_case_handlers({ReferralWithdrawalSubmitted: (translate, withdraw_referral)}, lambda d: None, DomainRefusal)


async def test_a_translation_that_declares_the_envelope_is_given_it() -> None:
    seen: list[object] = []

    def translate_with_id(event: ReferralWithdrawalSubmitted, origin: str, *, envelope: object) -> Withdraw:
        seen.append(envelope)
        return Withdraw(event.agency_reference, origin)

    async def withdraw_referral(command: Withdraw, uow: object) -> None: ...

    given = delivery()
    given.envelope = "the envelope"
    handlers = use_case_handlers(
        {ReferralWithdrawalSubmitted: (translate_with_id, withdraw_referral)}, lambda d: None, DomainRefusal
    )
    await handlers["ddp.referral.withdrawal_submitted"](given)
    assert seen == ["the envelope"]
