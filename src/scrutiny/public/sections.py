"""Page sections contributed by other apps.

An app adds a section to the panel, meeting or person page by defining, in
``<app>/sections.py``, a function ``panel_section(request, panel)``,
``meeting_section(request, meeting)`` or ``person_section(request, person)`` returning
``(template_name, context)`` or ``None``. Sections appear in INSTALLED_APPS order.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


def render_sections(hook: str, request, obj) -> list[SafeString]:
    rendered = []
    for app in settings.DOMAIN_APPS:
        if (
            app == "scrutiny.public"
            or find_spec(app) is None
            or find_spec(f"{app}.sections") is None
        ):
            continue
        function = getattr(import_module(f"{app}.sections"), hook, None)
        if function is None:
            continue
        result = function(request, obj)
        if result is not None:
            template, context = result
            rendered.append(mark_safe(render_to_string(template, context, request=request)))  # noqa: S308
    return rendered
