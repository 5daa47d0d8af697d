from django.urls import path

from scrutiny.public import open_views, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("panels/<slug:slug>/", views.panel_detail, name="panel"),
    path("panels/<slug:slug>/meetings.ics", open_views.panel_calendar, name="panel_calendar"),
    path("panels/<slug:slug>/papers.atom", open_views.panel_papers_feed, name="panel_papers_feed"),
    path(
        "panels/<slug:slug>/downloads/<str:name>.csv",
        open_views.panel_download,
        name="panel_download",
    ),
    path("meetings.ics", open_views.site_calendar, name="site_calendar"),
    path("meetings/", open_views.meetings_by_month, name="meetings"),
    path("papers.atom", open_views.site_papers_feed, name="site_papers_feed"),
    path("api/", open_views.api_docs, name="api_docs"),
    path("api/tokens/", open_views.api_tokens, name="api_tokens"),
    path("open-data-licence/", open_views.licence, name="licence"),
    path("accessibility/", open_views.statement, {"kind": "accessibility"}, name="accessibility"),
    path("privacy/", open_views.statement, {"kind": "privacy"}, name="privacy"),
    path("manage/statements/<str:kind>/", open_views.statement_edit, name="statement_edit"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
