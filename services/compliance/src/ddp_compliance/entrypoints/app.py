"""The compliance service as a FastStream app: ``faststream run ddp_compliance.entrypoints.app:app``.

Besides ``/health/*`` and ``/metrics`` its HTTP port explains escalations and lists the casework
awaiting (``entrypoints/escalations_api.py``; ``ddp explain``, ``ddp case`` and the console read it).
"""

from ddp_compliance.bootstrap import build
from ddp_compliance.entrypoints.escalations_api import escalation_routes
from ddp_messaging.clock import system_clock

runtime = build()
app = runtime.asgi_app(read_routes=escalation_routes(runtime.sessions, system_clock))
