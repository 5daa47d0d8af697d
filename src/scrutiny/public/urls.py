from django.urls import path

from scrutiny.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("panels/<slug:slug>/", views.panel_detail, name="panel"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
