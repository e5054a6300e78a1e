"""The referrals service as a FastStream app: ``faststream run ddp_referrals.entrypoints.app:app``."""

from ddp_referrals.bootstrap import build

runtime = build()
app = runtime.asgi_app()
