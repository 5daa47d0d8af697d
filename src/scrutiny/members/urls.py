from django.urls import path

from scrutiny.members import views

app_name = "members"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/<int:pk>/briefing/", views.briefing_page, name="briefing"),
    path("meetings/<int:pk>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
]
