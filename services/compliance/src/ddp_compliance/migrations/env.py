from alembic import context

from ddp_compliance.adapters.orm import metadata
from ddp_messaging.migrations import run_env

run_env(context, metadata)
