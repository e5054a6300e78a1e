"""The compliance service as a FastStream app: ``faststream run ddp_compliance.entrypoints.app:app``."""

from ddp_compliance.bootstrap import build

runtime = build()
app = runtime.asgi_app()
