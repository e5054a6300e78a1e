"""Keeps the local platform's service instances running until asked to stop.

An instance that exits is reported (with its exit code and log) and started again, after a delay
that grows while it keeps dying, so a service that cannot start does not spin the machine.
"""

import threading
import time
from collections.abc import Callable

from ddp_testkit.service_processes import ServiceProcesses

_FIRST_DELAY_SECONDS = 1.0
_LONGEST_DELAY_SECONDS = 30.0
_STEADY_SECONDS = 60.0  # running this long since the last restart resets the delay


def supervise(
    groups: list[ServiceProcesses],
    stop: threading.Event,
    say: Callable[[str], None] = print,
    poll_seconds: float = 0.5,
) -> dict[str, int]:
    """Until ``stop`` is set: restart each instance that exits. Returns restarts per instance."""
    instances = [(services, endpoint) for services in groups for endpoint in services.endpoints]
    restarts = {e.name: 0 for _, e in instances}
    delay = {e.name: _FIRST_DELAY_SECONDS for _, e in instances}
    restarted_at = {e.name: time.monotonic() for _, e in instances}
    due: dict[str, float] = {}
    while not stop.wait(poll_seconds):
        now = time.monotonic()
        for services, endpoint in instances:
            name = endpoint.name
            code = services.exited(name)
            if code is None:
                if now - restarted_at[name] > _STEADY_SECONDS:
                    delay[name] = _FIRST_DELAY_SECONDS
                continue
            if name not in due:
                log = services.log_path(name)
                say(f"supervisor: {name} exited with code {code}; restarting in {delay[name]:.0f}s (log: {log})")
                due[name] = now + delay[name]
            if now >= due[name]:
                del due[name]
                services.restart(name)
                restarts[name] += 1
                restarted_at[name] = now
                delay[name] = min(delay[name] * 2, _LONGEST_DELAY_SECONDS)
                say(f"supervisor: {name} restarted (restart {restarts[name]})")
    return restarts
