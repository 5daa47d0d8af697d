from django.urls import path

from scrutiny.committees import agenda_views, attendance_views, meeting_views, people_views

app_name = "committees"
urlpatterns = [
    path("manage/meetings/", meeting_views.meeting_list, name="meeting_list"),
    path("manage/meetings/new/", meeting_views.meeting_new, name="meeting_new"),
    path("manage/meetings/<int:pk>/", meeting_views.meeting_manage, name="meeting_manage"),
    path(
        "manage/meetings/<int:pk>/status/",
        meeting_views.meeting_transition,
        name="meeting_transition",
    ),
    path(
        "manage/meetings/<int:pk>/attendance/", attendance_views.attendance_grid, name="attendance"
    ),
    path(
        "people/<slug:slug>/attendance.csv",
        attendance_views.person_attendance_csv,
        name="person_attendance_csv",
    ),
    path("manage/meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path(
        "manage/meetings/<int:pk>/postpone/",
        meeting_views.meeting_postpone,
        name="meeting_postpone",
    ),
    path(
        "manage/meetings/<int:pk>/substitutes/new/",
        meeting_views.substitution_new,
        name="substitution_new",
    ),
    path("manage/items/<int:pk>/edit/", agenda_views.agenda_item_edit, name="agenda_item_edit"),
    path("manage/items/<int:pk>/move/", agenda_views.agenda_item_move, name="agenda_item_move"),
    path(
        "manage/items/<int:pk>/delete/", agenda_views.agenda_item_delete, name="agenda_item_delete"
    ),
    path("manage/people/", people_views.person_list, name="person_list"),
    path("manage/people/new/", people_views.person_new, name="person_new"),
    path("manage/people/<int:pk>/edit/", people_views.person_edit, name="person_edit"),
    path("manage/panels/<slug:slug>/seats/", people_views.panel_seats, name="panel_seats"),
    path("manage/panels/<slug:slug>/seats/new/", people_views.seat_new, name="seat_new"),
    path("manage/seats/<int:pk>/members/new/", people_views.membership_new, name="membership_new"),
    path("manage/memberships/<int:pk>/end/", people_views.membership_end, name="membership_end"),
    path("manage/years/", people_views.year_list, name="year_list"),
    path("manage/years/new/", people_views.year_new, name="year_new"),
    path("manage/years/<int:pk>/", people_views.year_detail, name="year_detail"),
    path(
        "manage/meetings/<int:pk>/reschedule/",
        meeting_views.meeting_reschedule,
        name="meeting_reschedule",
    ),
]
