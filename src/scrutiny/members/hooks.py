"""What the members' side plugs into the core registry: "My meetings" and "My notes" in a
member's navigation, their notes on a paper's page, the
questions beside a meeting's items, the demo's briefings, and (``receivers.connect()``) the agenda-published event."""

from __future__ import annotations

from django.urls import reverse

from scrutiny.core import registry


def member_links(user) -> list[tuple[str, str]]:
    return [("My meetings", reverse("members:home")), ("My notes", reverse("members:notes"))]


def register() -> None:
    from scrutiny.members import demo, receivers, sections

    registry.member_links.register(member_links, app=__name__)
    registry.document_sections.register(sections.document_section, app=__name__)
    registry.meeting_sections.register(sections.meeting_section, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
    receivers.connect()
