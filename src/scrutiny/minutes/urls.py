from django.urls import path

from scrutiny.minutes import edit_views, item_views, views

app_name = "minutes"
urlpatterns = [
    path("", views.minutes_index, name="index"),
    path("meeting/<int:meeting_pk>/", views.minutes_detail, name="detail"),
    path("meeting/<int:meeting_pk>/pdf/", views.minutes_pdf, name="pdf"),
    path("meeting/<int:meeting_pk>/edit/", edit_views.minutes_edit, name="edit"),
    path("items/<int:item_pk>/", item_views.item_edit, name="item"),
    path("items/<int:item_pk>/amend/", item_views.item_amend, name="amend"),
    path("items/<int:item_pk>/delete/", item_views.item_delete, name="item_delete"),
]
