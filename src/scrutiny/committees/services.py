"""Every change to panels, people, meetings and agendas: atomic, validated and audited.

The writes live beside what they write: panels, people, seats and memberships in
``people_services``, municipal years in ``year_services``, scheduling and changing a meeting
in ``meeting_services``, its status in ``meeting_transitions``, agenda items in
``agenda_services``, attendance and substitutions in ``attendance_services``. This module
names them all, so callers still write ``committees.services.<write>``.
"""

from __future__ import annotations

from scrutiny.committees.agenda_services import (
    _check_exempt,
    _check_pages,
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_set_exempt,
    agenda_item_set_pages,
    agenda_item_update,
)
from scrutiny.committees.attendance_services import (
    attendance_grid_save,
    attendance_in_attendance_add,
    attendance_record,
    attendance_remove,
    status_field,
    substitution_appoint,
    substitution_withdraw,
)
from scrutiny.committees.meeting_services import (
    CALENDAR_FIELDS,
    MEETING_EDITABLE,
    STANDARD_PROCEDURAL_ITEMS,
    meeting_change_record,
    meeting_create,
    meeting_reschedule,
    meeting_update,
)
from scrutiny.committees.meeting_transitions import meeting_transition, meeting_transition_owned
from scrutiny.committees.people_services import (
    PERSON_FIELDS,
    membership_end,
    membership_start,
    panel_contact_set,
    panel_create,
    person_create,
    person_update,
    seat_create,
)
from scrutiny.committees.year_services import municipal_year_create

__all__ = [
    "CALENDAR_FIELDS",
    "MEETING_EDITABLE",
    "PERSON_FIELDS",
    "STANDARD_PROCEDURAL_ITEMS",
    "_check_exempt",
    "_check_pages",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_set_exempt",
    "agenda_item_set_pages",
    "agenda_item_update",
    "attendance_grid_save",
    "attendance_in_attendance_add",
    "attendance_record",
    "attendance_remove",
    "meeting_change_record",
    "meeting_create",
    "meeting_reschedule",
    "meeting_transition",
    "meeting_transition_owned",
    "meeting_update",
    "membership_end",
    "membership_start",
    "municipal_year_create",
    "panel_contact_set",
    "panel_create",
    "person_create",
    "person_update",
    "seat_create",
    "status_field",
    "substitution_appoint",
    "substitution_withdraw",
]
