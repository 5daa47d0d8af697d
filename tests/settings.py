"""Settings for the test suite: the product's settings, run locally over plain HTTP.

Subprocesses the tests start (servers, commands) inherit these environment values.
"""

import os
from pathlib import Path

os.environ.setdefault("SCRUTINY_LOCAL", "on")
os.environ.setdefault("SCRUTINY_STATIC_MANIFEST", "off")

# Under pytest-xdist each worker keeps its files (media, the case-data store, which one
# process at a time may open) in a data directory of its own; the test databases are already
# apart (pytest-django names them per worker).
# (Subprocesses inherit both variables: their directory is already the worker's.)
worker = os.environ.get("PYTEST_XDIST_WORKER")
shared = Path(os.environ.get("SCRUTINY_DATA_DIR") or "var")
if worker and shared.name != f"xdist-{worker}":
    os.environ["SCRUTINY_DATA_DIR"] = str((shared / f"xdist-{worker}").resolve())

from scrutiny.settings import *  # noqa: E402, F403

# One process: the public pages' cache in local memory (cleared before each test, conftest).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
