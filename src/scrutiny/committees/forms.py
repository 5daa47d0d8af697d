from django import forms

from scrutiny.committees.models import (
    AgendaItemKind,
    Membership,
    NominatingBody,
    Panel,
    Person,
    Seat,
)
from scrutiny.core.forms import GovukDateField, VersionedForm
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


class SubstitutionForm(forms.Form):
    member = forms.ModelChoiceField(queryset=Person.objects.none(), label="Member replaced")
    substitute = forms.ModelChoiceField(
        queryset=Person.objects.filter(kind=Person.Kind.COUNCILLOR), label="Substitute"
    )
    appointed_by = forms.CharField(max_length=200, initial="Monitoring Officer")
    appointed_on = _date("Date appointed", help_text="For example, 20/11/2025")
    reason = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members


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
