"""The officer's home: what is due, per upcoming meeting, and what needs attention."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone

from scrutiny.core.access import Role, can_edit, role_for
from scrutiny.core.decorators import officer_required
from scrutiny.workspace import queries


@officer_required
def home(request):
    today = timezone.localdate()
    context = {
        "today": today,
        "upcoming": queries.upcoming_meetings(today),
        "minutes": queries.minutes_work(today),
        "responses": queries.executive_responses(today),
        "packs": queries.packs_needing_attention(),
        "imports": queries.recent_imports(),
        "window": queries.RESPONSE_WINDOW_DAYS,
    }
    return render(request, "workspace/home.html", context)


def landing(request):
    """Where signing in leads when no page was asked for: officers to their home, members to theirs."""
    if request.user.is_authenticated and can_edit(request.user):
        return redirect("workspace:home")
    if role_for(request.user) is Role.MEMBER:
        return redirect("members:home")  # the members' side: their meetings and briefings
    return redirect("/")
