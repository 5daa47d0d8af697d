from django.urls import path

from scrutiny.paperimport import views

app_name = "paperimport"
urlpatterns = [
    path("", views.imports, name="imports"),
    path("<int:pk>/", views.review_import, name="review"),
]
