from django.urls import path

from . import views

app_name = "casedata"

urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<int:job_id>/", views.job, name="job"),
    path("import/<int:job_id>/problems.csv", views.job_problems_csv, name="job_problems"),
]
