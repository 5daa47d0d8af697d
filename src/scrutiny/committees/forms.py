from django import forms

from scrutiny.committees.models import (
    AgendaItemKind,
    Membership,
    NominatingBody,
    Panel,
    Person,
    Seat,
)
from scrutiny.core.forms import GovukDateField, VersionedForm, model_choice_field
from scrutiny.core.models import ExemptCategory

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]


def _date(label: str = "Date", required: bool = True, help_text: str = "For example, 28/11/2025"):
    return forms.DateField(
        label=label, required=required, help_text=help_text, input_formats=DATE_FORMATS
    )


def _time():
    return forms.TimeField(help_text="For example, 17:30", input_formats=TIME_FORMATS)


class MeetingForm(forms.Form):
    panel = forms.ModelChoiceField(queryset=Panel.objects.all())
    date = GovukDateField(help_text="For example, 28 11 2024")
    start_time = forms.TimeField(help_text="For example, 17:30", input_formats=["%H:%M", "%H.%M"])
    venue = forms.CharField(max_length=200)
    is_public = forms.BooleanField(required=False, initial=True, label="Open to the public")


class MeetingEditForm(VersionedForm):
    date = _date()
    start_time = _time()
    venue = forms.CharField(max_length=200)
    is_public = forms.BooleanField(required=False, label="Open to the public")
    reason = forms.CharField(
        required=False,
        label="Reason for the change",
        help_text="Shown on the public meeting page once the agenda is published.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PostponeForm(VersionedForm):
    date = _date("New date")
    start_time = _time()
    reason = forms.CharField(
        label="Reason for postponing", widget=forms.Textarea(attrs={"rows": 2})
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=AgendaItemKind.choices, initial=AgendaItemKind.REPORT)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    report_author = forms.ModelChoiceField(
        queryset=Person.objects.filter(kind=Person.Kind.OFFICER), required=False
    )
    is_exempt = forms.BooleanField(required=False, label="The whole item is exempt")
    exempt_category = forms.ModelChoiceField(queryset=ExemptCategory.objects.all(), required=False)
    exempt_reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AgendaItemEditForm(VersionedForm, AgendaItemForm):
    reason = forms.CharField(
        required=False,
        label="Reason for the change",
        help_text="Needed once the agenda is published: the change is shown publicly.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransitionForm(forms.Form):
    to = forms.CharField()
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttendanceGridForm(forms.Form):
    """One status for every person expected at the meeting (see queries.expected_attendees)."""

    def __init__(self, *args, attendees, current: dict[int, str], **kwargs):
        from scrutiny.committees.models import MEMBER_STATUSES, SUBSTITUTE_STATUSES, Attendance

        super().__init__(*args, **kwargs)
        self.attendees = attendees
        for attendee in attendees:
            statuses = SUBSTITUTE_STATUSES if attendee.is_substitute else MEMBER_STATUSES
            status = current.get(attendee.person.pk, "")
            if attendee.is_substitute and status == Attendance.Status.PRESENT:
                status = Attendance.Status.PRESENT_AS_SUBSTITUTE  # as imported records have it
            field = forms.ChoiceField(
                choices=[(s, Attendance.Status(s).label) for s in statuses],
                widget=forms.RadioSelect,
                required=False,
                label=attendee.person.display_name,
                help_text=attendee.capacity,
                initial=status,
            )
            self.fields[f"status_{attendee.person.pk}"] = field

    def rows(self):
        """(attendee, bound field) pairs, in the order the minutes list people."""
        return [(a, self[f"status_{a.person.pk}"]) for a in self.attendees]

    def statuses(self) -> dict[int, str]:
        return {
            a.person.pk: self.cleaned_data.get(f"status_{a.person.pk}") or ""
            for a in self.attendees
        }


class SubstitutionForm(forms.Form):
    member = forms.ModelChoiceField(queryset=Person.objects.none(), label="Member being replaced")
    substitute = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Substitute",
        help_text="A councillor who is not a member of the panel.",
    )
    new_substitute = forms.CharField(
        max_length=200,
        required=False,
        label="Or a councillor not yet in Scrutiny",
        help_text='Their name as printed, for example "Mrs Blatchford".',
    )
    appointed_by = forms.CharField(max_length=200, initial="Monitoring Officer")
    appointed_on = _date("Date appointed", required=False, help_text="For example, 20/11/2025")
    reason = forms.CharField(
        max_length=300,
        required=False,
        help_text='For example "Temporary resignation from the panel for this meeting".',
    )

    def __init__(self, *args, members, substitutes=None, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "member").queryset = members
        if substitutes is None:
            substitutes = Person.objects.filter(kind=Person.Kind.COUNCILLOR).order_by("name")
        model_choice_field(self, "substitute").queryset = substitutes

    def clean(self):
        data = super().clean()
        if not data.get("substitute") and not (data.get("new_substitute") or "").strip():
            self.add_error("substitute", "Choose the substitute, or enter a new councillor.")
        return data


class InAttendanceForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Person in attendance",
        help_text="A cabinet member, officer or other councillor already in Scrutiny.",
    )
    new_name = forms.CharField(
        max_length=200, required=False, label="Or someone new: name", help_text="As printed."
    )
    new_kind = forms.ChoiceField(
        choices=[
            (Person.Kind.OFFICER, "Officer"),
            (Person.Kind.COUNCILLOR, "Councillor (for example a cabinet member)"),
            (Person.Kind.OTHER, "Witness or member of the public"),
        ],
        required=False,
        label="Someone new: kind",
    )
    new_job_title = forms.CharField(
        max_length=200, required=False, label="Someone new: role or job title"
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = people

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("new_name") or "").strip():
            self.add_error("person", "Choose the person in attendance, or enter someone new.")
        return data


