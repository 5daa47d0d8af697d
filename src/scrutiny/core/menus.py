"""Officers' navigation: each app lists its officer screens in ``<app>/navigation.py``.

An app defines ``officer_links()`` returning ``[(label, url), ...]``; the links appear, in
INSTALLED_APPS order, in the officers' navigation bar of every page.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


def officer_links() -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for app in settings.DOMAIN_APPS:
        if find_spec(app) is None or find_spec(f"{app}.navigation") is None:
            continue
        links += import_module(f"{app}.navigation").officer_links()
    return links
