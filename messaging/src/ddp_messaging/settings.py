"""Configuration every service shares; each service subclasses it with its own env prefix."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Read from environment variables ``DDP_<SERVICE>_<FIELD>`` (see each service's settings)."""

    model_config = SettingsConfigDict(extra="ignore")

    kafka_bootstrap_servers: str = Field(default="127.0.0.1:9092", description="host:port[,host:port...]")
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

    @property
    def kafka_brokers(self) -> list[str]:
        """The bootstrap servers as a list (a comma-separated string is one host to some clients)."""
        return [server.strip() for server in self.kafka_bootstrap_servers.split(",") if server.strip()]
