from __future__ import annotations

from django import forms

from scrutiny.casedata.models import ImportKind
from scrutiny.casedata.services import MAX_UPLOAD_BYTES

UPLOAD_KINDS = [
    (ImportKind.CIN.value, "Children in need census (XML file)"),
    (ImportKind.SSDA903.value, "Children looked after return, SSDA903 (a zip of its CSV tables)"),
    (ImportKind.ANNEX_A.value, "Ofsted Annex A workbook, lists 1 to 8 (XLSX file)"),
    (ImportKind.POPULATION.value, "ONS population aged 0 to 17 (CSV: la, year, population)"),
]


class CaseDataUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds", choices=UPLOAD_KINDS, widget=forms.RadioSelect
    )
    la = forms.CharField(
        label="Local authority code (optional)",
        required=False,
        max_length=20,
        help_text="For example 852. Leave empty to take it from the file where it says.",
    )
    file = forms.FileField(label="File", help_text="At most 100 MB.")

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
            )
        return upload
