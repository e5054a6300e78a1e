"""Labels on every container the platform starts, so that they can be found and removed."""

import os

PLATFORM_LABEL = "org.ddp.platform"


def container_labels(purpose: str) -> dict[str, str]:
    """``purpose`` is ``test`` or ``run``; ``DDP_RUN_ID`` (set by CI) groups one run's containers."""
    return {PLATFORM_LABEL: purpose, f"{PLATFORM_LABEL}.run-id": os.environ.get("DDP_RUN_ID", "local")}
