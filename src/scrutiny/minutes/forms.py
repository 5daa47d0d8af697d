"""Forms for recording minutes. Validation of substance lives in the services; forms map their
errors onto fields so the GOV.UK error summary can link to them. All are drawn by the one form
renderer (core/includes/field.html)."""

from __future__ import annotations

from django import forms

from scrutiny.committees.models import AgendaItem, Meeting, Person
from scrutiny.committees.queries import expected_attendees
from scrutiny.core.forms import model_choice_field
from scrutiny.core.models import ExemptCategory
from scrutiny.interests.models import Interest
from scrutiny.minutes.models import Amendment, DeclarationKind, MinuteItem, Minutes, Resolution

TEXT_FIELDS = {
    "title": forms.CharField(max_length=300),
    "introduction": forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False),
    "discussion_intro": forms.CharField(
        max_length=200,
        required=False,
        label="Words before the points discussed",
        help_text='For example "The Panel discussed a number of points including:"',
    ),
    "order_of_business_change": forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Change to the order of business",
    ),
    "closing_text": forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Closing text"
    ),
}


class MinuteItemForm(forms.Form):
    number = forms.IntegerField(
        required=False,
        min_value=1,
        label="Minute number",
        help_text="Leave blank to number it after the last minute.",
        widget=forms.TextInput(attrs={"width": "4"}),
    )
    title = forms.CharField(max_length=300)
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label="Agenda item",
        help_text="A minute of an exempt agenda item is withheld until an officer releases it.",
    )
    introduction = TEXT_FIELDS["introduction"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "agenda_item").queryset = meeting.agenda_items.order_by("number")


class MinuteTextForm(forms.Form):
    title = TEXT_FIELDS["title"]
    introduction = TEXT_FIELDS["introduction"]
    discussion_intro = TEXT_FIELDS["discussion_intro"]
    order_of_business_change = TEXT_FIELDS["order_of_business_change"]
    closing_text = TEXT_FIELDS["closing_text"]


class SpeakerForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        required=False,
        label="Name or role",
        help_text='As the minutes print it, for example "The Cabinet Member for Children and '
        'Learning".',
    )
    title = forms.CharField(
        max_length=300,
        required=False,
        label="Further description",
        help_text='Printed after a comma, for example "Early Years".',
    )


class PointForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Point discussed")
    level = forms.TypedChoiceField(
        choices=[(1, "A point"), (2, "A sub-point of the point above")],
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
        label="Level",
    )


class ResolutionForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Resolution",
        help_text='Start with "That", for example "That the report is circulated to the panel." '
        "Numbers (i), (ii) ... are added when printed.",
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


class ExemptionForm(forms.Form):
    is_exempt = forms.BooleanField(
        required=False,
        label="This minute is exempt",
        help_text="Its content is withheld from the public until it is released.",
    )
    exempt_category = forms.ModelChoiceField(
        queryset=ExemptCategory.objects.all(), required=False, label="Exempt category"
    )
    exempt_reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Why the information is exempt",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason for the change",
        help_text="Kept in the audit log.",
    )


class ReleaseForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason for releasing the minute",
        help_text="For example: the panel agreed that the reasons for exemption no longer apply.",
    )


def members_for(meeting: Meeting):
    """Members and substitutes expected at the meeting: the people who make declarations."""
    return Person.objects.filter(pk__in=[a.person.pk for a in expected_attendees(meeting)])


class InterestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label()


class DeclarationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Member")
    kind = forms.ChoiceField(choices=DeclarationKind.choices, label="Kind of declaration")
    item = forms.ModelChoiceField(
        queryset=MinuteItem.objects.none(), required=False, label="Minute"
    )
    matter = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Interest declared")
    interest = InterestChoiceField(
        queryset=Interest.objects.none(),
        required=False,
        label="Entry on the member's register of interests",
        help_text="Leave blank if the interest is not on the register: you will be asked to "
        "add it.",
    )

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        members = members_for(minutes.meeting)
        model_choice_field(self, "person").queryset = members.order_by("kind", "name")
        model_choice_field(self, "item").queryset = minutes.items.order_by("number")
        model_choice_field(self, "interest").queryset = Interest.objects.filter(
            person__in=members, ended_on__isnull=True
        ).select_related("person")


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
