from alembic import context

from ddp_messaging.migrations import run_env
from ddp_referrals.adapters.orm import metadata

run_env(context, metadata)
