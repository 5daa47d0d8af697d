"""Panels, the people on them, their meetings and agendas."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from scrutiny.core.access import AccessFacts, AccessLookups
from scrutiny.core.models import Council, ExemptCategory
from scrutiny.core.versioning import Versioned
from scrutiny.core.workflow import Workflow
from scrutiny.core.workingdays import clear_working_days_between, latest_publication_date


class Panel(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    remit = models.TextField(help_text="The role of the panel.")
    terms_of_reference = models.TextField(
        blank=True, help_text="One term per line; lines starting with '- ' are list items."
    )
    quorum = models.PositiveSmallIntegerField(default=3)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:panel", args=[self.slug])


class Person(models.Model):
    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        APPOINTED = "appointed", "Appointed (co-opted) member"
        OFFICER = "officer", "Officer"
        # A witness or public speaker recorded as in attendance: no public page.
        OTHER = "other", "Other (witness or member of the public)"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(
        max_length=20, blank=True, help_text='For example "Mrs", "Dr"; not printed on papers.'
    )
    name = models.CharField(
        max_length=200,
        help_text='As printed on papers: "Barnes-Andrews", "Y Frampton", "Rob Sanders".',
    )
    slug = models.SlugField(unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # Printed on a councillor's public page and in the open data (people of other kinds
    # leave them empty).
    ward = models.CharField(
        max_length=200, blank=True, help_text="The ward a councillor represents."
    )
    party = models.CharField(
        max_length=200, blank=True, help_text="A councillor's political party or group."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.COUNCILLOR:
            return f"Councillor {self.name}"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:person", args=[self.slug])


class PanelContact(models.Model):
    class Role(models.TextChoices):
        DEMOCRATIC_SUPPORT_OFFICER = "dso", "Democratic Support Officer"
        SCRUTINY_MANAGER = "scrutiny_manager", "Scrutiny Manager"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(max_length=32, choices=Role.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contact_roles")

    class Meta:
        ordering = ["panel", "role"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "role"], name="one_contact_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person}"


class NominatingBody(models.TextChoices):
    CHURCH_OF_ENGLAND = "church_of_england", "Church of England"
    ROMAN_CATHOLIC = "roman_catholic", "Roman Catholic Church"
    PARENT_GOVERNORS = "parent_governors", "Parent governors"
    OTHER = "other", "Other"


class Seat(models.Model):
    """A place on a panel. A seat with no current membership is a vacancy."""

    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        APPOINTED = "appointed", "Appointed member"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="seats")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    label = models.CharField(
        max_length=100,
        blank=True,
        help_text='What the seat represents, e.g. "Primary Parent Governor", "Church of England".',
    )
    nominating_body = models.CharField(max_length=32, choices=NominatingBody.choices, blank=True)
    votes_on_education_only = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    abolished_on = models.DateField(
        null=True, blank=True, help_text="The seat no longer exists from this date."
    )

    class Meta:
        ordering = ["panel", "kind", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.panel}: {self.get_kind_display()} seat {self.label}".strip()

    @property
    def vacancy_label(self) -> str:
        return f"Vacancy - {self.label}" if self.label else "Vacancy"


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["seat__panel", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.seat.panel} ({self.get_role_display()})"

    def covers(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @staticmethod
    def active_q(day: date, prefix: str = "") -> Q:
        return Q(**{f"{prefix}start_date__lte": day}) & (
            Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
        )


class MunicipalYear(models.Model):
    label = models.CharField(max_length=20, unique=True, help_text='For example "2024/25".')
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.label


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"
    CANCELLED = "cancelled", "Cancelled"


# The services that own a meeting's transitions (``Workflow`` refuses them to anyone else).
AGENDA_PUBLICATION = "agenda publication service (the meeting's papers screen)"
MINUTES_APPROVAL = "minutes approval service (the minutes screen)"


@dataclass
class MeetingMove:
    """What a meeting transition's guards judge: the meeting, when, why, and what is published.

    ``items`` are the agenda items being published and ``urgent`` the ids of those recorded as
    urgent (the publication service knows both). ``record_of_past`` marks history being
    recorded (an agenda printed before this system), to which the notice rules do not apply.
    """

    meeting: Meeting
    when: datetime
    reason: str = ""
    items: Sequence[AgendaItem] = ()
    urgent: Collection[int] = field(default_factory=frozenset)
    record_of_past: bool = False


def papers_in_time(move: MeetingMove) -> str | None:
    """The clear-days rule: papers go out the council's clear working days before the meeting.

    Later than that, every item other than the procedural ones must be recorded as urgent
    (it is then a supplementary agenda). Also applied to each supplementary publication.
    """
    if move.record_of_past:
        return None
    meeting = move.meeting
    day = timezone.localtime(move.when).date()
    if day >= meeting.date:
        return "Papers must be published before the day of the meeting."
    council = Council.load()
    clear_days = clear_working_days_between(day, meeting.date, council.bank_holiday_region)
    if clear_days >= council.clear_days_notice:
        return None
    not_urgent = [
        i for i in move.items if i.kind not in PROCEDURAL_KINDS and i.pk not in move.urgent
    ]
    if not not_urgent:
        return None
    deadline = latest_publication_date(
        meeting.date, council.clear_days_notice, council.bank_holiday_region
    )
    return (
        f"Too late to publish: a meeting on {meeting.date:%A %-d %B %Y} needs its papers by "
        f"{deadline:%A %-d %B %Y} ({council.clear_days_notice} clear working days; "
        f"{clear_days} left). To publish late, record why each of these items is urgent: "
        + "; ".join(f"item {i.number} {i.title}" for i in not_urgent)
        + "."
    )


def meeting_day_reached(move: MeetingMove) -> str | None:
    if move.meeting.date > timezone.localtime(move.when).date():
        return "A meeting cannot be recorded as held before its date."
    return None


def reason_given(move: MeetingMove) -> str | None:
    return None if move.reason.strip() else "Give the reason for cancelling the meeting."


MEETING_WORKFLOW = Workflow(
    MeetingStatus,
    [
        (
            MeetingStatus.SCHEDULED,
            MeetingStatus.AGENDA_PUBLISHED,
            "Publish the agenda",
            [papers_in_time],
            AGENDA_PUBLICATION,
        ),
        (MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED, "Cancel the meeting", [reason_given]),
        (
            MeetingStatus.AGENDA_PUBLISHED,
            MeetingStatus.HELD,
            "Record that the meeting was held",
            [meeting_day_reached],
        ),
        (
            MeetingStatus.AGENDA_PUBLISHED,
            MeetingStatus.CANCELLED,
            "Cancel the meeting",
            [reason_given],
        ),
        (
            MeetingStatus.HELD,
            MeetingStatus.MINUTES_APPROVED,
            "Approve the minutes",
            [],
            MINUTES_APPROVAL,
        ),
    ],
)


class Meeting(Versioned):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="meetings")
    municipal_year = models.ForeignKey(
        MunicipalYear, on_delete=models.PROTECT, related_name="meetings", null=True, blank=True
    )
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(
        null=True, blank=True, help_text="Expected end; calendars assume two hours when empty."
    )
    venue = models.CharField(max_length=200)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    is_public = models.BooleanField(default=True, help_text="Open to the public.")
    notice = models.CharField(
        max_length=200,
        blank=True,
        help_text='A notice on the front sheet, e.g. "Please note time of meeting".',
    )
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)
    # Calendars (RFC 5545 SEQUENCE) learn of a change of time, place or status from this
    # revision number, raised by the services that make such changes.
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "date", "start_time"], name="one_meeting_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.panel} – {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("public:meeting", args=[self.pk])

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def has_been_held(self) -> bool:
        return self.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)

    @property
    def is_upcoming(self) -> bool:
        return self.date >= timezone.localdate() and self.status != MeetingStatus.CANCELLED


class AgendaItemKind(models.TextChoices):
    APOLOGIES = "apologies", "Apologies and changes in membership"
    INTERESTS = "interests", "Disclosure of personal and pecuniary interests"
    SCRUTINY_INTEREST = "scrutiny_interest", "Declarations of scrutiny interest"
    WHIP = "whip", "Declaration of party political whip"
    CHAIR_STATEMENT = "chair_statement", "Statement from the chair"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting"
    EXCLUSION = "exclusion", "Exclusion of the press and public"
    REPORT = "report", "Report"
    MONITORING = "monitoring", "Monitoring scrutiny recommendations"


PROCEDURAL_KINDS = {
    AgendaItemKind.APOLOGIES,
    AgendaItemKind.INTERESTS,
    AgendaItemKind.SCRUTINY_INTEREST,
    AgendaItemKind.WHIP,
    AgendaItemKind.CHAIR_STATEMENT,
    AgendaItemKind.PREVIOUS_MINUTES,
}


class AgendaItem(Versioned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.REPORT
    )
    summary = models.TextField(blank=True)
    report_author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="authored_items"
    )
    page_start = models.PositiveIntegerField(null=True, blank=True)
    page_end = models.PositiveIntegerField(null=True, blank=True)
    is_exempt = models.BooleanField(default=False, help_text="The whole item is taken in private.")
    exempt_category = models.ForeignKey(
        ExemptCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exempt_reasons = models.TextField(
        blank=True, help_text="Why the information is exempt; the public interest test."
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_item_number"),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_category__isnull=False),
                name="exempt_item_has_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_procedural(self) -> bool:
        return self.kind in PROCEDURAL_KINDS

    @property
    def pages_label(self) -> str:
        if self.page_start and self.page_end:
            return f"Pages {self.page_start} - {self.page_end}"
        if self.page_start:
            return f"Page {self.page_start}"
        return ""

    # Access: an exempt item's title and category are public; its summary is not.
    def access_facts(self) -> AccessFacts:
        return AccessFacts(
            panel_id=self.meeting.panel_id,
            meeting_id=self.meeting_id,
            published=self.meeting.agenda_is_published,
            withheld=self.is_exempt,
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="meeting__panel",
            meeting="meeting",
            published=Q(meeting__agenda_published_at__isnull=False),
            withheld=Q(is_exempt=True),
        )


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        PRESENT_AS_SUBSTITUTE = "substitute", "Present as substitute"
        PRESENT_VIRTUALLY = "virtual", "Present virtually"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        # Not a member: a cabinet member, officer, witness or public speaker.
        IN_ATTENDANCE = "in_attendance", "In attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(max_length=16, choices=Status.choices)

    class Meta:
        ordering = ["meeting", "person__kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()} – {self.meeting}"

    @property
    def is_present(self) -> bool:
        return self.status in PRESENT_STATUSES


# In the room (counted for quorum, for members) or on a video link (not counted).
PRESENT_STATUSES = frozenset(
    {
        Attendance.Status.PRESENT,
        Attendance.Status.PRESENT_AS_SUBSTITUTE,
        Attendance.Status.PRESENT_VIRTUALLY,
    }
)
# Statuses a member or substitute of the meeting may have; the rest are for non-members.
MEMBER_STATUSES = (
    Attendance.Status.PRESENT,
    Attendance.Status.PRESENT_VIRTUALLY,
    Attendance.Status.APOLOGIES,
    Attendance.Status.ABSENT,
)
SUBSTITUTE_STATUSES = (
    Attendance.Status.PRESENT_AS_SUBSTITUTE,
    Attendance.Status.PRESENT_VIRTUALLY,
    Attendance.Status.APOLOGIES,
    Attendance.Status.ABSENT,
)


class Substitution(models.Model):
    """A temporary replacement for one meeting (appointed by the Monitoring Officer)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="substitutions")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="substituted_by")
    substitute = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="substitutions")
    appointed_by = models.CharField(max_length=200, default="Monitoring Officer")
    appointed_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_substitute_per_member"),
            models.UniqueConstraint(fields=["meeting", "substitute"], name="substitutes_once"),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} for {self.member} at {self.meeting}"


class MeetingChange(models.Model):
    """A dated change to a meeting whose agenda is published: never a silent edit.

    A notice (date, time, venue or openness changed), a postponement or cancellation, or a
    change to the published agenda (an item added, changed or withdrawn, which goes out on a
    supplementary agenda). The public meeting page lists them, newest first.
    """

    class Kind(models.TextChoices):
        NOTICE = "notice", "Notice of change"
        POSTPONED = "postponed", "Meeting postponed"
        CANCELLED = "cancelled", "Meeting cancelled"
        ITEM_ADDED = "item_added", "Supplementary agenda: item added"
        ITEM_CHANGED = "item_changed", "Supplementary agenda: item changed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    description = models.TextField(help_text="What changed, as the public reads it.")
    reason = models.TextField(blank=True)
    made_at = models.DateTimeField()
    made_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.meeting} ({self.made_at:%-d %B %Y})"
