"""Audit actions are named ``<app>.<service function>`` (scrutiny.core.audit.AuditAction):
rename the events stored under the old names, and back again when unapplied."""

from django.db import migrations

RENAMED = {
    "casedata.import": "casedata.records_import",
    "casedata.generate": "casedata.synthetic_records_generate",
    "casedata.indicators_record": "casedata.indicator_values_record",
    "panel_create": "committees.panel_create",
    "person_create": "committees.person_create",
    "panel_contact_set": "committees.panel_contact_set",
    "seat_create": "committees.seat_create",
    "membership_start": "committees.membership_start",
    "membership_end": "committees.membership_end",
    "municipal_year_create": "committees.municipal_year_create",
    "meeting_create": "committees.meeting_create",
    "meeting_transition": "committees.meeting_transition",
    "agenda_item_add": "committees.agenda_item_add",
    "agenda_item_set_pages": "committees.agenda_item_set_pages",
    "agenda_item_set_exempt": "committees.agenda_item_set_exempt",
    "attendance_record": "committees.attendance_record",
    "substitution_appoint": "committees.substitution_appoint",
    "document_add": "documents.document_add",
    "document_publish": "documents.document_publish",
    "document_replace": "documents.document_replace",
    "document_set_exempt": "documents.document_set_exempt",
    "report_write": "documents.report_write",
    "report_update": "documents.report_update",
    "agenda_item_mark_urgent": "documents.agenda_item_mark_urgent",
    "agenda_publish": "documents.agenda_publish",
    "public_information_section_save": "documents.public_information_section_save",
    "agenda_publication_import": "documents.agenda_publication_import",
    "evidence_paper_attach": "education.evidence_paper_attach",
    "evidence_paper_regenerate": "education.evidence_paper_regenerate",
    "minutes_create": "minutes.minutes_create",
    "minute_item_add": "minutes.minute_item_add",
    "minute_item_update": "minutes.minute_item_update",
    "minute_item_set_exempt": "minutes.minute_item_set_exempt",
    "minute_item_set_exclusion": "minutes.minute_item_set_exclusion",
    "speaker_add": "minutes.speaker_add",
    "discussion_point_add": "minutes.discussion_point_add",
    "resolution_add": "minutes.resolution_add",
    "declaration_record": "minutes.declaration_record",
    "minutes_publish": "minutes.minutes_publish",
    "minutes_approve": "minutes.minutes_approve",
    "minutes_amend": "minutes.minutes_amend",
    "paper_import_receive": "paperimport.paper_import_receive",
    "paper_import_read": "paperimport.paper_import_read",
    "paper_import_save": "paperimport.paper_import_save",
    "paper_import_correct": "paperimport.paper_import_correct",
    "paper_import_reject": "paperimport.paper_import_reject",
    "performance.statistical_neighbours_import": "performance.statistical_neighbour_groups_import",
    "recommendation_create": "recommendations.recommendation_create",
    "recommendation_transition": "recommendations.recommendation_transition",
    "recommendation_log_action": "recommendations.recommendation_log_action",
    "recommendation_record_response": "recommendations.recommendation_record_response",
    "measure_catalogue_import": "statistics.measure_catalogue_import",
    "release_import": "statistics.release_import",
    "release_publish": "statistics.release_publish",
    "release_set_confidential": "statistics.release_set_confidential",
    "work_item_add": "workprogramme.work_item_add",
    "work_item_schedule": "workprogramme.work_item_schedule",
    "work_item_transition": "workprogramme.work_item_transition",
}


def _rename(apps, mapping):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in mapping.items():
        AuditEvent.objects.filter(action=old).update(action=new)


def forwards(apps, schema_editor):
    _rename(apps, RENAMED)


def backwards(apps, schema_editor):
    _rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [("core", "0002_periodicrun_workerheartbeat_preparedfile")]

    operations = [migrations.RunPython(forwards, backwards)]
