"""Every reason the interventions domain can give is a platform reason code, explained, and documented."""

import re
from importlib import resources
from pathlib import Path

import pytest

from ddp_schemas import reasons
from ddp_schemas.topics import load_topic_registry

DOMAIN = resources.files("ddp_interventions.domain")
CONTRACT = Path(__file__).resolve().parents[3] / "docs" / "provider-contract.md"


def codes_the_domain_raises() -> set[str]:
    found = set()
    for source in DOMAIN.iterdir():
        if source.name.endswith(".py"):
            found |= set(re.findall(r'Refusal\(\s*"([A-Z_]+)"', source.read_text()))
            found |= set(re.findall(r'"(CASE_[A-Z]+)" if', source.read_text()))
    return found


def test_the_domain_raises_the_codes_we_expect() -> None:
    assert {"NOT_ASSIGNED_PROVIDER", "CASE_SUSPENDED", "CASE_CLOSED", "OCCURRED_IN_FUTURE"} <= codes_the_domain_raises()


@pytest.mark.parametrize("code", sorted(codes_the_domain_raises()))
def test_each_code_is_explained_and_in_the_provider_contract(code) -> None:
    assert getattr(reasons, code) == code
    assert reasons.DESCRIPTIONS[code]
    assert f"`{code}`" in CONTRACT.read_text()


def test_every_message_providers_and_the_programme_team_send_is_in_the_contract() -> None:
    registry = load_topic_registry()
    text = CONTRACT.read_text()
    for agency in ("programme-team", "provider-northstar", "provider-meridian"):
        for carried in registry.topic(f"ddp.inbound.{agency}").events:
            assert f"`{carried.type}` v{max(carried.versions)}" in text
