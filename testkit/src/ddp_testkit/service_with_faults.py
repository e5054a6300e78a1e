"""A service process with injected faults, for the fault battery: ``faststream run
ddp_testkit.service_with_faults:<service>`` (e.g. ``:referrals``) in place of the service's entrypoint.

The service is the one its entrypoint builds through its composition root (``bootstrap.build()``,
settings from the environment as usual), read routes and all; only the outbox relay is replaced,
before the service starts, by one that exits between publishing and marking published with the
probability in ``DDP_FAULT_RELAY_EXIT_RATE`` (default 0). The services know nothing of injected faults.
"""

import importlib
import os
from typing import Any

from ddp_messaging.runtime import ServiceRuntime
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.exiting_relay import RelayExitingAfterPublishing

EXIT_RATE_VARIABLE = "DDP_FAULT_RELAY_EXIT_RATE"


def with_faults(runtime: ServiceRuntime, exit_rate: float) -> ServiceRuntime:
    """``runtime`` with its relay swapped for a crashing one (the processor looks it up at each commit)."""
    runtime.relay = RelayExitingAfterPublishing.replacing(runtime.relay, exit_rate)
    return runtime


def app_for(service: str) -> Any:
    """The service's own ASGI app (its entrypoint's ``app``, read routes and all), with the crashing relay
    swapped into the entrypoint's ``runtime`` before it starts."""
    exit_rate = float(os.environ.get(EXIT_RATE_VARIABLE, "0"))
    entrypoint = importlib.import_module(f"ddp_{service}.entrypoints.app")
    with_faults(entrypoint.runtime, exit_rate)
    return entrypoint.app


def __getattr__(name: str) -> Any:
    """``service_with_faults:<service>`` for each service in the topic registry, built on first access."""
    if name in load_topic_registry().services:
        return app_for(name)
    raise AttributeError(name)
