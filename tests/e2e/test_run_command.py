"""The run command as someone starts it in the background: a service that dies is restarted, and
SIGTERM stops everything (services, containers) cleanly."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.support import require_docker

pytestmark = [pytest.mark.e2e, pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def wait_for(what: str, probe, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        assert time.monotonic() < deadline, f"{what} within {timeout}s"
        time.sleep(0.3)


def children(pid: int) -> dict[int, str]:
    """The direct children of ``pid`` and their command lines."""
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            found[int(child)] = cmdline
    return found


def ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health/ready", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.parametrize("stop_with", ["SIGTERM", "Ctrl-C"])
def test_a_killed_service_is_restarted_and_a_signal_stops_everything(tmp_path, stop_with):
    require_docker()
    run_id = f"up-{uuid.uuid4().hex[:8]}"
    environment = {**os.environ, "DDP_RUN_ID": run_id, "DDP_CREDENTIALS_DIR": str(tmp_path / "credentials")}
    output = tmp_path / "up.out"
    command = [sys.executable, "-m", "ddp_testkit.main", "up", "--no-demo"]
    command += ["--state-dir", str(tmp_path / "state"), "--log-dir", str(tmp_path / "logs")]
    with output.open("wb") as out:
        # A session of its own, as a terminal gives a command: Ctrl-C is SIGINT to its process group.
        # Started as a shell starts a background command, with SIGINT ignored: it must still stop.
        up = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )
    try:
        services_file = tmp_path / "state" / "services.json"
        wait_for("the services' addresses", services_file.exists)
        instances = json.loads(services_file.read_text())["instances"]
        wait_for("the where-to-look lines", lambda: "ddp health" in output.read_text())
        assert all(f"{i['url']}/metrics" in output.read_text() for i in instances)

        referrals = next(i for i in instances if i["service"] == "referrals")
        victim = next(pid for pid, cmd in children(up.pid).items() if "ddp_referrals" in cmd)
        os.kill(victim, signal.SIGKILL)
        wait_for("the restart", lambda: "supervisor: referrals restarted" in output.read_text())
        assert "supervisor: referrals exited with code -9" in output.read_text()
        successor = next(pid for pid, cmd in children(up.pid).items() if "ddp_referrals" in cmd)
        assert successor != victim
        wait_for("referrals ready again", lambda: ready(referrals["url"]))

        services = set(children(up.pid))
        if stop_with == "SIGTERM":
            up.send_signal(signal.SIGTERM)
        else:
            os.killpg(up.pid, signal.SIGINT)
        assert up.wait(timeout=90) == 0, output.read_text()[-2000:]
    finally:
        if up.poll() is None:  # it did not stop: take down what it started, so nothing outlives the test
            for pid in children(up.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            up.kill()
            _remove_containers(run_id)
    assert "stopping" in output.read_text()
    assert not [pid for pid in services if Path(f"/proc/{pid}").exists()], "every service process ended"
    assert _containers(run_id) == [], "every container removed"


def _containers(run_id: str) -> list[str]:
    found = subprocess.run(
        ["docker", "ps", "-aq", "--filter", f"label=org.ddp.platform.run-id={run_id}"], capture_output=True, text=True
    )
    return found.stdout.split()


def _remove_containers(run_id: str) -> None:
    # Its own run id, not CI's: the cleanup at the end of .ci/run would not find these.
    ids = _containers(run_id)
    if ids:
        subprocess.run(["docker", "rm", "-f", "-v", *ids], capture_output=True)
