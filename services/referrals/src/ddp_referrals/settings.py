"""Referrals configuration: environment variables prefixed ``DDP_REFERRALS_``."""

from pydantic_settings import SettingsConfigDict

from ddp_messaging.settings import ServiceSettings


class ReferralsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DDP_REFERRALS_", extra="ignore")

    http_port: int = 8081
