"""The upload form, and the review form built from a proposal: one field per correctable value."""

from __future__ import annotations

import copy
from datetime import date, time

from django import forms

from scrutiny.core.forms import GovukDateField
from scrutiny.paperimport.parsing.vocabulary import available

TIME_FORMATS = ["%H:%M", "%H.%M"]
PUBLISH_CHOICES = [
    ("yes", "Yes: publish the minutes and the original file as they were published"),
    ("no", "No: keep them for officers until they are released"),
]
STATUS_CHOICES = [
    ("present", "Present"),
    ("apologies", "Apologies"),
    ("in_attendance", "In attendance (not a member)"),
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Agenda pack or minutes",
        help_text="A PDF with a text layer, or the text extracted from one (.txt).",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.txt,application/pdf,text/plain"}),
        error_messages={"required": "Choose the file to import."},
    )
    vocabulary = forms.ChoiceField(
        label="Council wording",
        help_text="The words the council's papers use for procedural items and categories.",
        required=False,
    )

    def __init__(self, *args, default_vocabulary: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        vocabulary = self.fields["vocabulary"]
        assert isinstance(vocabulary, forms.ChoiceField)
        vocabulary.choices = [
            (name, "Any UK council" if name == "uk" else name.replace("-", " ").title())
            for name in available()
        ]
        vocabulary.initial = default_vocabulary or "uk"


def _text(label: str, initial, *, required: bool = False, width: str = "") -> forms.CharField:
    attrs = {"width": width} if width else {}
    return forms.CharField(
        label=label, initial=initial, required=required, widget=forms.TextInput(attrs=attrs)
    )


def _number(label: str, initial) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=initial,
        required=False,
        min_value=1,
        widget=forms.TextInput(attrs={"width": "3"}),
    )


def _include(label: str, record: dict) -> forms.BooleanField:
    return forms.BooleanField(label=label, initial=not record.get("skip"), required=False)


class ReviewForm(forms.Form):
    publish = forms.ChoiceField(
        label="Publish what was imported?",
        help_text="The agenda of a past meeting is recorded as published. Choose whether the "
        "minutes and the original file are public now.",
        choices=PUBLISH_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, proposal: dict, saving: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.saving = saving
        for i, meeting in enumerate(proposal.get("meetings", [])):
            self._meeting(i, meeting)

    def _meeting(self, i: int, meeting: dict) -> None:
        f, p = self.fields, f"m{i}"
        what = "agenda" if meeting["part"] == "agenda" else "minutes"
        f[f"{p}-include"] = _include(f"Import this meeting's {what}", meeting)
        f[f"{p}-panel"] = _text("Panel or committee", meeting.get("panel"))
        f[f"{p}-date"] = GovukDateField(
            label="Date of the meeting",
            initial=_date(meeting.get("date")),
            required=False,
            help_text="For example, 28 11 2024",
        )
        f[f"{p}-start_time"] = forms.TimeField(
            label="Start time",
            initial=_time(meeting.get("start_time")),
            input_formats=TIME_FORMATS,
            required=False,
            widget=forms.TimeInput(format="%H:%M", attrs={"width": "5"}),
            help_text="For example, 17:30",
        )
        f[f"{p}-venue"] = _text("Venue", meeting.get("venue"))
        for j, item in enumerate(meeting.get("agenda", [])):
            q, n = f"{p}-agenda-{j}", item.get("number")
            f[f"{q}-include"] = _include(f"Import agenda item {n}", item)
            f[f"{q}-number"] = _number(f"Number of agenda item {n}", n)
            f[f"{q}-title"] = _text(f"Title of agenda item {n}", item.get("title"), required=True)
            f[f"{q}-page_start"] = _number(f"First page of item {n}", item.get("page_start"))
            f[f"{q}-page_end"] = _number(f"Last page of item {n}", item.get("page_end"))
        for group in ("members", "appointed"):
            for j, ref in enumerate(meeting.get(group, [])):
                q = f"{p}-{group}-{j}"
                f[f"{q}-include"] = _include(f"Add or link {ref['name']}", ref)
                f[f"{q}-name"] = _text(f"Name of {ref['name']}", ref["name"], required=True)
        for j, ref in enumerate(meeting.get("attendance", [])):
            q = f"{p}-attendance-{j}"
            f[f"{q}-include"] = _include(f"Record the attendance of {ref['name']}", ref)
            f[f"{q}-name"] = _text(f"Name of {ref['name']}", ref["name"], required=True)
            f[f"{q}-status"] = forms.ChoiceField(
                label=f"Attendance of {ref['name']}", choices=STATUS_CHOICES, initial=ref["status"]
            )
        for j, sub in enumerate(meeting.get("substitutions", [])):
            q = f"{p}-substitutions-{j}"
            f[f"{q}-include"] = _include(f"Record {sub['substitute']} as substitute", sub)
        for j, minute in enumerate(meeting.get("minutes", [])):
            q, n = f"{p}-minute-{j}", minute.get("number")
            f[f"{q}-include"] = _include(f"Import minute {n or ''}".strip(), minute)
            f[f"{q}-number"] = _number(f"Number of minute {n or ''}".strip(), n)
            f[f"{q}-title"] = _text(
                f"Title of minute {n or ''}".strip(), minute["title"], required=True
            )
            f[f"{q}-is_exempt"] = forms.BooleanField(
                label=f"Minute {n or ''} was taken in private: withhold it".replace("  ", " "),
                initial=bool(minute.get("is_exempt")),
                required=False,
            )
            for k, resolution in enumerate(minute.get("resolutions", [])):
                r = f"{q}-resolution-{k}"
                label = f"Resolution ({resolution['label']}) of minute {n or ''}".strip()
                f[f"{r}-include"] = _include(
                    f"Import resolution ({resolution['label']})", resolution
                )
                f[f"{r}-text"] = forms.CharField(
                    label=label,
                    initial=resolution["text"],
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=True,
                )

    def clean(self):
        cleaned = super().clean()
        if self.saving and not cleaned.get("publish"):
            self.add_error(
                "publish", "Choose whether to publish the minutes and the original file."
            )
        return cleaned

    def corrected(self) -> dict:
        """The proposal with the officer's corrections and left-out records."""
        data, proposal = self.cleaned_data, copy.deepcopy(self.proposal)
        for i, meeting in enumerate(proposal.get("meetings", [])):
            p = f"m{i}"
            meeting["skip"] = not data[f"{p}-include"]
            meeting["panel"] = data[f"{p}-panel"].strip()
            meeting["date"] = data[f"{p}-date"].isoformat() if data[f"{p}-date"] else None
            start = data[f"{p}-start_time"]
            meeting["start_time"] = start.strftime("%H:%M") if start else None
            meeting["venue"] = data[f"{p}-venue"].strip()
            for group, fields in (
                ("agenda", ("number", "title", "page_start", "page_end")),
                ("members", ("name",)),
                ("appointed", ("name",)),
                ("attendance", ("name", "status")),
                ("substitutions", ()),
                ("minute", ("number", "title", "is_exempt")),
            ):
                records = meeting.get("minutes" if group == "minute" else group, [])
                for j, record in enumerate(records):
                    q = f"{p}-{group}-{j}"
                    record["skip"] = not data[f"{q}-include"]
                    for name in fields:
                        record[name] = data[f"{q}-{name}"]
                    for k, resolution in enumerate(record.get("resolutions", [])):
                        r = f"{q}-resolution-{k}"
                        resolution["skip"] = not data[f"{r}-include"]
                        resolution["text"] = data[f"{r}-text"]
        return proposal


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> str:
    return time.fromisoformat(value).strftime("%H:%M") if value else ""
