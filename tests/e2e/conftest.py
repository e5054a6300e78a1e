"""One platform for the end-to-end layer (services as processes, the console beside them), and the demo
run once against it. The module that stops the services (test_skeleton_flow) is collected last."""

import asyncio
from pathlib import Path

import pytest

from ddp_testkit.demo import run_demo
from ddp_testkit.local_platform import LocalPlatform
from tests.support import require_docker, unique_name


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory):
    require_docker()
    log_dir: Path = tmp_path_factory.mktemp("service-logs")
    credentials: Path = tmp_path_factory.mktemp("credentials")
    state: Path = tmp_path_factory.mktemp("state")
    local = LocalPlatform(
        log_dir, purpose="test", namespace=unique_name("e2e"), credentials=credentials, state=state, with_console=True
    )
    with local:
        yield local


@pytest.fixture(scope="session")
def demo(platform):
    """The demo, run once against the platform: its result and every line it printed."""
    lines: list[str] = []
    result = asyncio.run(run_demo(platform.kafka.endpoint, platform.namespace, emit=lines.append))
    return result, lines
