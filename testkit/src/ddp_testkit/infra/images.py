"""Which container images to run: the official ones, or their local twins built by deploy/images.

``DDP_IMAGES=official`` uses ``apache/kafka`` and ``postgres`` from a registry;
``DDP_IMAGES=local`` (the default) uses the images ``deploy/images/build-local-images``
builds from Debian packages and Maven Central. Both honour the same environment variables.
``DDP_KAFKA_IMAGE`` / ``DDP_POSTGRES_IMAGE`` override either choice.
"""

import os
from dataclasses import dataclass

KAFKA_VERSION = "4.1.1"
POSTGRES_VERSION = "15"

_SETS = {
    "official": (f"apache/kafka:{KAFKA_VERSION}", f"postgres:{POSTGRES_VERSION}"),
    "local": (f"ddp-local/kafka:{KAFKA_VERSION}", f"ddp-local/postgres:{POSTGRES_VERSION}"),
}


@dataclass(frozen=True)
class Images:
    kafka: str
    postgres: str


def selected_images(environ: dict[str, str] | None = None) -> Images:
    """The images chosen by the environment; raises ValueError on an unknown ``DDP_IMAGES``."""
    env = os.environ if environ is None else environ
    choice = env.get("DDP_IMAGES", "local")
    if choice not in _SETS:
        raise ValueError(f"DDP_IMAGES must be one of {sorted(_SETS)}, not {choice!r}")
    kafka, postgres = _SETS[choice]
    return Images(kafka=env.get("DDP_KAFKA_IMAGE", kafka), postgres=env.get("DDP_POSTGRES_IMAGE", postgres))
