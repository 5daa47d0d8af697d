from __future__ import annotations

from django import forms

from scrutiny.core.forms import GovukDateField
from scrutiny.core.tabular import MAX_UPLOAD_BYTES

from .parsing import parse_month


class MonthField(forms.Field):
    def to_python(self, value):  # type: ignore[no-untyped-def]
        text = (value or "").strip()
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError as exc:
            raise forms.ValidationError(f"Enter the month as YYYY-MM: {exc}") from None


class MonthlyValueForm(forms.Form):
    month = MonthField(label="Month (YYYY-MM)")
    value = forms.DecimalField(label="Value", max_digits=14, decimal_places=4, min_value=0)
    as_at = GovukDateField(label="Figure taken on", required=False)
    numerator = forms.IntegerField(label="Numerator", required=False, min_value=0)
    denominator = forms.IntegerField(label="Denominator", required=False, min_value=0)


class CommentaryForm(forms.Form):
    desired_outcome = forms.CharField(
        label="Desired outcome",
        widget=forms.Textarea(attrs={"rows": 5, "class": "govuk-textarea"}),
        required=False,
        max_length=20_000,
    )
    progress_analysis = forms.CharField(
        label="Progress analysis",
        widget=forms.Textarea(attrs={"rows": 12, "class": "govuk-textarea"}),
        required=False,
        max_length=20_000,
        help_text='Start a line with "- " to make a bullet point.',
    )


class ImportForm(forms.Form):
    KINDS = [
        ("values", "Monthly values"),
        ("benchmarks", "Benchmarks"),
        ("teams", "Team breakdown"),
        ("neighbours", "Statistical neighbour groups"),
    ]
    kind = forms.ChoiceField(label="What the file holds", choices=KINDS, widget=forms.RadioSelect)
    file = forms.FileField(label="CSV or XLSX file")

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is larger than {MAX_UPLOAD_BYTES // 1024} KB"
            )
        return upload
