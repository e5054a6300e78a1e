"""Shared by every test layer: containers are reached on loopback, never through a reaper image."""

import os

os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
os.environ.setdefault("TC_HOST", "127.0.0.1")
