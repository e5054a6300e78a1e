"""The interventions service as a FastStream app: ``faststream run ddp_interventions.entrypoints.app:app``."""

from ddp_interventions.bootstrap import build

app = build().asgi_app()
