from django.urls import path

from scrutiny.members import note_views, question_views, views

app_name = "members"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/<int:pk>/briefing/", views.briefing_page, name="briefing"),
    path("meetings/<int:pk>/briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("documents/<int:pk>/notes/", note_views.annotate, name="annotate"),
    path("documents/<int:pk>/notes/new/", note_views.note_new, name="note_new"),
    path("notes/", note_views.my_notes, name="notes"),
    path("notes/export.csv", note_views.notes_export, name="notes_export"),
    path("notes/<int:pk>/", note_views.note_edit, name="note_edit"),
    path("notes/<int:pk>/delete/", note_views.note_delete, name="note_delete"),
    path("items/<int:pk>/questions/", question_views.item_questions, name="item_questions"),
]
