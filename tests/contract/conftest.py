"""Fixtures for the contract tests: the repository they check and its topic registry."""

from pathlib import Path

import pytest

from ddp_schemas.topics import TopicRegistry, load_topic_registry

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def registry() -> TopicRegistry:
    return load_topic_registry()
