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


SEARCH_KINDS = [
    ("", "Any kind"),
    ("Document", "Papers"),
    ("Agenda item", "Agenda items"),
    ("Minute", "Minutes"),
    ("Resolution", "Resolutions"),
    ("Recommendation", "Recommendations"),
    ("Meeting", "Meetings"),
    ("Work programme", "Work programme"),
    ("Education figures", "Education figures"),
    ("Panel", "Panels"),
    ("Person", "People"),
]


class SearchFilterForm(forms.Form):
    """Narrowing a search: panel, kind of record, meeting dates (GET, every field optional)."""

    panel = forms.ChoiceField(label="Panel", required=False)
    kind = forms.ChoiceField(label="Kind", choices=SEARCH_KINDS, required=False)
    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 4 2024")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 3 2025")

    def __init__(self, *args, panels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].choices = [("", "Any panel")] + [(p.slug, p.name) for p in panels]
        self.panel_ids = {p.slug: p.pk for p in panels}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned
