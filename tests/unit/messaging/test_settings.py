"""Service settings every service shares: Kafka is mutual TLS unless plaintext is asked for."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from ddp_messaging.settings import ServiceSettings

DATABASE = "postgresql+asyncpg://x/y"
TLS = {"kafka_ca_file": Path("ca.crt"), "kafka_cert_file": Path("client.crt"), "kafka_key_file": Path("client.key")}


def test_several_bootstrap_servers_become_a_list_of_brokers() -> None:
    settings = ServiceSettings(database_url=DATABASE, kafka_bootstrap_servers="127.0.0.1:9092, 127.0.0.1:9093,", **TLS)
    assert settings.kafka_access("referrals").brokers == ["127.0.0.1:9092", "127.0.0.1:9093"]


def test_kafka_without_certificates_is_refused_and_the_message_says_what_to_set() -> None:
    with pytest.raises(ValidationError) as refused:
        ServiceSettings(database_url=DATABASE)
    assert "KAFKA_CA_FILE, KAFKA_CERT_FILE and KAFKA_KEY_FILE" in str(refused.value)


def test_the_service_connects_as_its_own_principal_over_tls() -> None:
    access = ServiceSettings(database_url=DATABASE, **TLS).kafka_access("compliance")
    assert access.principal == "compliance" and access.secured
    assert access.identity is not None and access.identity.cert_file == Path("client.crt")


def test_plaintext_only_when_asked_for() -> None:
    access = ServiceSettings(database_url=DATABASE, kafka_plaintext=True).kafka_access("referrals")
    assert not access.secured and access.aiokafka()["security_protocol"] == "PLAINTEXT"


def test_the_key_password_is_never_shown() -> None:
    settings = ServiceSettings(database_url=DATABASE, kafka_key_password="s3cret-pass", **TLS)
    assert "s3cret-pass" not in repr(settings) and "s3cret-pass" not in repr(settings.kafka_access("referrals"))
