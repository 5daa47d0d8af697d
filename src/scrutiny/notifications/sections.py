"""The panel page's link to email alerts."""

from django.urls import reverse


def panel_section(request, panel):
    return (
        "notifications/panel_section.html",
        {"subscribe_url": reverse("notifications:subscribe", args=[panel.slug]), "panel": panel},
    )
