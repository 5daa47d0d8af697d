"""Writes to published statistics: the measure catalogue, release imports and publication.

Every function is keyword-only, atomic, checks who is acting, and records an audit event.
A file with any problem is refused whole (ImportRejected, by file, row and column) and
nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.models import ExemptCategory
from scrutiny.core.tabular import CellError, ImportRejected, Problems, read_table
from scrutiny.performance.models import Polarity

from .mapping import parse_mapping
from .models import Area, Measure, Period, Release, Unit, Value
from .neighbours import add_neighbour_averages, neighbour_groups
from .reader import MeasureRule, ReleaseFile, parse_period, read_release_file

CATALOGUE_COLUMNS = (
    "code",
    "theme",
    "position",
    "name",
    "short_name",
    "unit",
    "decimals",
    "polarity",
    "cohort_label",
    "definition",
)


def authorise(actor: Actor) -> None:
    """Officers, or the system (commands, demo)."""
    require_officer(actor, "Only officers may change published statistics and their papers.")


@dataclass(frozen=True)
class CatalogueSummary:
    created: int
    updated: int


@transaction.atomic
def measure_catalogue_import(
    *, actor: Actor, file_name: str, data: bytes, topic: str
) -> CatalogueSummary:
    """Load measure definitions (CSV/XLSX with CATALOGUE_COLUMNS) for one topic."""
    authorise(actor)
    table = read_table(file_name, data)
    errors = Problems(file_name)
    errors.require_columns(table.header, CATALOGUE_COLUMNS, "required column is missing")
    errors.raise_if_errors()
    rows = []
    for number, cells in table.rows:
        problems = []
        if cells["unit"] not in Unit.values:
            problems.append(("unit", f"'{cells['unit']}' is not one of {', '.join(Unit.values)}"))
        if cells["polarity"] not in Polarity.values:
            problems.append(("polarity", f"'{cells['polarity']}' is not a polarity"))
        for column in ("position", "decimals"):
            if not cells[column].isdigit():
                problems.append((column, f"'{cells[column]}' is not a whole number"))
        if not cells["code"] or not cells["name"]:
            problems.append(("code", "a measure needs a code and a name"))
        for column, message in problems:
            errors.error(number, column, message)
        rows.append(cells)
    errors.raise_if_errors()
    created = updated = 0
    for cells in rows:
        fields: dict[str, object] = {c: cells[c] for c in CATALOGUE_COLUMNS if c != "code"}
        fields.update(topic=topic, position=int(cells["position"]), decimals=int(cells["decimals"]))
        measure, was_created = Measure.objects.update_or_create(code=cells["code"], defaults=fields)
        created += was_created
        updated += not was_created
    audit_record(
        actor=actor,
        action="statistics.measure_catalogue_import",
        target=measure,
        data={"file": file_name, "topic": topic, "created": created, "updated": updated},
    )
    return CatalogueSummary(created, updated)


@dataclass(frozen=True)
class ImportSummary:
    release: Release
    file: str
    values: int
    derived: int
    skipped_rows: int
    replaced: int


def _check_withholding(
    *,
    is_confidential: bool,
    exempt_category: ExemptCategory | None,
    panel: Panel | None,
    public_interest_reasoning: str,
) -> None:
    if not is_confidential:
        return
    problems = {}
    if exempt_category is None:
        problems["exempt_category"] = "Choose the exempt-information category."
    if panel is None:
        problems["panel"] = "Choose the panel the confidential figures are shared with."
    if (
        exempt_category is not None
        and not exempt_category.is_confidential
        and not (public_interest_reasoning.strip())
    ):
        problems["public_interest_reasoning"] = "Record the public interest test."
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def release_import(
    *,
    actor: Actor,
    mapping_name: str,
    mapping_data: bytes,
    file_name: str,
    data: bytes,
    panel: Panel | None = None,
    meeting: Meeting | None = None,
    replace: bool = False,
    is_confidential: bool = False,
    exempt_category: ExemptCategory | None = None,
    public_interest_reasoning: str = "",
    release_after: date | None = None,
    notes: str = "",
) -> ImportSummary:
    """Read the file through its mapping and store it as an unpublished release.

    Re-importing a release's code replaces its figures only when ``replace`` is given, and
    takes it back to unpublished: an officer publishes the corrected figures again.
    """
    authorise(actor)
    _check_withholding(
        is_confidential=is_confidential,
        exempt_category=exempt_category,
        panel=panel,
        public_interest_reasoning=public_interest_reasoning,
    )
    if meeting is not None and panel is not None and meeting.panel_id != panel.pk:
        raise ValidationError({"meeting": "The meeting belongs to another panel."})
    measures = {m.code: m for m in Measure.objects.all()}
    mapping = parse_mapping(mapping_name, mapping_data, set(measures))
    rules = {code: MeasureRule(m.unit, m.polarity) for code, m in measures.items()}
    parsed = read_release_file(mapping, file_name, data, rules)
    derived = add_neighbour_averages(parsed, neighbour_groups())
    existing = Release.objects.select_for_update().filter(code=mapping.code).first()
    if existing is not None and not replace:
        raise ImportRejected(
            [
                CellError(
                    mapping_name,
                    0,
                    "release.code",
                    f"release {mapping.code!r} is already imported ({existing.title}); choose to "
                    "replace it, or give the mapping a new code",
                )
            ]
        )
    _check_stored_areas(parsed, mapping_name)
    release = existing or Release(code=mapping.code)
    replaced = release.values.count() if existing else 0
    release.topic = mapping.topic
    release.title = mapping.title
    release.source = mapping.source
    release.notes = notes or mapping.notes
    release.is_provisional = mapping.provisional
    release.file_name = file_name[:255]
    release.mapping = mapping.as_json()
    release.panel = panel
    release.meeting = meeting
    release.is_confidential = is_confidential
    release.exempt_category = exempt_category if is_confidential else None
    release.public_interest_reasoning = public_interest_reasoning if is_confidential else ""
    release.release_after = release_after if is_confidential else None
    release.imported_at = timezone.now()
    release.published_at = None
    release.value_count = len(parsed.values)
    release.save()
    if existing:
        existing.values.all().delete()
    _store_values(release, parsed, measures)
    audit_record(
        actor=actor,
        action="statistics.release_import",
        target=release,
        from_state="published" if existing and existing.published_at else "",
        to_state="confidential" if is_confidential else "unpublished",
        data={
            "file": file_name,
            "mapping": mapping_name,
            "values": len(parsed.values),
            "derived": derived,
            "replaced": replaced,
        },
    )
    return ImportSummary(
        release, file_name, len(parsed.values), derived, parsed.skipped_rows, replaced
    )


def _check_stored_areas(parsed: ReleaseFile, mapping_name: str) -> None:
    """An area code already stored must keep its level and LA number."""
    stored = Area.objects.in_bulk(list(parsed.areas), field_name="code")
    errors = []
    for code, area in parsed.areas.items():
        known = stored.get(code)
        if known is None:
            continue
        if known.level != area.level or (area.la_number and known.la_number != area.la_number):
            errors.append(
                CellError(
                    parsed.file,
                    0,
                    "new_la_code" if area.la_number else "area_code",
                    f"{code} is stored as {known.get_level_display()} {known.la_number}".rstrip()
                    + f", not {area.level.replace('_', ' ')} {area.la_number}".rstrip(),
                )
            )
    if errors:
        raise ImportRejected(errors)


def _store_values(release: Release, parsed: ReleaseFile, measures: dict[str, Measure]) -> None:
    areas = {}
    for code, row in parsed.areas.items():
        area, _ = Area.objects.update_or_create(
            code=code,
            defaults={
                "level": row.level,
                "name": row.name,
                "la_number": row.la_number,
                "region_code": row.region_code,
            },
        )
        areas[code] = area
    periods = {}
    for key in {(v.time_period, v.time_identifier) for v in parsed.values}:
        _, start = parse_period(str(key[0]), key[1])
        periods[key], _ = Period.objects.get_or_create(
            time_period=key[0], time_identifier=key[1], defaults={"year_start": start}
        )
    Value.objects.bulk_create(
        [
            Value(
                release=release,
                measure=measures[v.measure],
                area=areas[v.area],
                period=periods[(v.time_period, v.time_identifier)],
                value=v.value,
                symbol=v.symbol,
                numerator=v.numerator,
                cohort=v.cohort,
                rank=v.rank,
                ranked_out_of=v.ranked_out_of,
                derived=v.derived,
                basis=v.basis,
                source_row=v.row or None,
            )
            for v in parsed.values
        ]
    )


@transaction.atomic
def release_publish(*, actor: Actor, release: Release) -> Release:
    authorise(actor)
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.published_at is not None:
        raise ValidationError("The release is already published.")
    release.published_at = timezone.now()
    release.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action="statistics.release_publish",
        target=release,
        from_state="unpublished",
        to_state="published",
    )
    return release


@transaction.atomic
def release_set_confidential(
    *,
    actor: Actor,
    release: Release,
    is_confidential: bool,
    panel: Panel | None = None,
    exempt_category: ExemptCategory | None = None,
    public_interest_reasoning: str = "",
    release_after: date | None = None,
) -> Release:
    """Mark a release's figures confidential (Schedule 12A) or release them to everyone."""
    authorise(actor)
    release = Release.objects.select_for_update().get(pk=release.pk)
    panel = panel or release.panel
    _check_withholding(
        is_confidential=is_confidential,
        exempt_category=exempt_category,
        panel=panel,
        public_interest_reasoning=public_interest_reasoning,
    )
    before = "confidential" if release.is_confidential else "open"
    release.is_confidential = is_confidential
    release.panel = panel
    release.exempt_category = exempt_category if is_confidential else None
    release.public_interest_reasoning = public_interest_reasoning if is_confidential else ""
    release.release_after = release_after if is_confidential else None
    release.save()
    audit_record(
        actor=actor,
        action="statistics.release_set_confidential",
        target=release,
        from_state=before,
        to_state="confidential" if is_confidential else "open",
    )
    return release
