"""The referrals service as a FastStream app: ``faststream run ddp_referrals.entrypoints.app:app``."""

from ddp_referrals.bootstrap import build

app = build().asgi_app()
