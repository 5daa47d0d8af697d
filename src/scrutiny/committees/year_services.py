"""Municipal years: created once, and the meetings already in their dates join them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.committees.models import (
    Meeting,
    MunicipalYear,
)
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record


@transaction.atomic
def municipal_year_create(
    *, actor: Actor, label: str, start_date: date, end_date: date
) -> MunicipalYear:
    require_officer(actor)
    label = label.strip()
    if not label:
        raise ValidationError({"label": 'Enter the year\'s label, for example "2025/26".'})
    if MunicipalYear.objects.filter(label=label).exists():
        raise ValidationError({"label": f"There is already a municipal year {label}."})
    if end_date <= start_date:
        raise ValidationError({"end_date": "The year must end after it starts."})
    if MunicipalYear.objects.filter(start_date__lte=end_date, end_date__gte=start_date).exists():
        raise ValidationError({"start_date": "This year overlaps another municipal year."})
    year = MunicipalYear.objects.create(label=label, start_date=start_date, end_date=end_date)
    # Meetings already scheduled in these dates belong to the year.
    Meeting.objects.filter(
        municipal_year__isnull=True, date__gte=start_date, date__lte=end_date
    ).update(municipal_year=year)
    audit_record(actor=actor, action="committees.municipal_year_create", target=year)
    return year
