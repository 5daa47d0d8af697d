"""Forms for the tracker; the services hold the rules and their errors land on these fields."""

from __future__ import annotations

from django import forms

from scrutiny.committees.models import Meeting, Person
from scrutiny.core.forms import GovukDateField, VersionedForm, choice_field, model_choice_field
from scrutiny.recommendations.models import RECOMMENDATION_WORKFLOW, AddresseeKind, Recommendation


class RecommendationForm(forms.Form):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.select_related("panel").order_by("-date")
    )
    title = forms.CharField(max_length=300, label="Item title")
    action_proposed = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    addressee_kind = forms.ChoiceField(choices=AddresseeKind.choices, label="Addressed to")
    addressee = forms.CharField(max_length=200, label="Name of the service, member or partner")
    lead_officer = forms.ModelChoiceField(
        queryset=Person.objects.filter(kind=Person.Kind.OFFICER), required=False
    )
    due_date = GovukDateField(required=False)
    target_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.order_by("date"), required=False
    )


class TransitionForm(VersionedForm):
    to = forms.ChoiceField(label="New status")
    on = GovukDateField(required=False, label="Date", help_text="Leave blank for today.")
    at_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, label="Meeting (for panel decisions)"
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = recommendation.version
        choice_field(self, "to").choices = [
            (t.target, t.label) for t in RECOMMENDATION_WORKFLOW.allowed_from(recommendation.status)
        ] or [(recommendation.status, "No further change")]
        model_choice_field(self, "at_meeting").queryset = Meeting.objects.filter(
            panel_id=recommendation.meeting.panel_id, date__gt=recommendation.meeting.date
        ).order_by("date")


class ActionForm(forms.Form):
    on = GovukDateField(required=False, label="Date", help_text="Leave blank for today.")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Action taken")


class ResponseForm(VersionedForm):
    received_on = GovukDateField(label="Date received")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), label="The executive's response"
    )


class DecisionForm(forms.Form):
    recommendation = forms.ModelChoiceField(
        queryset=Recommendation.objects.all(), widget=forms.HiddenInput
    )
    decision = forms.ChoiceField(
        choices=[
            ("accept", "Accept as complete"),
            ("decline", "Do not accept"),
            ("remove", "Remove (rejection reported)"),
        ]
    )
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceLinkForm(forms.Form):
    reference = forms.ChoiceField(label="Evidence the recommendation concerns")

    def __init__(self, *args, **kwargs):
        from scrutiny.core.evidence import offered_choices

        super().__init__(*args, **kwargs)
        self.fields["reference"].choices = [("", "Choose the evidence")] + [
            (group, options) for group, options in offered_choices(printable=False)
        ]
