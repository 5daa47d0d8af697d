from django.urls import path

from scrutiny.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("new/", views.recommendation_create, name="create"),
    path("<int:pk>/", views.recommendation_detail, name="detail"),
    path("decisions/<int:meeting_pk>/", views.panel_decision, name="decide"),
    path("panel/<slug:slug>/", views.tracker, name="tracker"),
    path("panel/<slug:slug>/monitoring/<str:on>/", views.monitoring, name="monitoring"),
    path("panel/<slug:slug>/monitoring/<str:on>/pdf/", views.monitoring_pdf, name="monitoring_pdf"),
]
