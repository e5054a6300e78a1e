"""Referrals configuration: environment variables prefixed ``DDP_REFERRALS_``."""

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from ddp_messaging.settings import ServiceSettings


class KeySettings(BaseSettings):
    """The keys protecting personal data; readable on their own (migrations and key rotation need them)."""

    model_config = SettingsConfigDict(env_prefix="DDP_REFERRALS_", extra="ignore")

    encryption_keys: SecretStr = Field(
        default=SecretStr(""),
        description="Comma-separated Fernet keys: the first encrypts, all decrypt (rotation). Empty: development key.",
    )
    identifier_hash_key: SecretStr = Field(
        default=SecretStr(""),
        description="Key of the HMAC under which identifiers are looked up. Empty: development key.",
    )


class ReferralsSettings(ServiceSettings, KeySettings):
    model_config = SettingsConfigDict(env_prefix="DDP_REFERRALS_", extra="ignore")

    http_port: int = 8081
    mandate_check_interval_seconds: float = Field(default=3600.0, gt=0)
