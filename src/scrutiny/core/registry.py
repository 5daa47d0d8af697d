"""The one registry: named hooks that core declares and the apps above it register into.

Dependencies point down (``scrutiny.core.layers``): an app never imports an app above it.
When a lower app needs something only a higher app knows (the public panel page shows the
minutes; the agenda pack prints the monitoring report; the access check needs the panel
memberships), core declares a hook here, the higher app registers its function from its
``hooks.register()`` (called by its AppConfig's ``ready()``), and the lower app asks the hook.

Each hook is a :class:`Hook`: ``register(function, app=...)`` adds an entry, ``entries()``
returns them in the apps' dependency order (``settings.DOMAIN_APPS``), then in the order
registered. Registering the same function twice for an app is a no-op, so ``ready()`` may run
more than once (as it does in some test set-ups).

The hooks, with what each function takes and returns:

=======================  ==================================================================
``panel_sections``       ``(request, panel) -> (template, context) | None``: a section of the
``meeting_sections``     panel, meeting or person page (``scrutiny.public``), or of the
``person_sections``      officers' minutes screen of a meeting (``minutes_sections``).
``minutes_sections``
``document_sections``    ``(request, document) -> (template, context) | None``: a section of a
                         paper's page (the reader's own private notes, for one).
``resolution_links``     ``(resolutions) -> {resolution pk: (label, url)}``: what became of
                         each resolution, shown beside it on the officers' minutes screen.
``search_providers``     ``(user, terms) -> list[scrutiny.core.search.Result]``: small
                         registries searched directly (panels, people, meetings).
``search_index``         ``scrutiny.core.search.IndexedKind``: a kind of record in the
                         site's full-text index (``scrutiny.core.search_index``).
``pack_parts``           ``(meeting, item, audience) -> list[scrutiny.core.packparts.PackPart]``
                         for one agenda item of the pack read by ``audience``
                         (``scrutiny.core.access.Audience``).
``member_scopes``        ``scrutiny.core.access.MemberScope``: who is a panel member and which
                         panels' and meetings' withheld papers they may read (one entry).
``officer_links``        ``() -> [(label, url)]``: the officers' navigation bar.
``member_links``         ``(user) -> [(label, url)]``: a panel member's own links (their
                         panel's papers) in the service navigation.
``demo_loaders``         ``scrutiny.core.registry.DemoLoader``: the app's demonstration data.
``health_checks``        ``(name, () -> dict with "ok")``: a line of ``/healthz``.
=======================  ==================================================================

Evidence kinds (``scrutiny.core.evidence``) are registered the same way, with their own
contract there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def app_label(module_or_app: str) -> str:
    """``scrutiny.minutes.hooks`` or ``scrutiny.minutes`` -> ``scrutiny.minutes``."""
    parts = module_or_app.split(".")
    return ".".join(parts[:2]) if parts[0] == "scrutiny" else module_or_app


def _app_order(app: str) -> int:
    from django.conf import settings

    try:
        return settings.DOMAIN_APPS.index(app)
    except ValueError:
        return len(settings.DOMAIN_APPS)


class Hook(Generic[T]):
    """A named extension point: entries registered by apps, read in dependency order."""

    def __init__(self, name: str, *, single: bool = False) -> None:
        self.name = name
        self.single = single  # at most one entry (the member scope)
        self._entries: list[tuple[str, T]] = []

    def register(self, entry: T, *, app: str) -> T:
        app = app_label(app)
        if any(a == app and e == entry for a, e in self._entries):
            return entry
        if self.single and self._entries:
            raise ValueError(f"Hook {self.name!r} takes one entry; {self._entries[0][0]} has it.")
        self._entries.append((app, entry))
        return entry

    def unregister(self, entry: T) -> None:
        self._entries = [(a, e) for a, e in self._entries if e != entry]

    def entries(self) -> list[T]:
        return [entry for _app, entry in self.items()]

    def items(self) -> list[tuple[str, T]]:
        """(app, entry) pairs in the apps' dependency order (stable within an app)."""
        return sorted(self._entries, key=lambda pair: _app_order(pair[0]))

    def first(self) -> T | None:
        items = self.items()
        return items[0][1] if items else None

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._entries)} entries>"


@dataclass(frozen=True)
class DemoLoader:
    load: Callable[[], str]  # loads the app's demo records, returns a one-line summary
    is_loaded: Callable[[], bool] | None = None  # True when the demo is already in the database


Section = Callable[[Any, Any], "tuple[str, dict] | None"]

panel_sections: Hook[Section] = Hook("panel_sections")
meeting_sections: Hook[Section] = Hook("meeting_sections")
person_sections: Hook[Section] = Hook("person_sections")
minutes_sections: Hook[Section] = Hook("minutes_sections")
document_sections: Hook[Section] = Hook("document_sections")
resolution_links: Hook[Callable[[list[Any]], dict[int, tuple[str, str]]]] = Hook("resolution_links")
search_providers: Hook[Callable[[Any, list[str]], list[Any]]] = Hook("search_providers")
search_index: Hook[Any] = Hook("search_index")
pack_parts: Hook[Callable[[Any, Any, Any], list[Any]]] = Hook("pack_parts")
member_scopes: Hook[Any] = Hook("member_scopes", single=True)
officer_links: Hook[Callable[[], list[tuple[str, str]]]] = Hook("officer_links")
member_links: Hook[Callable[[Any], list[tuple[str, str]]]] = Hook("member_links")
demo_loaders: Hook[DemoLoader] = Hook("demo_loaders")
health_checks: Hook[tuple[str, Callable[[], dict]]] = Hook("health_checks")

SECTION_HOOKS = {
    "panel_section": panel_sections,
    "meeting_section": meeting_sections,
    "person_section": person_sections,
    "minutes_section": minutes_sections,
    "document_section": document_sections,
}


def render_sections(page: str, request: Any, obj: Any) -> list[Any]:
    """Every registered section of a page (``panel_section`` ...), rendered, in app order."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    rendered = []
    for function in SECTION_HOOKS[page].entries():
        result = function(request, obj)
        if result is not None:
            template, context = result
            rendered.append(mark_safe(render_to_string(template, context, request=request)))  # noqa: S308
    return rendered
