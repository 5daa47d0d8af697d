"""Public pages for anonymous visitors, served from the cache until anything they show changes.

An anonymous visitor can only ever be shown what the public may see, so one rendering of a
public page serves every anonymous visitor. A view opts in with :func:`anonymous_cache`; the
rendered page is kept in Django's cache (Redis in production, the database in the demo, see
``settings.CACHES``) under a key made of the path with its query, today's date (pages change
with the date: upcoming meetings, papers released after a date) and the **content version**.

The content version is the one contract for invalidation: it goes up after every write that
could change a page. Every service audits its write (``core.audit.audit_record``), and audit
bumps the version; saves and deletes of the apps' records outside a service (the back
office, fixtures) bump it through ``post_save``/``post_delete``. It is bumped at once and
again when the transaction commits, so a page rendered from data not yet committed is never
kept under the version that follows it.

Never from or into the cache: anyone signed in (their page may show withheld content or
officers' controls, ADR 901), a request carrying a flash message, anything but a GET, a
response that is not a 200, one that used the CSRF token or set a cookie, and any response
``core.access`` marked as having shown withheld or unpublished content. Pages served this way
carry an ``ETag`` and ``Cache-Control: public, max-age=0, must-revalidate`` (a shared cache
or the browser asks again each time and gets a 304 when nothing changed), so no stale copy
of a paper that has since been withheld is ever used.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from scrutiny.core.withholding import saw_withheld

VERSION_KEY = "scrutiny:content-version"
PAGE_TIMEOUT = 24 * 60 * 60  # seconds; the version, not the timeout, keeps pages fresh
CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
SERVED_HEADER = "X-Scrutiny-Page-Cache"  # "hit" or "miss": for the bench and the tests


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or an evicted key) never reuses an earlier version's pages.
        cache.add(VERSION_KEY, time.time_ns())
        version = cache.get(VERSION_KEY, 0)
    return int(version)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet
        cache.add(VERSION_KEY, time.time_ns())


def bump_content_version() -> None:
    """Something a public page may show has changed: every cached page is out of date."""
    _bump()
    connection = transaction.get_connection()
    # Once more on commit, for pages rendered meanwhile from the data before it; once per
    # transaction (a callback of a savepoint rolled back is dropped with it).
    if not connection.in_atomic_block:
        return
    if not any(entry[1] is _bump for entry in connection.run_on_commit):
        transaction.on_commit(_bump)


def _key(request: HttpRequest) -> str:
    raw = f"{content_version()}|{timezone.localdate().isoformat()}|{request.get_full_path()}"
    return "scrutiny:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _eligible(request: HttpRequest) -> bool:
    from django.conf import settings

    if not getattr(settings, "SCRUTINY_PAGE_CACHE", True):
        return False
    if request.method != "GET" or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not saw_withheld(getattr(request, "user", None))
    )


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def anonymous_cache(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page to anonymous visitors from the cache (see the module's rules)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _eligible(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, content_type, etag = stored
            response = HttpResponse(content, content_type=content_type)
            response[SERVED_HEADER] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if not _storable(request, response):
                return response
            etag = _etag(response.content)
            cache.set(key, (response.content, response["Content-Type"], etag), PAGE_TIMEOUT)
            response[SERVED_HEADER] = "miss"
        response["ETag"] = etag
        patch_cache_control(response, **CACHE_CONTROL)
        return get_conditional_response(request, etag=etag, response=response) or response

    return wrapped


# Which saves change public pages: the domain apps' records, not the site's own bookkeeping.
_NOT_CONTENT = {
    "core.auditevent",
    "core.workerheartbeat",
    "core.periodicrun",
    "core.preparedfile",
    "core.searchentry",
}


def _is_content(model: Any) -> bool:
    from django.conf import settings

    meta = model._meta
    return (
        f"{meta.app_label}.{meta.model_name}" not in _NOT_CONTENT
        and meta.app_config is not None
        and meta.app_config.name in settings.DOMAIN_APPS
    )


def _on_change(sender: Any, raw: bool = False, **kwargs: Any) -> None:
    if _is_content(sender):
        bump_content_version()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(_on_change, dispatch_uid="scrutiny.pagecache.save")
    post_delete.connect(_on_change, dispatch_uid="scrutiny.pagecache.delete")
    m2m_changed.connect(_on_change, dispatch_uid="scrutiny.pagecache.m2m")
