"""Forms for each stage of a case; the services validate the substance."""

from __future__ import annotations

from django import forms

from scrutiny.core.forms import GovukDateField
from scrutiny.reviews.models import ActionStatus, DecisionKind, LearningTheme


def date_field(label: str, required: bool = False, help_text: str = "") -> GovukDateField:
    return GovukDateField(label=label, required=required, help_text=help_text)


class VersionedForm(forms.Form):
    """Carries the version of the record the editor saw, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CaseCreateForm(forms.Form):
    reference = forms.CharField(
        label="Internal reference",
        max_length=40,
        help_text=(
            "The partnership's own reference, such as RR-2024-03. Never a child's name, "
            "UPN, NHS number or record number."
        ),
    )
    incident_date = date_field("Date of the incident", required=True)
    aware_date = date_field("Date the local authority became aware", required=True)
    notification_date = date_field(
        "Date of the serious incident notification",
        help_text="Leave empty if the incident has not been notified.",
    )


class CaseDatesForm(VersionedForm):
    incident_date = date_field("Date of the incident", required=True)
    aware_date = date_field("Date the local authority became aware", required=True)
    notification_date = date_field("Date of the serious incident notification")


class NotifyForm(VersionedForm):
    notification_date = date_field("Date of the serious incident notification", required=True)


class DecisionForm(VersionedForm):
    rapid_review_date = date_field(
        "Date of the rapid review", help_text="Leave empty for a referral that was not notified."
    )
    decision = forms.ChoiceField(
        choices=[("", "Choose the decision"), *DecisionKind.choices], label="Decision"
    )
    decision_date = date_field("Date of the decision", required=True)


class MilestonesForm(VersionedForm):
    commissioned_on = date_field("Date commissioned")
    reviewer = forms.CharField(label="Lead reviewer", max_length=200, required=False)
    draft_received_on = date_field("Date the draft report was received")
    sent_to_national_panel_on = date_field("Date sent to the national panel")


class PublishForm(VersionedForm):
    published_on = date_field("Date published", required=True)
    publication_url = forms.CharField(
        label="Address of the published review", max_length=200, help_text="Starting https://"
    )


class CloseForm(VersionedForm):
    closed_on = date_field("Date the case closed", required=True)


class ThemesForm(VersionedForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=LearningTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Learning themes",
    )
    new_themes = forms.CharField(
        label="New themes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='One theme a line, such as "Neglect".',
    )


class RecommendationForm(VersionedForm):
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}))
    owning_agency = forms.CharField(label="Owning agency", max_length=200)
    action = forms.CharField(
        label="Action taken", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence_of_impact = forms.CharField(
        label="Evidence of impact", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    status = forms.ChoiceField(choices=ActionStatus.choices, label="Status")
    completed_on = date_field("Date completed", help_text="When the status is complete.")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Register file (CSV or XLSX)",
        help_text=(
            "Columns: reference, incident_date, aware_date, notification_date, "
            "rapid_review_date, decision, decision_date. Dates as DD/MM/YYYY or YYYY-MM-DD."
        ),
    )


class PeriodForm(forms.Form):
    start = date_field("From", required=True)
    end = date_field("To", required=True)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be after its start.")
        return data
