"""Compliance configuration: environment variables prefixed ``DDP_COMPLIANCE_``."""

from pydantic_settings import SettingsConfigDict

from ddp_messaging.settings import ServiceSettings


class ComplianceSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DDP_COMPLIANCE_", extra="ignore")

    http_port: int = 8083
    # How often the overdue-decision and review checks run (the intervals they flag are policy).
    scheduled_check_interval_seconds: float = 60.0
