from __future__ import annotations

from django import forms

from scrutiny.committees.models import AgendaItem, Meeting, Panel
from scrutiny.core.forms import GovukDateField
from scrutiny.core.models import ExemptCategory
from scrutiny.core.tabular import MAX_UPLOAD_BYTES
from scrutiny.statistics.sources import shipped_mappings

from .models import PaperKind


class ReleaseImportForm(forms.Form):
    mapping = forms.ChoiceField(label="Mapping file (which columns hold which measure)")
    mapping_file = forms.FileField(
        label="Or upload a mapping file (.toml)",
        required=False,
        help_text="Leave empty to use the mapping chosen above.",
    )
    file = forms.FileField(label="Data file (CSV or XLSX)")
    replace = forms.BooleanField(
        label="Replace the figures of a release already imported", required=False
    )
    is_confidential = forms.BooleanField(
        label="Confidential: show the figures only to the panel's members", required=False
    )
    panel = forms.ModelChoiceField(
        Panel.objects.all(), required=False, label="Panel the figures are shared with"
    )
    exempt_category = forms.ModelChoiceField(
        ExemptCategory.objects.all(), required=False, label="Exempt-information category"
    )
    public_interest_reasoning = forms.CharField(
        widget=forms.Textarea, required=False, label="Public interest test", max_length=5000
    )
    release_after = GovukDateField(required=False, label="May be shown to anyone after")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapping"].choices = [(m.key, m.key) for m in shipped_mappings()]

    def clean(self):
        cleaned = super().clean()
        for name in ("file", "mapping_file"):
            upload = cleaned.get(name)
            if upload is not None and upload.size > MAX_UPLOAD_BYTES:
                self.add_error(name, f"The file is larger than {MAX_UPLOAD_BYTES // 1024} KB.")
        return cleaned


class AgendaItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:  # type: ignore[no-untyped-def]
        return f"{obj.number}. {obj.title}"


class PaperAttachForm(forms.Form):
    agenda_item = AgendaItemChoice(AgendaItem.objects.none(), label="Agenda item")
    number = forms.IntegerField(label="Appendix number", min_value=1, max_value=99)
    kind = forms.ChoiceField(choices=PaperKind.choices, label="Paper")
    year_start = forms.IntegerField(
        label="Academic year the figures start in (2023 for 2023/24)",
        min_value=2000,
        max_value=2100,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        assert isinstance(field, AgendaItemChoice)
        field.queryset = meeting.agenda_items.order_by("number")
