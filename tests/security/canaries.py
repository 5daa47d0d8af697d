"""Markers of withheld material: fixed canaries plus sentences taken from withheld records.

The fixed canaries are the distinctive references planted in the demo's exempt papers. Every
other restricted model (anything declaring ``access_lookups``) is covered by taking sentences
from the text fields of its withheld records, so an app that adds exempt demo content without
a planted reference is still swept. Sentences that also occur in public records are dropped:
they would not prove a leak.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags

# Planted in the demo's confidential appendix (documents.demo.CONFIDENTIAL_PLACEHOLDER).
FIXED_CANARIES = ["KS4-PROVISIONAL-2024"]
MIN_MARKER_LENGTH = 30
SOURCE = Path(__file__).resolve().parents[2] / "src" / "scrutiny"
# Reference-style tokens such as KS4-PROVISIONAL-2024: capitals and digits, two hyphens or more.
PLANTED_TOKEN = re.compile(r"\b[A-Z0-9]+(?:-[A-Z0-9]+){2,}\b")


def _sentences(text: str) -> list[str]:
    plain = re.sub(r"\s+", " ", strip_tags(text or "")).strip()
    return [s.strip() for s in re.split(r"(?<=[.!?:;])\s+", plain) if s.strip()]


def restricted_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if hasattr(m, "access_lookups")]


def withheld_markers() -> dict[str, str]:
    """Marker sentence -> the record it comes from, for every withheld record in the database."""
    today = timezone.localdate()
    withheld: dict[str, str] = {}
    public_text = []
    for model in restricted_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.TextField)]
        if not fields:
            continue
        lookups = model.access_lookups(today)
        for row in model.objects.filter(lookups.withheld).values("pk", *fields):
            for name in fields:
                for sentence in _sentences(row[name]):
                    if len(sentence) >= MIN_MARKER_LENGTH:
                        withheld[sentence] = f"{model._meta.label} {row['pk']} {name}"
        for row in model.objects.exclude(lookups.withheld).values(*fields):
            public_text.extend(strip_tags(row[name] or "") for name in fields)
    public = re.sub(r"\s+", " ", " ".join(public_text)).lower()
    return {s: source for s, source in withheld.items() if s.lower() not in public}


def withheld_references() -> list[str]:
    """The ``reference`` of every withheld record (the case reviews register's cases): a
    reference alone says a record exists, so none may reach the public."""
    today = timezone.localdate()
    found = []
    for model in restricted_models():
        names = {f.name for f in model._meta.get_fields()}
        if "reference" in names:
            withheld = model.objects.filter(model.access_lookups(today).withheld)
            found += [r for r in withheld.values_list("reference", flat=True) if r]
    return found


def planted_canaries(withheld_text: str) -> list[str]:
    """Reference tokens written into any app's demo data that end up only in withheld records."""
    sources = [*SOURCE.glob("*/demo.py"), *SOURCE.glob("*/demo/**/*.py")]
    tokens = {t for path in sources for t in PLANTED_TOKEN.findall(path.read_text())}
    return sorted(t for t in tokens if t.lower() in withheld_text.lower())


def withheld_text() -> str:
    """All text of withheld records, for checking planted tokens against."""
    today = timezone.localdate()
    texts = []
    for model in restricted_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.TextField)]
        if fields:
            for row in model.objects.filter(model.access_lookups(today).withheld).values(*fields):
                texts.extend(row[name] or "" for name in fields)
    return " ".join(texts)


def search_words(markers: list[str]) -> list[str]:
    """Words a curious visitor would search for: distinctive words of the withheld text."""
    words: list[str] = []
    for marker in markers:
        for word in re.findall(r"[A-Za-z0-9][\w\-]{4,}", marker):
            if word.lower() not in (w.lower() for w in words):
                words.append(word)
    return words[:25]
