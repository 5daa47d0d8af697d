"""The order of the apps: each may import the apps in the layers below it, never one above it
or beside it. ``tests/core/test_import_graph.py`` walks the imports of ``src/scrutiny`` and
fails on an import against this order, and on any import circle between files or apps.

When a lower app needs something only a higher app knows, core declares a hook in
``scrutiny.core.registry`` and the higher app registers into it (the minutes in the agenda
pack, the tracker's sections of the public pages, the panel memberships of the access check).

``settings.DOMAIN_APPS`` lists the apps in this order (a test checks it), which is also the
order of their page sections, search results, demo loaders and officers' links.
"""

from __future__ import annotations

LAYERS: list[tuple[str, ...]] = [
    # Contracts, the access check, audit, workflow, queue, registry: imports no app.
    ("core",),
    # Panels, people, meetings and agendas: what every paper belongs to.
    ("committees",),
    # Members' registers of interests (declarations in the minutes link to them).
    ("interests",),
    # Reports, appendices, publication and the agenda pack.
    ("documents",),
    # Minutes of meetings, their resolutions and declarations.
    ("minutes",),
    # Recommendations made by resolutions, their tracker and the monitoring report.
    ("recommendations",),
    # The work programme (items come from recommendations); child-level case data beside it.
    ("workprogramme", "casedata"),
    # Indicator values, targets and charts, computed from the case data.
    ("performance",),
    # Published statistics: releases, areas, measures (uses performance's neighbours and charts).
    ("statistics",),
    # Evidence for the panel built on the layers below.
    ("education", "reviews", "youthjustice"),
    # The public website and site search, over every app through the registry.
    ("public",),
    # Reads past papers into every app below through their services.
    ("paperimport",),
    # The officer's home (writes nothing) and the members' side (their meetings, the briefing
    # before each meeting, private notes, questions to report authors): read the apps below.
    ("workspace", "members"),
    # Email alerts: reacts to signals from the apps below.
    ("notifications",),
    # Backups and restores of every store.
    ("operations",),
]


def layer_of(app: str) -> int:
    """The layer index of an app (short name, e.g. ``minutes``); KeyError if unknown."""
    for index, apps in enumerate(LAYERS):
        if app in apps:
            return index
    raise KeyError(app)


def ordered_apps() -> list[str]:
    """Every app, bottom layer first, as ``scrutiny.<app>``."""
    return [f"scrutiny.{app}" for apps in LAYERS for app in apps]
