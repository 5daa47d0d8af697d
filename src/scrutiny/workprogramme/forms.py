from __future__ import annotations

from django import forms

from scrutiny.committees.models import Meeting, MunicipalYear, Person
from scrutiny.core.forms import model_choice_field
from scrutiny.recommendations.models import Recommendation
from scrutiny.workprogramme.models import WorkItemReason


class WorkItemForm(forms.Form):
    topic = forms.CharField(max_length=300)
    reason = forms.ChoiceField(choices=WorkItemReason.choices, label="Why it is on the programme")
    detail = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    municipal_year = forms.ModelChoiceField(queryset=MunicipalYear.objects.order_by("-start_date"))
    target_meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), required=False)
    target_period = forms.CharField(
        max_length=60, required=False, help_text='For example "January 2025" or "2025/26".'
    )
    lead_officer = forms.ModelChoiceField(
        queryset=Person.objects.filter(kind=Person.Kind.OFFICER), required=False
    )
    recommendations = forms.ModelMultipleChoiceField(
        queryset=Recommendation.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "target_meeting").queryset = Meeting.objects.filter(
            panel=panel
        ).order_by("date")
        model_choice_field(self, "recommendations").queryset = Recommendation.objects.filter(
            meeting__panel=panel
        ).select_related("meeting")


class WorkItemTransitionForm(forms.Form):
    to = forms.ChoiceField(choices=[("considered", "Considered"), ("withdrawn", "Withdrawn")])
    reason = forms.CharField(required=False)
