from django import forms

from scrutiny.committees.models import AgendaItemKind, Panel, Person
from scrutiny.core.forms import GovukDateField, model_choice_field
from scrutiny.core.models import ExemptCategory


class MeetingForm(forms.Form):
    panel = forms.ModelChoiceField(queryset=Panel.objects.all())
    date = GovukDateField(help_text="For example, 28 11 2024")
    start_time = forms.TimeField(help_text="For example, 17:30", input_formats=["%H:%M", "%H.%M"])
    venue = forms.CharField(max_length=200)
    is_public = forms.BooleanField(required=False, initial=True, label="Open to the public")


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
    reason = forms.CharField(
        max_length=300,
        required=False,
        help_text='For example "Temporary resignation from the panel for this meeting".',
    )

    def __init__(self, *args, members, substitutes, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "member").queryset = members
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
