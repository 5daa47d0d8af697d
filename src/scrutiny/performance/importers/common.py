"""What every performance importer shares: its summary, its audit record, indicator codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrutiny.core.actors import Actor
from scrutiny.core.audit import audit_record
from scrutiny.core.tabular import RowChecker

from ..models import ImportBatch, Indicator


def audit_import(*, actor: Actor, action: str, details: dict[str, Any]) -> None:
    """Audit a file's load against a new batch (the audit target of a whole import)."""
    batch = ImportBatch.objects.create(
        kind=action.removeprefix("performance."),
        file_name=str(details.get("file", ""))[:255],
        created=int(details.get("created", details.get("stored", details.get("rows", 0)))),
        updated=int(details.get("updated", 0)),
    )
    audit_record(actor=actor, action=action, target=batch, data=details)


@dataclass(frozen=True)
class ImportSummary:
    file: str
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def indicator_lookup(
    checker: RowChecker, row: int, code: str | None, indicators: dict[str, Indicator]
) -> Indicator | None:
    if code is None:
        return None
    indicator = indicators.get(code)
    if indicator is None:
        checker.error(row, "indicator_code", f"no indicator has the code '{code}'")
    return indicator
