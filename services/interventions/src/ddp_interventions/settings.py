"""Interventions configuration: environment variables prefixed ``DDP_INTERVENTIONS_``."""

from pydantic_settings import SettingsConfigDict

from ddp_messaging.settings import ServiceSettings


class InterventionsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DDP_INTERVENTIONS_", extra="ignore")

    http_port: int = 8082
