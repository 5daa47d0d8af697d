"""An analyst's entry of one month's value on the screen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.dates import month_end

from .models import Indicator, MonthlyValue, ValueSource
from .rules import decimals_of
from .value_checks import check_value, counts_missing


class EntryError(ValueError):
    """A single entered value was refused; the message says why."""


@transaction.atomic
def monthly_value_enter(
    *,
    indicator: Indicator,
    month: date,
    value: Decimal,
    actor: Actor,
    as_at: date | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
) -> MonthlyValue:
    """An analyst enters or corrects one month's value."""
    require_officer(actor)
    if indicator.value_source == ValueSource.ENGINE:
        raise EntryError("This indicator takes its values from child-level records.")
    if problem := check_value(indicator, value):
        raise EntryError(problem[0].upper() + problem[1:] + ".")
    if numerator is not None and denominator is not None and numerator > denominator:
        raise EntryError("The numerator is larger than the denominator.")
    if counts_missing(indicator, numerator, denominator):
        raise EntryError(
            "Give the numerator and denominator of a percentage, so that small numbers "
            "can be suppressed in the public report."
        )
    month = month_end(month.year, month.month)
    previous = MonthlyValue.objects.filter(indicator=indicator, month=month).first()
    obj, _ = MonthlyValue.objects.update_or_create(
        indicator=indicator,
        month=month,
        defaults={
            "value": value,
            "decimals": decimals_of(str(value)),
            "as_at": as_at or month,
            "numerator": numerator,
            "denominator": denominator,
            "source": ValueSource.ENTERED,
            "provenance": {"entered": True},
        },
    )
    audit_record(
        actor=actor,
        action="performance.monthly_value_enter",
        target=obj,
        data={
            "indicator": indicator.code,
            "month": month.isoformat(),
            "value": str(value),
            "previous": str(previous.value) if previous else None,
        },
    )
    return obj
