"""Saving imported papers through the ordinary services; re-import and bad input store nothing."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from scrutiny.committees.models import Attendance, Meeting, MeetingStatus, Panel, Person
from scrutiny.core.models import AuditEvent
from scrutiny.documents.models import Document
from scrutiny.minutes.models import MinuteItem, Minutes
from scrutiny.paperimport import services
from scrutiny.paperimport.models import ImportStatus, PaperImport
from tests.paperimport.pdfs import image_only_pdf, text_to_pdf

FIXTURES = Path(__file__).parent / "fixtures"
MINUTES_2020 = (FIXTURES / "minutes-2020-01-23.txt").read_bytes()


@pytest.fixture
def categories(db):
    call_command("load_demo", "--apps", "core", stdout=io.StringIO())


def _import(name, data=None, actor="test"):
    data = data if data is not None else (FIXTURES / name).read_bytes()
    return services.paper_import_create(actor=actor, file_name=name, data=data)


def test_minutes_saved_through_the_services_with_an_audit_trail(categories, officer):
    record = _import("minutes-2020-01-23.txt", actor=officer)
    assert Meeting.objects.count() == 0  # proposed only
    with pytest.raises(ValidationError, match="Enter the start time"):
        services.paper_import_save(actor=officer, paper_import=record, publish=True)
    proposal = record.proposal
    proposal["meetings"][0]["start_time"] = (
        "17:30"  # not printed in the minutes: the officer adds it
    )
    outcome = services.paper_import_save(
        actor=officer, paper_import=record, publish=True, proposal=proposal
    )
    assert not outcome.errors
    meeting = Meeting.objects.get(date="2020-01-23")
    assert meeting.panel.name == "Children and Families Scrutiny Panel"
    assert meeting.status == MeetingStatus.HELD
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.is_published
    assert list(minutes.items.values_list("number", flat=True)) == list(range(23, 30))
    exclusion = minutes.items.get(number=27)
    assert exclusion.excludes_public
    assert sorted(c.code for c in exclusion.exclusion_categories.all()) == ["1", "7"]
    assert minutes.items.get(number=23).order_of_business_change.startswith("The Chair sought")
    assert [r.text[:12] for r in minutes.items.get(number=29).resolutions.all()] == [
        "That details",
        "That the rec",
    ]
    statuses = Attendance.objects.filter(meeting=meeting).values_list("status", flat=True)
    assert (list(statuses).count("present"), list(statuses).count("apologies")) == (9, 3)
    # Every record went through a service: each minute has its audit event, by this officer.
    audited = AuditEvent.objects.filter(action="minutes.minute_item_add", actor=officer)
    assert audited.count() == 7
    record.refresh_from_db()
    assert record.status == ImportStatus.SAVED
    original = record.document
    assert (original.meeting, original.kind, original.published_at is not None) == (
        meeting,
        Document.Kind.MINUTES,
        True,
    )
    assert "23 JANUARY 2020" in original.body_html


def _with_time(record):
    proposal = record.proposal
    for meeting in proposal["meetings"]:
        meeting["start_time"] = meeting["start_time"] or "17:30"
    return proposal


def test_the_same_file_again_proposes_nothing_and_stores_nothing(categories):
    record = _import("minutes-2020-01-23.txt")
    services.paper_import_save(
        actor="test", paper_import=record, publish=False, proposal=_with_time(record)
    )
    before = (PaperImport.objects.count(), AuditEvent.objects.count(), MinuteItem.objects.count())
    with pytest.raises(services.NothingNew, match="nothing new was proposed"):
        _import("minutes-2020-01-23.txt")
    assert (
        PaperImport.objects.count(),
        AuditEvent.objects.count(),
        MinuteItem.objects.count(),
    ) == before


def test_known_people_and_panels_are_linked_not_duplicated(db):
    call_command("load_demo", "--apps", "core", "committees", stdout=io.StringIO())
    people, panels = Person.objects.count(), Panel.objects.count()
    plan = services.preview("minutes.txt", MINUTES_2020)
    new = [s["what"] for s in plan["plan"]["steps"] if s["action"] == "create"]
    assert not [
        w for w in new if w.startswith(("Add councillor", "Add appointed", "Add the panel"))
    ]
    assert "Add the meeting of Children and Families Scrutiny Panel, 23 January 2020" not in new
    assert "Start the minutes of 23 January 2020" in new
    assert (Person.objects.count(), Panel.objects.count()) == (people, panels)  # a dry run


def test_a_pack_creates_its_meeting_and_the_previous_meetings_minutes(categories):
    record = _import("pack-2024-09-26.txt")
    record.proposal = _with_time(record)
    plan = services.plan(record)
    refused = [s for s in plan.steps if s.action == "error"]
    # No memberships are on record, so the substitutes cannot be appointed: the save is refused.
    assert [s.key for s in refused] == ["m1.substitutions.0", "m1.substitutions.1"]
    with pytest.raises(ValidationError, match="Nothing was saved"):
        services.paper_import_save(actor="test", paper_import=record, publish=False)
    assert Meeting.objects.count() == 0
    proposal = _with_time(record)
    for sub in proposal["meetings"][1]["substitutions"]:
        sub["skip"] = True
    services.paper_import_save(actor="test", paper_import=record, publish=False, proposal=proposal)
    pack = Meeting.objects.get(date="2024-09-26")
    assert [(i.number, i.page_start, i.page_end) for i in pack.agenda_items.all()][5:] == [
        (6, 1, 4),
        (7, 5, 14),
        (8, 15, 40),
        (9, 41, 78),
        (10, 79, 84),
    ]
    assert pack.agenda_published_at.date().isoformat() == "2024-09-18"
    august = Minutes.objects.get(meeting__date="2024-08-08")
    assert not august.is_published  # the officer chose not to publish
    original = Document.objects.get(meeting=pack)
    assert (original.kind, original.published_at) == (Document.Kind.OTHER, None)


def test_a_pdf_is_kept_as_the_historic_document_as_it_was(categories):
    pdf = text_to_pdf(MINUTES_2020.decode())
    record = _import("minutes-2020-01-23.pdf", pdf)
    services.paper_import_save(
        actor="test", paper_import=record, publish=True, proposal=_with_time(record)
    )
    document = PaperImport.objects.get().document
    assert document.content_type == "application/pdf"
    with document.file.open("rb") as stored:
        assert stored.read() == pdf


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.pdf", b""),
        ("scan.pdf", image_only_pdf()),
        ("sheet.pdf", b"PK\x03\x04" + b"\x00" * 64),
        ("report.txt", (FIXTURES / "young-peoples-service-report-2023.txt").read_bytes()),
    ],
)
def test_bad_input_stores_nothing(categories, name, data, settings):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _import(name, data)
    assert refused.value.messages[0].startswith(f"{name}: ")
    assert "Nothing was imported" in refused.value.messages[0]
    assert (PaperImport.objects.count(), Meeting.objects.count()) == (0, 0)
    assert AuditEvent.objects.count() == events
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]  # no file kept


def test_rejecting_keeps_the_proposal_but_deletes_the_file(
    categories, django_capture_on_commit_callbacks
):
    record = _import("minutes-2020-01-23.txt")
    stored = record.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_import_reject(actor="test", paper_import=record)
    record.refresh_from_db()
    assert record.status == ImportStatus.REJECTED
    assert not record.file.storage.exists(stored)
    with pytest.raises(ValidationError, match="cannot go from Rejected"):
        services.paper_import_save(actor="test", paper_import=record, publish=False)


def test_receiving_then_reading_is_the_background_path(categories, client, officer):
    """Received files wait to be read (a task's job); the review page says so meanwhile."""
    record = services.paper_import_receive(
        actor="test", file_name="minutes.txt", data=MINUTES_2020, vocabulary="southampton"
    )
    assert (record.status, record.proposal) == (ImportStatus.RECEIVED, {})
    client.force_login(officer)
    assert "Scrutiny is reading the file" in client.get(record.get_absolute_url()).content.decode()
    record = services.paper_import_read(actor="test", paper_import_id=record.pk)
    assert record.status == ImportStatus.PROPOSED
    assert record.proposal["meetings"][0]["date"] == "2020-01-23"
