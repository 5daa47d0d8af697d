"""The audit log: every service function records what it changed, in its own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from scrutiny.core.actors import Actor, actor_label, user_of
from scrutiny.core.models import AuditEvent


class AuditAction(models.TextChoices):
    """Every action the audit log records: ``<app>.<service function>``, one per service.

    A service passes its own member (or its value) to ``audit_record``; anything else is
    refused, so the log never gains a name nobody can look up. Renaming a service renames its
    action here, with a data migration for the events already stored (core 0003).
    """

    # casedata
    CASEDATA_IMPORT_JOB_SUBMIT = "casedata.import_job_submit"
    CASEDATA_INDICATOR_VALUES_RECORD = "casedata.indicator_values_record"
    CASEDATA_RECORDS_IMPORT = "casedata.records_import"
    CASEDATA_SYNTHETIC_RECORDS_GENERATE = "casedata.synthetic_records_generate"

    # core: the back office's few audited edits (scrutiny.core.backoffice)
    CORE_BACKOFFICE_DELETE = "core.backoffice_delete"
    CORE_BACKOFFICE_SAVE = "core.backoffice_save"

    # committees
    COMMITTEES_AGENDA_ITEM_ADD = "committees.agenda_item_add"
    COMMITTEES_AGENDA_ITEM_DELETE = "committees.agenda_item_delete"
    COMMITTEES_AGENDA_ITEM_MOVE = "committees.agenda_item_move"
    COMMITTEES_AGENDA_ITEM_UPDATE = "committees.agenda_item_update"
    COMMITTEES_AGENDA_ITEM_SET_EXEMPT = "committees.agenda_item_set_exempt"
    COMMITTEES_AGENDA_ITEM_SET_PAGES = "committees.agenda_item_set_pages"
    COMMITTEES_ATTENDANCE_GRID_SAVE = "committees.attendance_grid_save"
    COMMITTEES_ATTENDANCE_IN_ATTENDANCE_ADD = "committees.attendance_in_attendance_add"
    COMMITTEES_ATTENDANCE_RECORD = "committees.attendance_record"
    COMMITTEES_ATTENDANCE_REMOVE = "committees.attendance_remove"
    COMMITTEES_MEETING_CHANGE_RECORD = "committees.meeting_change_record"
    COMMITTEES_MEETING_CREATE = "committees.meeting_create"
    COMMITTEES_MEETING_RESCHEDULE = "committees.meeting_reschedule"
    COMMITTEES_MEETING_TRANSITION = "committees.meeting_transition"
    COMMITTEES_MEETING_UPDATE = "committees.meeting_update"
    COMMITTEES_MEMBERSHIP_END = "committees.membership_end"
    COMMITTEES_MEMBERSHIP_START = "committees.membership_start"
    COMMITTEES_MUNICIPAL_YEAR_CREATE = "committees.municipal_year_create"
    COMMITTEES_PANEL_CONTACT_SET = "committees.panel_contact_set"
    COMMITTEES_PANEL_CREATE = "committees.panel_create"
    COMMITTEES_PERSON_CREATE = "committees.person_create"
    COMMITTEES_PERSON_UPDATE = "committees.person_update"
    COMMITTEES_SEAT_CREATE = "committees.seat_create"
    COMMITTEES_SUBSTITUTION_APPOINT = "committees.substitution_appoint"
    COMMITTEES_SUBSTITUTION_WITHDRAW = "committees.substitution_withdraw"

    # core
    CORE_DEMO_LOAD = "core.demo_load"
    CORE_SIGNIN_LOCK_CLEAR = "core.signin_lock_clear"

    # documents
    DOCUMENTS_AGENDA_ITEM_MARK_URGENT = "documents.agenda_item_mark_urgent"
    DOCUMENTS_AGENDA_PUBLICATION_IMPORT = "documents.agenda_publication_import"
    DOCUMENTS_AGENDA_PUBLISH = "documents.agenda_publish"
    DOCUMENTS_DOCUMENT_ADD = "documents.document_add"
    DOCUMENTS_DOCUMENT_PUBLISH = "documents.document_publish"
    DOCUMENTS_DOCUMENT_REPLACE = "documents.document_replace"
    DOCUMENTS_DOCUMENT_SET_EXEMPT = "documents.document_set_exempt"
    DOCUMENTS_GENERATED_APPENDIX_ADD = "documents.generated_appendix_add"
    DOCUMENTS_GENERATED_APPENDIX_REFRESH = "documents.generated_appendix_refresh"
    DOCUMENTS_GENERATED_APPENDIX_REMOVE = "documents.generated_appendix_remove"
    DOCUMENTS_PACK_ISSUES_RECORD = "documents.pack_issues_record"
    DOCUMENTS_PACK_ISSUES_REDACT = "documents.pack_issues_redact"
    DOCUMENTS_PUBLIC_INFORMATION_SECTION_SAVE = "documents.public_information_section_save"
    DOCUMENTS_REPORT_UPDATE = "documents.report_update"
    DOCUMENTS_REPORT_WRITE = "documents.report_write"

    # education
    EDUCATION_EVIDENCE_PAPER_ATTACH = "education.evidence_paper_attach"
    EDUCATION_EVIDENCE_PAPER_REGENERATE = "education.evidence_paper_regenerate"

    # interests
    INTERESTS_INTEREST_SUBMISSION_ACCEPT = "interests.interest_submission_accept"
    INTERESTS_INTEREST_SUBMISSION_CREATE = "interests.interest_submission_create"
    INTERESTS_INTEREST_SUBMISSION_DECLINE = "interests.interest_submission_decline"

    # members
    MEMBERS_BRIEFING_REFRESH = "members.briefing_refresh"
    MEMBERS_HOME_VISIT_RECORD = "members.home_visit_record"
    MEMBERS_NOTE_DELETE = "members.note_delete"
    MEMBERS_NOTE_SAVE = "members.note_save"
    MEMBERS_NOTES_DELETE_MINE = "members.notes_delete_mine"
    MEMBERS_NOTES_PURGE_DEPARTED = "members.notes_purge_departed"
    MEMBERS_QUESTION_ANSWER = "members.question_answer"
    MEMBERS_QUESTION_ASK = "members.question_ask"

    # minutes
    MINUTES_DECLARATION_DELETE = "minutes.declaration_delete"
    MINUTES_DECLARATION_RECORD = "minutes.declaration_record"
    MINUTES_DECLARATION_UPDATE = "minutes.declaration_update"
    MINUTES_DISCUSSION_POINT_ADD = "minutes.discussion_point_add"
    MINUTES_DISCUSSION_POINT_DELETE = "minutes.discussion_point_delete"
    MINUTES_DISCUSSION_POINT_MOVE = "minutes.discussion_point_move"
    MINUTES_DISCUSSION_POINT_UPDATE = "minutes.discussion_point_update"
    MINUTES_MINUTE_ITEM_ADD = "minutes.minute_item_add"
    MINUTES_MINUTE_ITEM_DELETE = "minutes.minute_item_delete"
    MINUTES_MINUTE_ITEM_MOVE = "minutes.minute_item_move"
    MINUTES_MINUTE_ITEM_RELEASE = "minutes.minute_item_release"
    MINUTES_MINUTE_ITEM_SET_EXCLUSION = "minutes.minute_item_set_exclusion"
    MINUTES_MINUTE_ITEM_SET_EXEMPT = "minutes.minute_item_set_exempt"
    MINUTES_MINUTE_ITEM_UPDATE = "minutes.minute_item_update"
    MINUTES_MINUTES_AMEND = "minutes.minutes_amend"
    MINUTES_MINUTES_APPROVE = "minutes.minutes_approve"
    MINUTES_MINUTES_CREATE = "minutes.minutes_create"
    MINUTES_MINUTES_PUBLISH = "minutes.minutes_publish"
    MINUTES_RESOLUTION_ADD = "minutes.resolution_add"
    MINUTES_RESOLUTION_DELETE = "minutes.resolution_delete"
    MINUTES_RESOLUTION_MOVE = "minutes.resolution_move"
    MINUTES_RESOLUTION_UPDATE = "minutes.resolution_update"
    MINUTES_SPEAKER_ADD = "minutes.speaker_add"
    MINUTES_SPEAKER_DELETE = "minutes.speaker_delete"
    MINUTES_SPEAKER_MOVE = "minutes.speaker_move"
    MINUTES_SPEAKER_UPDATE = "minutes.speaker_update"

    # notifications
    NOTIFICATIONS_SUBSCRIPTION_CANCEL = "notifications.subscription_cancel"
    NOTIFICATIONS_SUBSCRIPTION_CONFIRM = "notifications.subscription_confirm"
    NOTIFICATIONS_SUBSCRIPTION_REQUEST = "notifications.subscription_request"

    # paperimport
    PAPERIMPORT_PAPER_IMPORT_CORRECT = "paperimport.paper_import_correct"
    PAPERIMPORT_PAPER_IMPORT_READ = "paperimport.paper_import_read"
    PAPERIMPORT_PAPER_IMPORT_RECEIVE = "paperimport.paper_import_receive"
    PAPERIMPORT_PAPER_IMPORT_REJECT = "paperimport.paper_import_reject"
    PAPERIMPORT_PAPER_IMPORT_SAVE = "paperimport.paper_import_save"

    # performance
    PERFORMANCE_BENCHMARKS_IMPORT = "performance.benchmarks_import"
    PERFORMANCE_CATALOGUE_IMPORT = "performance.catalogue_import"
    PERFORMANCE_COMMENTARY_EDIT = "performance.commentary_edit"
    PERFORMANCE_COMMENTARY_IMPORT = "performance.commentary_import"
    PERFORMANCE_ENGINE_VALUES_REFRESH = "performance.engine_values_refresh"
    PERFORMANCE_MONTHLY_VALUE_ENTER = "performance.monthly_value_enter"
    PERFORMANCE_MONTHLY_VALUES_IMPORT = "performance.monthly_values_import"
    PERFORMANCE_STATISTICAL_NEIGHBOUR_GROUPS_IMPORT = (
        "performance.statistical_neighbour_groups_import"
    )
    PERFORMANCE_TEAM_BREAKDOWN_IMPORT = "performance.team_breakdown_import"

    # public
    PUBLIC_API_TOKEN_CREATE = "public.api_token_create"  # noqa: S105 (an action name)
    PUBLIC_API_TOKEN_REVOKE = "public.api_token_revoke"  # noqa: S105 (an action name)
    PUBLIC_STATEMENT_SAVE = "public.statement_save"

    # recommendations
    RECOMMENDATIONS_RECOMMENDATION_EVIDENCE_LINK = "recommendations.recommendation_evidence_link"
    RECOMMENDATIONS_RECOMMENDATION_EVIDENCE_UNLINK = (
        "recommendations.recommendation_evidence_unlink"
    )
    RECOMMENDATIONS_RECOMMENDATION_CREATE = "recommendations.recommendation_create"
    RECOMMENDATIONS_RECOMMENDATION_LOG_ACTION = "recommendations.recommendation_log_action"
    RECOMMENDATIONS_RECOMMENDATION_RECORD_RESPONSE = (
        "recommendations.recommendation_record_response"
    )
    RECOMMENDATIONS_RECOMMENDATION_TRANSITION = "recommendations.recommendation_transition"

    # reviews
    REVIEWS_CASE_REVIEW_CLOSE = "reviews.case_review_close"
    REVIEWS_CASE_REVIEW_CREATE = "reviews.case_review_create"
    REVIEWS_CASE_REVIEW_DECIDE = "reviews.case_review_decide"
    REVIEWS_CASE_REVIEW_NOTIFY = "reviews.case_review_notify"
    REVIEWS_CASE_REVIEW_PUBLISH = "reviews.case_review_publish"
    REVIEWS_CASE_REVIEW_RECORD_MILESTONES = "reviews.case_review_record_milestones"
    REVIEWS_CASE_REVIEW_SET_THEMES = "reviews.case_review_set_themes"
    REVIEWS_CASE_REVIEW_UPDATE_DATES = "reviews.case_review_update_dates"
    REVIEWS_REVIEW_RECOMMENDATION_ADD = "reviews.review_recommendation_add"
    REVIEWS_REVIEW_RECOMMENDATION_UPDATE = "reviews.review_recommendation_update"

    # statistics
    STATISTICS_MEASURE_CATALOGUE_IMPORT = "statistics.measure_catalogue_import"
    STATISTICS_RELEASE_IMPORT = "statistics.release_import"
    STATISTICS_RELEASE_PUBLISH = "statistics.release_publish"
    STATISTICS_RELEASE_SET_CONFIDENTIAL = "statistics.release_set_confidential"

    # workprogramme
    WORKPROGRAMME_WORK_ITEM_ADD = "workprogramme.work_item_add"
    WORKPROGRAMME_WORK_ITEM_SCHEDULE = "workprogramme.work_item_schedule"
    WORKPROGRAMME_WORK_ITEM_TRANSITION = "workprogramme.work_item_transition"

    # youthjustice
    YOUTHJUSTICE_YOUTH_JUSTICE_IMPORT = "youthjustice.youth_justice_import"


def audit_record(
    *,
    actor: Actor | None,
    action: AuditAction | str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside a transaction")
    if action not in AuditAction.values:
        raise ValueError(f"{action!r} is not an audit action (scrutiny.core.audit.AuditAction).")
    user = user_of(actor)
    # Every write is audited, so every write tells the public pages' cache (core.pagecache).
    from scrutiny.core.pagecache import bump_content_version

    bump_content_version()
    return AuditEvent.objects.create(
        actor=user,
        actor_label=actor_label(actor),
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        data=data or {},
    )


def audit_trail(target: models.Model):
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
