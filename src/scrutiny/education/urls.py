from django.urls import path

from . import views

app_name = "education"

urlpatterns = [
    path("", views.index, name="index"),
    path("panels/<slug:slug>/", views.panel_page, name="panel"),
    path("papers/<int:pk>/", views.paper_page, name="paper"),
    path("papers/<int:pk>/regenerate/", views.paper_regenerate, name="paper_regenerate"),
    path("meetings/<int:meeting_pk>/papers/new/", views.paper_attach, name="paper_attach"),
    path("figures/", views.releases, name="releases"),
    path("figures/import/", views.release_import, name="release_import"),
    path("figures/<int:pk>/publish/", views.release_publish, name="release_publish"),
]
