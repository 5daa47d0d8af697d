from django.urls import path

from scrutiny.workspace import views

app_name = "workspace"
urlpatterns = [
    path("manage/", views.home, name="home"),
    path("accounts/signed-in/", views.landing, name="landing"),
]
