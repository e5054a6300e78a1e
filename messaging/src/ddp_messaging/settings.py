"""Configuration every service shares; each service subclasses it with its own env prefix."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ddp_schemas.connection import KafkaAccess, TlsIdentity


class ServiceSettings(BaseSettings):
    """Read from environment variables ``DDP_<SERVICE>_<FIELD>`` (see each service's settings)."""

    model_config = SettingsConfigDict(extra="ignore")

    kafka_bootstrap_servers: str = Field(default="127.0.0.1:9092", description="host:port[,host:port...]")
    # Mutual TLS: the broker knows the service by its certificate's common name (its principal).
    kafka_ca_file: Path | None = Field(default=None, description="the platform CA's certificate (PEM)")
    kafka_cert_file: Path | None = Field(default=None, description="this service's certificate (PEM)")
    kafka_key_file: Path | None = Field(default=None, description="this service's private key (PEM, 0600)")
    kafka_key_password: SecretStr | None = None
    kafka_plaintext: bool = Field(default=False, description="unauthenticated Kafka: local debugging only")
    database_url: str = Field(description="SQLAlchemy async URL, e.g. postgresql+asyncpg://user:pw@host/db")
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    consumer_group: str | None = None
    topic_namespace: str = Field(
        default="", description="Prefix isolating this deployment's topics; empty in production"
    )
    batch_max_records: int = Field(default=200, ge=1)
    batch_timeout_ms: int = Field(default=200, ge=1)
    max_record_bytes: int = Field(default=256 * 1024, ge=1024)
    relay_batch_size: int = Field(default=500, ge=1)
    relay_idle_poll_seconds: float = Field(default=0.5, gt=0)
    retry_initial_seconds: float = Field(default=0.2, gt=0)
    retry_max_seconds: float = Field(default=10.0, gt=0)
    max_poll_interval_ms: int = Field(default=300_000, ge=1000, description="longer without polling: out of the group")
    session_timeout_ms: int = Field(default=10_000, ge=1000)
    migrate_on_start: bool = True
    otlp_traces_endpoint: str | None = Field(
        default=None, description="export traces over OTLP/HTTP, e.g. http://collector:4318/v1/traces; off when unset"
    )
    log_format: Literal["json", "text"] = Field(
        default="json", description="json: one JSON object per line, with event, correlation and case ids"
    )

    @model_validator(mode="after")
    def _secured_unless_asked_otherwise(self) -> "ServiceSettings":
        files = (self.kafka_ca_file, self.kafka_cert_file, self.kafka_key_file)
        if not self.kafka_plaintext and None in files:
            raise ValueError(
                "Kafka is mutual TLS: set KAFKA_CA_FILE, KAFKA_CERT_FILE and KAFKA_KEY_FILE "
                "(or KAFKA_PLAINTEXT=true for a local debugging broker)"
            )
        return self

    def kafka_access(self, principal: str) -> KafkaAccess:
        if self.kafka_plaintext:
            return KafkaAccess(self.kafka_bootstrap_servers, principal, None)
        assert self.kafka_ca_file and self.kafka_cert_file and self.kafka_key_file
        password = self.kafka_key_password.get_secret_value() if self.kafka_key_password else None
        identity = TlsIdentity(self.kafka_ca_file, self.kafka_cert_file, self.kafka_key_file, password)
        return KafkaAccess(self.kafka_bootstrap_servers, principal, identity)
