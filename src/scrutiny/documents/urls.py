from django.urls import path

from scrutiny.documents import views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/file/", views.document_file, name="file"),
]
