"""HTTP around the API: conditional GET (ETag, Last-Modified), caching, CORS for GET.

Answers to anonymous callers are the public view and may be cached by anyone and read from
any origin; answers to a personal token are private to it and never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

API_PREFIX = "/api/v1/"
PUBLIC_CACHE = "public, max-age=60"
PRIVATE_CACHE = "private, no-store"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
    "Access-Control-Max-Age": "86400",
}


def set_last_modified(response: HttpResponse, moments: list) -> None:
    """Last-Modified from the newest of the records' timestamps (None ones ignored)."""
    known = [m for m in moments if m is not None]
    if known:
        response["Last-Modified"] = http_date(max(known).timestamp())


class ApiHttpMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            for name, value in CORS_HEADERS.items():
                response[name] = value
            return response
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        for name, value in CORS_HEADERS.items():
            response.setdefault(name, value)
        patch_vary_headers(response, ["Authorization"])
        personal = "Authorization" in request.headers
        response["Cache-Control"] = PRIVATE_CACHE if personal else PUBLIC_CACHE
        if response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            response["ETag"] = f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        conditional = (
            get_conditional_response(
                request, etag=response["ETag"], last_modified=last_modified, response=response
            )
            or response
        )
        for name, value in CORS_HEADERS.items():
            conditional.setdefault(name, value)
        return conditional
