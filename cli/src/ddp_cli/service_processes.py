"""The three services as child processes, each started with ``faststream run`` as an operator would."""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

SERVICES = ("referrals", "interventions", "compliance")


@dataclass(frozen=True)
class ServiceEndpoint:
    name: str
    port: int

    @property
    def readiness_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/health/ready"


class ServiceProcesses:
    """Starts, health-checks and stops the services; logs go to ``log_dir/<service>.log``."""

    def __init__(self, environment: dict[str, str], ports: dict[str, int], log_dir: Path) -> None:
        self._environment = environment
        self.endpoints = [ServiceEndpoint(name, ports[name]) for name in SERVICES]
        self._log_dir = log_dir
        self._processes: dict[str, subprocess.Popen[bytes]] = {}

    def log_path(self, service: str) -> Path:
        return self._log_dir / f"{service}.log"

    def start(self) -> None:
        self._log_dir.mkdir(parents=True, exist_ok=True)
        for endpoint in self.endpoints:
            log = open(self.log_path(endpoint.name), "ab")  # noqa: SIM115 (closed with the process)
            self._processes[endpoint.name] = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "faststream",
                    "run",
                    f"ddp_{endpoint.name}.entrypoints.app:app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(endpoint.port),
                ],
                env={**os.environ, **self._environment},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def wait_until_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        pending = {e.name: e for e in self.endpoints}
        while pending:
            for name, endpoint in list(pending.items()):
                if self._processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited; see {self.log_path(name)}")
                try:
                    if httpx.get(endpoint.readiness_url, timeout=2).status_code == 200:
                        del pending[name]
                except httpx.HTTPError:
                    pass
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout}s: {sorted(pending)}")
            time.sleep(0.3)

    def stop(self, timeout: float = 30.0) -> dict[str, int | None]:
        """SIGTERM each service (it drains and commits), then wait; returns exit codes."""
        for process in self._processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        codes: dict[str, int | None] = {}
        for name, process in self._processes.items():
            try:
                codes[name] = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                codes[name] = process.wait()
        return codes
