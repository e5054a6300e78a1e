"""Service settings every service shares."""

from ddp_messaging.settings import ServiceSettings


def test_several_bootstrap_servers_become_a_list_of_brokers() -> None:
    settings = ServiceSettings(
        database_url="postgresql+asyncpg://x/y", kafka_bootstrap_servers="127.0.0.1:9092, 127.0.0.1:9093,"
    )
    assert settings.kafka_brokers == ["127.0.0.1:9092", "127.0.0.1:9093"]


def test_one_bootstrap_server_is_a_list_of_one() -> None:
    assert ServiceSettings(database_url="postgresql+asyncpg://x/y").kafka_brokers == ["127.0.0.1:9092"]