class PersonForm(forms.Form):
    kind = forms.ChoiceField(choices=Person.Kind.choices)
    title = forms.CharField(max_length=20, required=False, help_text='For example "Mrs", "Dr"')
    name = forms.CharField(
        max_length=200, help_text='As printed on papers, for example "Barnes-Andrews"'
    )
    ward = forms.CharField(max_length=100, required=False, help_text="Councillors only")
    party = forms.CharField(max_length=100, required=False, help_text="Councillors only")
    job_title = forms.CharField(max_length=200, required=False)
    telephone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(required=False)


class SeatForm(forms.Form):
    kind = forms.ChoiceField(choices=Seat.Kind.choices)
    label = forms.CharField(
        max_length=100, required=False, help_text='For example "Primary Parent Governor"'
    )
    nominating_body = forms.ChoiceField(
        choices=[("", "None (a councillor seat)"), *NominatingBody.choices], required=False
    )
    votes_on_education_only = forms.BooleanField(
        required=False, label="Votes on education matters only"
    )


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.exclude(kind=Person.Kind.OFFICER))
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    start_date = _date("Start date")
    end_date = _date("End date", required=False, help_text="Leave empty if it has no end yet")


class MembershipEndForm(forms.Form):
    end_date = _date("End date")


class MunicipalYearForm(forms.Form):
    label = forms.CharField(max_length=20, help_text='For example "2025/26"')
    start_date = _date("Start date", help_text="For example, 21/05/2025")
    end_date = _date("End date", help_text="For example, 19/05/2026")


class RescheduleForm(forms.Form):
    date = GovukDateField(help_text="For example, 28 11 2024")
    start_time = forms.TimeField(help_text="For example, 17:30", input_formats=["%H:%M", "%H.%M"])
    end_time = forms.TimeField(
        required=False,
        help_text="Expected end, for example 19:30 (calendars assume two hours if empty)",
        input_formats=["%H:%M", "%H.%M"],
    )
    venue = forms.CharField(max_length=200)
    reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Reason (for the record)"
    )
