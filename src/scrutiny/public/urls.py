from django.urls import path

from scrutiny.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("panels/<slug:slug>/", views.panel_detail, name="panel"),
    path("panels/<slug:slug>/meetings.ics", views.panel_calendar, name="panel_calendar"),
    path("panels/<slug:slug>/papers.atom", views.panel_papers_feed, name="panel_papers_feed"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
