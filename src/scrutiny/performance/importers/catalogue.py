"""Importers of the report's structure: the catalogue (sections, indicators, targets) and
the published statistical neighbour groups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction

from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.tabular import ImportRejected, RowChecker, read_table

from .. import parsing
from ..engine_catalogue import engine_definition
from ..models import (
    Indicator,
    Polarity,
    Section,
    StatisticalNeighbourGroup,
    Target,
    Unit,
    ValueSource,
)
from .common import ImportSummary, audit_import

# Targets loaded without a start date apply to every month.
TARGET_ALWAYS = date(2000, 1, 1)


SECTION_COLUMNS = ["code", "position", "title"]
INDICATOR_COLUMNS = [
    "code",
    "section_code",
    "position",
    "name",
    "definition",
    "unit",
    "polarity",
    "value_source",
]
INDICATOR_OPTIONAL = [
    "decimals",
    "target",
    "target_as_published",
    "target_basis",
    "amber_tolerance",
    "target_effective_from",
    "engine_code",
    "notes",
    "numerator_code",
    "denominator_code",
]


def _choice(choices: Any) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices.values:
            raise ValueError(f"'{text}' is not one of: {', '.join(choices.values)}")
        return text

    return parse


@transaction.atomic
def catalogue_import(
    *, sections_file: tuple[str, bytes], indicators_file: tuple[str, bytes], actor: Actor
) -> ImportSummary:
    """Create or update sections and indicators (with their targets) from two tables."""
    require_officer(actor)
    section_table = read_table(*sections_file)
    indicator_table = read_table(*indicators_file)
    section_check = RowChecker(section_table, SECTION_COLUMNS)
    sections: dict[str, tuple[int, str]] = {}
    for number, cells in section_table.rows:
        code = section_check.get(number, cells, "code", str)
        position = section_check.get(number, cells, "position", parsing.parse_count)
        title = section_check.get(number, cells, "title", str)
        if code and position is not None and title:
            sections[code] = (position, title)
    check = RowChecker(indicator_table, INDICATOR_COLUMNS, INDICATOR_OPTIONAL)
    known_sections = set(sections) | set(Section.objects.values_list("code", flat=True))
    indicator_rows: list[dict[str, Any]] = []
    for number, cells in indicator_table.rows:
        value_source = check.get(number, cells, "value_source", _choice(ValueSource))
        # An engine row's name, definition, unit and polarity come from the engine.
        own = value_source != ValueSource.ENGINE
        item = {
            "code": check.get(number, cells, "code", str),
            "section_code": check.get(number, cells, "section_code", str),
            "position": check.get(number, cells, "position", parsing.parse_count),
            "name": check.get(number, cells, "name", str, required=own),
            "definition": check.get(number, cells, "definition", str, required=own),
            "unit": check.get(number, cells, "unit", _choice(Unit), required=own),
            "polarity": check.get(number, cells, "polarity", _choice(Polarity), required=own),
            "value_source": value_source,
            "decimals": check.get(number, cells, "decimals", parsing.parse_count, required=False),
            "target": check.get(number, cells, "target", parsing.parse_decimal, required=False),
            "amber_tolerance": check.get(
                number, cells, "amber_tolerance", parsing.parse_decimal, required=False
            ),
            "target_effective_from": check.get(
                number, cells, "target_effective_from", parsing.parse_date, required=False
            ),
            "target_as_published": cells.get("target_as_published", "").strip(),
            "target_basis": cells.get("target_basis", "").strip(),
            "engine_code": cells.get("engine_code", "").strip(),
            "notes": cells.get("notes", "").strip(),
            "numerator_code": cells.get("numerator_code", "").strip(),
            "denominator_code": cells.get("denominator_code", "").strip(),
            "row": number,
        }
        if not own:
            _fill_from_engine(check, number, cells, item)
        if item["section_code"] and item["section_code"] not in known_sections:
            check.error(number, "section_code", f"no section has the code '{item['section_code']}'")
        if item["target"] is None and item["amber_tolerance"] is not None:
            check.error(number, "amber_tolerance", "a tolerance needs a target")
        if None not in (
            item["code"],
            item["section_code"],
            item["position"],
            item["name"],
            item["definition"],
            item["unit"],
            item["polarity"],
            item["value_source"],
        ):
            indicator_rows.append(item)
    _check_count_links(check, indicator_rows)
    errors = section_check.errors + check.errors
    if errors:
        raise ImportRejected(errors)
    section_objs = {}
    for code, (position, title) in sections.items():
        section_objs[code], _ = Section.objects.update_or_create(
            code=code, defaults={"position": position, "title": title}
        )
    for section in Section.objects.exclude(code__in=section_objs):
        section_objs[section.code] = section
    created = updated = 0
    for item in indicator_rows:
        indicator, was_created = Indicator.objects.update_or_create(
            code=item["code"],
            defaults={
                "section": section_objs[item["section_code"]],
                "position": item["position"],
                "name": item["name"],
                "definition": item["definition"],
                "unit": item["unit"],
                "polarity": item["polarity"],
                "value_source": item["value_source"],
                "decimals": item["decimals"] or 0,
                "engine_code": item["engine_code"],
                "notes": item["notes"],
            },
        )
        created += was_created
        updated += not was_created
        item["indicator"] = indicator
        if item["target"] is not None:
            Target.objects.update_or_create(
                indicator=indicator,
                effective_from=item["target_effective_from"] or TARGET_ALWAYS,
                defaults={
                    "value": item["target"],
                    "as_published": item["target_as_published"],
                    "basis": item["target_basis"],
                    "amber_tolerance": item["amber_tolerance"],
                },
            )
    codes = {i.code: i for i in Indicator.objects.all()}
    for item in indicator_rows:
        indicator = item["indicator"]
        indicator.numerator_indicator = codes.get(item["numerator_code"])
        indicator.denominator_indicator = codes.get(item["denominator_code"])
        indicator.save(update_fields=["numerator_indicator", "denominator_indicator"])
    audit_import(
        actor=actor,
        action="performance.catalogue_import",
        details={"sections": len(sections), "created": created, "updated": updated},
    )
    return ImportSummary(indicators_file[0], created, updated)


def _fill_from_engine(
    check: RowChecker, number: int, cells: dict[str, str], item: dict[str, Any]
) -> None:
    """An engine row's name, definition, unit, polarity (and decimals when blank) from the
    engine's catalogue; a cell the file does fill must say the same."""
    code = item["engine_code"]
    if not code:
        check.error(number, "engine_code", "an engine indicator needs its engine code")
        return
    definition = engine_definition(code)
    if definition is None:
        check.error(number, "engine_code", f"the engine has no indicator '{code}'")
        return
    for column, value in definition.fields().items():
        given = item[column]
        if given is not None and given != value:
            check.error(
                number,
                column,
                f"the engine's catalogue says '{value}' for '{code}'; leave the cell empty "
                "to take it from there",
            )
        elif not cells.get(column, "").strip():
            item[column] = value
    if item["decimals"] is None:
        item["decimals"] = definition.decimals


