from django.urls import path

from scrutiny.interests import views

app_name = "interests"
urlpatterns = [
    path("", views.officer_index, name="index"),
    path("mine/", views.my_register, name="mine"),
    path("people/<slug:slug>/", views.person_register, name="person"),
    path("register.csv", views.published_register_csv, name="register_csv"),
    path("people/<slug:slug>/register.csv", views.published_register_csv, name="person_csv"),
    path("submissions/<int:pk>/", views.decide, name="decide"),
]
