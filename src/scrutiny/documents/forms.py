"""Forms for officers: written reports, uploads, appendices, replacements and urgency."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from scrutiny.core.forms import GovukDateField
from scrutiny.core.models import ExemptCategory
from scrutiny.documents.models import Report

TEXTAREA = {"class": "govuk-textarea", "rows": 4}
INPUT = {"class": "govuk-input"}


class GovukMixin:
    """GOV.UK classes on every widget, so the shared templates render any form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = {
                forms.Textarea: "govuk-textarea",
                forms.Select: "govuk-select",
                forms.CheckboxInput: "govuk-checkboxes__input",
                forms.ClearableFileInput: "govuk-file-upload",
                forms.FileInput: "govuk-file-upload",
            }.get(type(widget), "govuk-input")
            widget.attrs.setdefault("class", css)


class ReportForm(GovukMixin, forms.ModelForm):
    # The version the officer opened: a save over someone else's later one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    background = forms.CharField(
        label="Background documents",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: the title, then (only if it is exempt) a vertical bar and the paragraph, "
        "e.g. “Audit notes | Paragraph 1 of Schedule 12A”.",
    )

    class Meta:
        model = Report
        fields = [
            "decision_maker",
            "subject",
            "date_of_decision",
            "report_of",
            "director_title",
            "director_name",
            "director_telephone",
            "director_email",
            "author_title",
            "author_name",
            "author_telephone",
            "author_email",
            "confidentiality",
            "brief_summary",
            "recommendations",
            "reasons",
            "alternative_options",
            "detail",
            "resource_implications",
            "legal_statutory_power",
            "legal_other",
            "risk_implications",
            "policy_framework_implications",
            "key_decision",
            "wards_affected",
            "documents_in_members_rooms",
            "esia_required",
            "dpia_required",
        ]
        field_classes = {"date_of_decision": GovukDateField}
        help_texts = {
            name: "Separate paragraphs with a blank line; paragraphs are numbered for you."
            for name in [
                "reasons",
                "alternative_options",
                "detail",
                "resource_implications",
                "legal_statutory_power",
                "legal_other",
                "risk_implications",
                "policy_framework_implications",
            ]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["background"].initial = "\n".join(
                f"{b['title']} | {b['exempt_paragraph']}"
                if b.get("exempt_paragraph")
                else b["title"]
                for b in self.instance.background_documents
            )

    def clean_background(self) -> list[dict]:
        entries = []
        for line in self.cleaned_data["background"].splitlines():
            if not line.strip():
                continue
            title, _, paragraph = line.partition("|")
            entries.append({"title": title.strip(), "exempt_paragraph": paragraph.strip()})
        return entries

    def report_fields(self) -> dict:
        fields = {k: v for k, v in self.cleaned_data.items() if k not in ("background", "version")}
        fields["background_documents"] = self.cleaned_data["background"]
        return fields


class ExemptionFields(forms.Form):
    is_exempt = forms.BooleanField(
        label="Not for publication (exempt or confidential)", required=False
    )
    exempt_category = forms.ModelChoiceField(
        queryset=ExemptCategory.objects.all(), required=False, label="Exempt-information category"
    )
    public_interest_reasoning = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Public interest test",
        help_text="Why the public interest in withholding it outweighs disclosure.",
    )
    release_after = GovukDateField(required=False, label="May be released after (optional)")

    def clean(self):
        data = super().clean()
        if data.get("is_exempt"):
            if not data.get("exempt_category"):
                self.add_error("exempt_category", "Choose the category under which it is exempt.")
            if not (data.get("public_interest_reasoning") or "").strip():
                self.add_error("public_interest_reasoning", "Record the public interest test.")
        return data


EXEMPTION_FIELDS = ["is_exempt", "exempt_category", "public_interest_reasoning", "release_after"]


class UploadedPaperForm(GovukMixin, ExemptionFields):
    """An uploaded report or minutes: asks, as every new paper does, whether it is exempt."""

    title = forms.CharField(max_length=300)
    file = forms.FileField(label="PDF or Word (.docx) file")
    field_order = ["title", "file", *EXEMPTION_FIELDS]


class NewReportForm(ExemptionFields, ReportForm):
    """The report template for a new report, with the question whether it is exempt."""

    field_order = [*ReportForm.Meta.fields, "background", *EXEMPTION_FIELDS]

    def report_fields(self) -> dict:
        fields = super().report_fields()
        for name in EXEMPTION_FIELDS:
            fields.pop(name, None)
        return fields


class ItemExemptionForm(GovukMixin, forms.Form):
    """Whether a whole agenda item is taken in private (committees.services owns the change)."""

    is_exempt = forms.BooleanField(
        label="The whole item is not for publication (exempt or confidential)", required=False
    )
    exempt_category = forms.ModelChoiceField(
        queryset=ExemptCategory.objects.all(), required=False, label="Exempt-information category"
    )
    exempt_reasons = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why it is exempt, and the public interest test",
    )


class AppendixForm(GovukMixin, ExemptionFields):
    number = forms.IntegerField(min_value=1, max_value=99)
    title = forms.CharField(max_length=300)
    body_html = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Written content",
        help_text="Paragraphs, lists and tables are kept; anything else is removed.",
    )
    file = forms.FileField(required=False, label="Or upload a PDF or Word (.docx) file")

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool((data.get("body_html") or "").strip()):
            raise ValidationError("Either write the appendix or upload a file (not both).")
        return data


class ReplaceForm(GovukMixin, forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Why is it being replaced?"
    )
    title = forms.CharField(max_length=300)
    body_html = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8}), label="Written content"
    )
    file = forms.FileField(required=False, label="Or upload a new PDF or Word (.docx) file")


class ExemptionForm(GovukMixin, ExemptionFields):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Why is this changing?"
    )


class UrgencyForm(GovukMixin, forms.Form):
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why the item cannot wait for the next meeting",
    )


class GeneratedAppendixForm(GovukMixin, forms.Form):
    number = forms.IntegerField(min_value=1, max_value=99, label="Appendix number")
    reference = forms.ChoiceField(
        label="Figures to print",
        help_text="Computed from the register when the pack is built; small numbers suppressed.",
    )

    def __init__(self, *args, **kwargs):
        from scrutiny.core.evidence import offered_choices

        super().__init__(*args, **kwargs)
        self.fields["reference"].choices = [
            (reference, f"{group}: {label}")
            for group, options in offered_choices()
            for reference, label in options
        ]
