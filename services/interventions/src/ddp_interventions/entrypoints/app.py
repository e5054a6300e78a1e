"""The interventions service as a FastStream app: ``faststream run ddp_interventions.entrypoints.app:app``.

Besides ``/health/*`` its HTTP port serves each case's progress (``entrypoints/progress_api.py``).
"""

from ddp_interventions.bootstrap import build
from ddp_interventions.entrypoints.progress_api import progress_route

runtime = build()
app = runtime.asgi_app(read_routes=[progress_route(runtime.sessions)])
