from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.pdf", views.report_pdf, name="pdf"),
    path("report.csv", views.report_csv, name="csv"),
    path("import/", views.import_upload, name="import"),
    path("trends/<slug:section_code>/", views.section_trends, name="trends"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:code>/values/", views.value_entry, name="value_entry"),
    path(
        "commentary/<slug:section_code>/<str:month>/", views.commentary_edit, name="commentary_edit"
    ),
]
