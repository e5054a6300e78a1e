"""The console's configuration, from ``DDP_CONSOLE_*`` environment variables."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConsoleSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DDP_CONSOLE_", extra="ignore")

    database_url: str = Field(description="SQLAlchemy async URL of the console's own database (users, audit)")
    session_secret: SecretStr = Field(min_length=32, description="signs the session cookie")
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    credentials_dir: Path = Field(
        default=Path(".ddp/credentials"), description="the operator's bundle (reading) and the admin's (re-drive)"
    )
    topic_namespace: str = ""
    services_file: Path = Field(default=Path(".ddp/services.json"), description="the services' addresses")
    secure_cookie: bool = Field(default=True, description="send the session cookie over HTTPS only")
    session_hours: int = Field(default=8, ge=1, le=24)
