"""Cache headers for every response, decided once for the whole site.

Almost every page differs by who is asking (the officers' bar, a member's exempt papers, the
sign-in link), so nothing may be kept by a shared cache unless the view says so and the
visitor is anonymous:

* a response without ``Cache-Control`` is ``private``;
* a view may declare ``public`` for what is the same for everyone (feeds, public files); that
  stands only for an anonymous visitor: for anyone signed in it becomes ``private``;
* a response that showed withheld or unpublished content (``core.access`` marks the user
  when it grants that), and any response to an officer, is ``private, no-store``, whatever
  the view said;
* ``Vary: Cookie`` always, so a cache never answers one visitor with another's page.
"""

from __future__ import annotations

from typing import Any

from django.utils.cache import patch_vary_headers

from scrutiny.core.access import role_for
from scrutiny.core.withholding import saw_withheld


def _sees_everything(user: Any) -> bool:
    return role_for(user).sees_everything


def _directives(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and getattr(user, "is_authenticated", False))
        directives = _directives(response.get("Cache-Control", ""))
        if saw_withheld(user) or (signed_in and _sees_everything(user)):
            directives = ["private", "no-store"]
        elif not directives:
            directives = ["private"]
        elif "public" in directives and signed_in:
            directives = ["private" if d == "public" else d for d in directives]
        elif not {"public", "private", "no-store"} & set(directives):
            directives.insert(0, "private")
        response["Cache-Control"] = ", ".join(dict.fromkeys(directives))
        patch_vary_headers(response, ["Cookie"])
        return response
