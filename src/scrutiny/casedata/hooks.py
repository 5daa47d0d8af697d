"""What casedata plugs into the core registry: the store's line of ``/healthz`` and the
synthetic demo records."""

from __future__ import annotations

import os

from scrutiny.core import registry


def store_health() -> dict:
    # Looked at, not opened: an import holds the store's write lock, and a probe every few
    # seconds must never compete with it.
    from scrutiny.casedata.store import default_store_path

    path = default_store_path()
    folder = path.parent
    if not (folder.is_dir() and os.access(folder, os.W_OK)):
        return {"ok": False, "error": "data directory missing or not writable"}
    if not path.exists():
        return {"ok": True, "present": False}
    return {"ok": os.access(path, os.R_OK), "present": True, "bytes": path.stat().st_size}


HEALTH_CHECK = ("casedata_store", store_health)


def register() -> None:
    from scrutiny.casedata import demo

    registry.health_checks.register(HEALTH_CHECK, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
