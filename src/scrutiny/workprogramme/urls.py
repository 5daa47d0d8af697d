from django.urls import path

from scrutiny.workprogramme import views

app_name = "workprogramme"
urlpatterns = [
    path("<slug:slug>/", views.programme_current, name="current"),
    path("<slug:slug>/new/", views.item_create, name="create"),
    path("<slug:slug>/<str:year>/", views.programme, name="year"),
    path("items/<int:pk>/status/", views.item_transition, name="transition"),
]
