"""Upcasters: small named functions that turn one version's data into the next version's.

Register them as ``UPCASTERS[(event_type, from_version)] = upcast_vN_vN+1``. The catalogue
applies them in sequence on read, so handlers only ever see the latest version.
No event type has a second version yet; the first one adds its upcaster here.
"""

from collections.abc import Callable
from typing import Any

Data = dict[str, Any]
Upcaster = Callable[[Data], Data]

UPCASTERS: dict[tuple[str, int], Upcaster] = {}
