from django import forms

from scrutiny.committees.models import AgendaItemKind, Panel, Person
from scrutiny.core.forms import GovukDateField
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
