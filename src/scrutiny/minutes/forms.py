"""Forms for recording minutes. Validation of substance lives in the services; forms map their
errors onto fields so the GOV.UK error summary can link to them."""

from __future__ import annotations

from django import forms

from scrutiny.committees.models import AgendaItem, Attendance, Meeting, Person
from scrutiny.core.forms import model_choice_field
from scrutiny.core.models import ExemptCategory
from scrutiny.minutes.models import Amendment, DeclarationKind, MinuteItem, Minutes, Resolution


class MinuteItemForm(forms.Form):
    number = forms.IntegerField(
        required=False,
        min_value=1,
        label="Minute number",
        help_text="Leave blank to number it after the last minute.",
    )
    title = forms.CharField(max_length=300)
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item"
    )
    introduction = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    discussion_intro = forms.CharField(
        max_length=200, required=False, label="Words before the points discussed"
    )
    order_of_business_change = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Change to the order of business",
    )
    closing_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    is_exempt = forms.BooleanField(required=False, label="Taken in private (exempt minute)")
    exempt_category = forms.ModelChoiceField(queryset=ExemptCategory.objects.all(), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "agenda_item").queryset = meeting.agenda_items.order_by("number")


class MinuteTextForm(forms.Form):
    title = forms.CharField(max_length=300)
    introduction = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    discussion_intro = forms.CharField(
        max_length=200, required=False, label="Words before the points discussed"
    )
    order_of_business_change = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Change to the order of business",
    )
    closing_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SpeakerForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name")
    title = forms.CharField(max_length=300, required=False, label="Title or role")


class PointForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Point discussed")
    level = forms.TypedChoiceField(choices=[(1, "Point"), (2, "Sub-point")], coerce=int, initial=1)


class ResolutionForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Resolution",
        help_text='Start with "That", for example "That the report is circulated to the panel."',
    )


class ExclusionForm(forms.Form):
    categories = forms.ModelMultipleChoiceField(
        queryset=ExemptCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Exempt-information categories",
    )
    public_interest_reasoning = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Public interest reasoning"
    )


def _people_for(meeting: Meeting):
    return Person.objects.exclude(kind=Person.Kind.OFFICER).order_by("kind", "name")


class AttendanceForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none())
    status = forms.ChoiceField(choices=Attendance.Status.choices)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = _people_for(meeting)


class DeclarationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Member")
    kind = forms.ChoiceField(choices=DeclarationKind.choices, label="Kind of declaration")
    item = forms.ModelChoiceField(
        queryset=MinuteItem.objects.none(), required=False, label="Minute"
    )
    matter = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Interest declared")

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = _people_for(minutes.meeting)
        model_choice_field(self, "item").queryset = minutes.items.order_by("number")


class ApproveForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label="Meeting that approved the minutes"
    )

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = minutes.meeting
        model_choice_field(self, "at_meeting").queryset = Meeting.objects.filter(
            panel_id=meeting.panel_id, date__gt=meeting.date
        ).order_by("date")


class AmendmentForm(forms.Form):
    field = forms.ChoiceField(choices=Amendment.Field.choices, label="Part of the minute")
    resolution = forms.ModelChoiceField(queryset=Resolution.objects.none(), required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Amended text")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    agreed_at = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label="Meeting that agreed the amendment"
    )

    def __init__(self, *args, item: MinuteItem, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "resolution").queryset = item.resolutions.order_by("number")
        meeting = item.minutes.meeting
        model_choice_field(self, "agreed_at").queryset = Meeting.objects.filter(
            panel_id=meeting.panel_id, date__gt=meeting.date
        ).order_by("date")
