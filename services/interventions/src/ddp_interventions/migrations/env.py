from alembic import context

from ddp_interventions.adapters.orm import metadata
from ddp_messaging.migrations import run_env

run_env(context, metadata)
