"""The fault battery's crashing relay: the service's own relay, exiting between publishing and marking."""

import sys
import types
from unittest.mock import AsyncMock

import pytest
from sqlalchemy import MetaData

import ddp_testkit.service_with_faults as service_with_faults
from ddp_messaging.relay import OutboxRelay
from ddp_messaging.retries import Backoff
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_messaging.settings import ServiceSettings
from ddp_messaging.tables import MessagingTables
from ddp_schemas.namespace import TopicNamespace
from ddp_testkit.exiting_relay import EXIT_STATUS, RelayExitingAfterPublishing


class Exited(BaseException):
    pass


@pytest.fixture
def relay() -> OutboxRelay:
    return OutboxRelay(
        MessagingTables(MetaData()),
        sessions=AsyncMock(),
        producer_factory=AsyncMock(),
        lock_id=42,
        batch_size=7,
        idle_poll_seconds=0.1,
        backoff=Backoff(0.1, 1.0),
        namespace=TopicNamespace("t"),
    )


def test_the_replacement_keeps_the_relays_whole_configuration(relay: OutboxRelay) -> None:
    exiting = RelayExitingAfterPublishing.replacing(relay, exit_rate=0.25)
    assert exiting.exit_rate == 0.25
    assert {k: v for k, v in vars(exiting).items() if k in vars(relay)} == vars(relay)


async def test_it_exits_after_publishing_instead_of_marking(relay: OutboxRelay, monkeypatch) -> None:
    def exit_now(status: int) -> None:
        raise Exited(status)

    monkeypatch.setattr("ddp_testkit.exiting_relay.os._exit", exit_now)
    session = AsyncMock()
    with pytest.raises(Exited) as exited:
        await RelayExitingAfterPublishing.replacing(relay, exit_rate=1.0)._mark_published(session, [1, 2])
    assert exited.value.args == (EXIT_STATUS,)
    session.execute.assert_not_awaited()


async def test_without_a_rate_it_marks_like_the_relay_it_replaces(relay: OutboxRelay) -> None:
    session = AsyncMock()
    await RelayExitingAfterPublishing.replacing(relay, exit_rate=0.0)._mark_published(session, [1, 2])
    session.execute.assert_awaited_once()


def test_an_entrypoint_that_names_its_runtime_is_served_as_it_is_with_the_crashing_relay(monkeypatch) -> None:
    settings = ServiceSettings(
        database_url="postgresql+asyncpg://u:p@127.0.0.1:1/none", kafka_plaintext=True
    )  # never connects
    definition = ServiceDefinition(
        name="referrals", tables=MessagingTables(MetaData()), handlers={}, migrations_package="x"
    )
    runtime = ServiceRuntime(definition, settings)
    app = runtime.asgi_app(read_routes=[("/case-progress", object())])
    entrypoint = types.ModuleType("ddp_example.entrypoints.app")
    vars(entrypoint).update(runtime=runtime, app=app)
    monkeypatch.setitem(sys.modules, entrypoint.__name__, entrypoint)
    monkeypatch.setenv("DDP_FAULT_RELAY_EXIT_RATE", "0.5")

    assert service_with_faults.app_for("example") is app  # read routes and all
    assert isinstance(runtime.relay, RelayExitingAfterPublishing) and runtime.relay.exit_rate == 0.5


def test_only_the_registrys_services_can_be_served_with_faults() -> None:
    with pytest.raises(AttributeError):
        service_with_faults.billing  # noqa: B018