def _check_count_links(check: RowChecker, rows: list[dict[str, Any]]) -> None:
    """A percentage's numerator and denominator links name count indicators."""
    units = dict(Indicator.objects.values_list("code", "unit"))
    units.update({item["code"]: item["unit"] for item in rows})
    for item in rows:
        for column in ("numerator_code", "denominator_code"):
            code = item[column]
            if not code:
                continue
            if item["unit"] != Unit.PERCENTAGE:
                check.error(item["row"], column, "only a percentage is linked to its counts")
            elif code not in units:
                check.error(item["row"], column, f"no indicator has the code '{code}'")
            elif units[code] != Unit.COUNT:
                check.error(item["row"], column, f"'{code}' is not a count")


SN_COLUMNS = ["la_number", "region"] + [f"sn{i}" for i in range(1, 11)]


@transaction.atomic
def statistical_neighbour_groups_import(
    *, file_name: str, data: bytes, actor: Actor, source: str = ""
) -> ImportSummary:
    """Load the published grouping table: LA number, region, SN1..SN10 (LA name optional)."""
    require_officer(actor)
    table = read_table(file_name, data)
    checker = RowChecker(table, SN_COLUMNS, ["la_name"])
    parsed: dict[str, dict[str, Any]] = {}

    def la_number(text: str) -> str:
        if not text.isdigit() or len(text) != 3:
            raise ValueError(f"'{text}' is not a three-digit LA number")
        return text

    for number, cells in table.rows:
        la = checker.get(number, cells, "la_number", la_number)
        region = checker.get(number, cells, "region", str)
        neighbours = [checker.get(number, cells, f"sn{i}", la_number) for i in range(1, 11)]
        if la and la in neighbours:
            checker.error(number, "sn1", "an authority cannot neighbour itself")
        if la and la in parsed:
            checker.error(number, "la_number", f"already given in row {parsed[la]['row']}")
            continue
        if la and region and None not in neighbours:
            if len(set(neighbours)) != 10:
                checker.error(number, "sn1", "the ten neighbours must be different")
                continue
            parsed[la] = {
                "row": number,
                "region": region,
                "neighbours": neighbours,
                "la_name": cells.get("la_name", "").strip(),
            }
    checker.raise_if_errors()
    created = updated = 0
    for la, item in parsed.items():
        _obj, was_created = StatisticalNeighbourGroup.objects.update_or_create(
            la_number=la,
            defaults={
                "region": item["region"],
                "neighbours": item["neighbours"],
                "la_name": item["la_name"],
                "source": source or file_name,
            },
        )
        created += was_created
        updated += not was_created
    audit_import(
        actor=actor,
        action="performance.statistical_neighbour_groups_import",
        details={"file": file_name, "created": created, "updated": updated},
    )
    return ImportSummary(file_name, created, updated)
