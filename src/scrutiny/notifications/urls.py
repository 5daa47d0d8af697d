from django.urls import path

from scrutiny.notifications import views

app_name = "notifications"

urlpatterns = [
    path("panels/<slug:slug>/alerts/", views.subscribe, name="subscribe"),
    path("panels/<slug:slug>/alerts/check-your-email/", views.check_email, name="check_email"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
