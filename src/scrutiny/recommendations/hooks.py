"""What recommendations plug into the core registry: sections of the panel, meeting and person
pages and of the minutes screen (the panel's decisions on the monitoring report), the link
from a resolution to its recommendation, search, the monitoring report in the agenda pack,
and the demo data."""

from __future__ import annotations

from django.urls import reverse

from scrutiny.core import registry


def resolution_links(resolutions: list) -> dict[int, tuple[str, str]]:
    """Tracked resolutions link to their recommendation; the others offer to make one."""
    from scrutiny.recommendations.models import Recommendation

    tracked = {
        rec.resolution_id: rec
        for rec in Recommendation.objects.filter(resolution__in=[r.pk for r in resolutions])
    }
    create = reverse("recommendations:create")
    links = {}
    for resolution in resolutions:
        rec = tracked.get(resolution.pk)
        links[resolution.pk] = (
            ("tracked as a recommendation", rec.get_absolute_url())
            if rec is not None
            else ("make this a recommendation", f"{create}?resolution={resolution.pk}")
        )
    return links


def register() -> None:
    from scrutiny.recommendations import demo, pack, search, sections

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.meeting_sections.register(sections.meeting_section, app=__name__)
    registry.person_sections.register(sections.person_section, app=__name__)
    registry.minutes_sections.register(sections.minutes_decisions_section, app=__name__)
    registry.resolution_links.register(resolution_links, app=__name__)
    registry.search_index.register(search.RECOMMENDATIONS, app=__name__)
    registry.pack_parts.register(pack.pack_parts, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
