"""The services as child processes, each started with ``faststream run`` as an operator would.

One instance per service by default; more instances of a service share its consumer group
and database (Kafka spreads the partitions between them). Each runs the service's own
entrypoint, unless given another app (the fault battery's services with injected faults).
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx


def service_entrypoint(service: str) -> str:
    """What ``faststream run`` serves for ``service`` in production."""
    return f"ddp_{service}.entrypoints.app:app"


def faststream_command(app: str, port: int) -> list[str]:
    return [sys.executable, "-m", "faststream", "run", app, "--host", "127.0.0.1", "--port", str(port)]


@dataclass(frozen=True)
class ServiceEndpoint:
    name: str  # the instance: "referrals", or "referrals-2" for a second one
    service: str
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def readiness_url(self) -> str:
        return f"{self.url}/health/ready"


class ServiceProcesses:
    """Starts, health-checks, signals, restarts and stops instances; logs go to ``log_dir/<instance>.log``."""

    def __init__(
        self,
        environment: dict[str, str],
        endpoints: list[ServiceEndpoint],
        log_dir: Path,
        app: Callable[[str], str] = service_entrypoint,
        command: Callable[[str, int], list[str]] = faststream_command,
    ) -> None:
        self._environment = environment
        self._app = app
        self._command = command
        self.endpoints = endpoints
        self._by_name = {e.name: e for e in endpoints}
        self._log_dir = log_dir
        self._processes: dict[str, subprocess.Popen[bytes]] = {}

    def log_path(self, instance: str) -> Path:
        return self._log_dir / f"{instance}.log"

    def start(self) -> None:
        self._log_dir.mkdir(parents=True, exist_ok=True)
        for endpoint in self.endpoints:
            self._spawn(endpoint)

    def _spawn(self, endpoint: ServiceEndpoint) -> None:
        log = open(self.log_path(endpoint.name), "ab")  # noqa: SIM115 (the child holds it)
        self._processes[endpoint.name] = subprocess.Popen(
            self._command(self._app(endpoint.service), endpoint.port),
            env={**os.environ, **self._environment},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # A session of its own: a terminal's Ctrl-C reaches whoever started it, who stops the
            # instances in order (SIGTERM, drain, commit), not every process at once.
            start_new_session=True,
        )
        log.close()

    def wait_until_ready(
        self, timeout: float = 90.0, instances: list[str] | None = None, restarted_by_supervisor: bool = False
    ) -> None:
        """Until each instance answers ready. An exit fails at once, unless a supervisor restarts instances."""
        deadline = time.monotonic() + timeout
        pending = {name: self._by_name[name] for name in (instances or self._by_name)}
        while pending:
            for name, endpoint in list(pending.items()):
                if self._processes[name].poll() is not None:
                    if restarted_by_supervisor:
                        continue
                    raise RuntimeError(f"{name} exited; see {self.log_path(name)}")
                try:
                    if httpx.get(endpoint.readiness_url, timeout=2).status_code == 200:
                        del pending[name]
                except httpx.HTTPError:
                    pass
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout}s: {sorted(pending)}")
            time.sleep(0.3)

    def send(self, instance: str, sig: signal.Signals) -> None:
        """Deliver ``sig`` (SIGKILL, SIGTERM, SIGSTOP, SIGCONT, ...) to one instance."""
        process = self._processes[instance]
        if process.poll() is None:
            process.send_signal(sig)

    def exited(self, instance: str) -> int | None:
        return self._processes[instance].poll()

    def pid(self, instance: str) -> int:
        """The current process of an instance (a new one after each restart)."""
        return self._processes[instance].pid

    def restart(self, instance: str, timeout: float = 30.0) -> None:
        """Start an instance again once its process has exited (wait for it if it is stopping)."""
        self._processes[instance].wait(timeout=timeout)
        self._spawn(self._by_name[instance])

    def stop(self, timeout: float = 30.0) -> dict[str, int | None]:
        """SIGTERM each instance (it drains and commits), then wait; returns exit codes."""
        for process in self._processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.send_signal(signal.SIGTERM)
        codes: dict[str, int | None] = {}
        for name, process in self._processes.items():
            try:
                codes[name] = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                codes[name] = process.wait()
        return codes
