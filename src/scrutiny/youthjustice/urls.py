from django.urls import path

from scrutiny.youthjustice import views

app_name = "youthjustice"
urlpatterns = [
    path("", views.figures, name="current"),
    path("import/", views.figures_import, name="import"),
    path("<str:key>/", views.figures, name="as_at"),
    path("<str:key>/print/", views.figures_print, name="print"),
]
