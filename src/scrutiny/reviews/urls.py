from django.urls import path

from scrutiny.reviews import figure_views, import_views, views

app_name = "reviews"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.case_new, name="case_new"),
    path("import/", import_views.register_import, name="import"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/dates/", views.case_stage, {"stage": "dates"}, name="case_dates"),
    path("<int:pk>/notification/", views.case_stage, {"stage": "notify"}, name="case_notify"),
    path("<int:pk>/decision/", views.case_stage, {"stage": "decide"}, name="case_decide"),
    path("<int:pk>/milestones/", views.case_stage, {"stage": "milestones"}, name="case_milestones"),
    path("<int:pk>/publication/", views.case_stage, {"stage": "publish"}, name="case_publish"),
    path("<int:pk>/close/", views.case_stage, {"stage": "close"}, name="case_close"),
    path("<int:pk>/themes/", views.case_themes, name="case_themes"),
    path("<int:pk>/recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path("recommendations/<int:pk>/", views.recommendation_edit, name="recommendation_edit"),
    path("figures/", figure_views.figures_current, name="figures_current"),
    path("figures/<str:key>/", figure_views.figures, name="figures"),
    path("figures/<str:key>/print/", figure_views.figures_print, name="figures_print"),
    path("figures/<str:key>.pdf", figure_views.figures_download, name="figures_pdf"),
]
