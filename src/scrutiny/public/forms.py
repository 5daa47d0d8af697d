from django import forms

from scrutiny.core.forms import GovukDateField


class StatementForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 20}),
        label="Text",
        help_text="Paragraphs separated by a blank line; start a line with '## ' for a heading.",
    )
    contact_email = forms.EmailField(label="Contact email address")
    contact_telephone = forms.CharField(max_length=40, required=False, label="Contact telephone")
    reviewed_on = GovukDateField(label="Last reviewed on", help_text="For example, 27 3 2025")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, label="What is the token for?", help_text="For example, ward newsletter"
    )
