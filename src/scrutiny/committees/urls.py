from django.urls import path

from scrutiny.committees import views

app_name = "committees"
urlpatterns = [
    path("manage/meetings/new/", views.meeting_new, name="meeting_new"),
    path("manage/meetings/<int:pk>/", views.meeting_manage, name="meeting_manage"),
    path("manage/meetings/<int:pk>/status/", views.meeting_transition, name="meeting_transition"),
    path("manage/meetings/<int:pk>/attendance/", views.attendance_grid, name="attendance"),
    path(
        "people/<slug:slug>/attendance.csv",
        views.person_attendance_csv,
        name="person_attendance_csv",
    ),
    path(
        "manage/meetings/<int:pk>/reschedule/",
        views.meeting_reschedule,
        name="meeting_reschedule",
    ),
]
