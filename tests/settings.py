"""Settings for the test suite: the product's settings, run locally over plain HTTP.

Subprocesses the tests start (servers, commands) inherit these environment values.
"""

import os

os.environ.setdefault("SCRUTINY_LOCAL", "on")
os.environ.setdefault("SCRUTINY_STATIC_MANIFEST", "off")

from scrutiny.settings import *  # noqa: E402, F403

# One process: the public pages' cache in local memory (cleared before each test, conftest).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
