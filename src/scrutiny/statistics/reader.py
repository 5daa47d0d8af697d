"""Read a published statistics file through its mapping into checked rows (no database).

Every problem is collected and reported together by file, row and column; the caller stores
nothing unless the whole file is clean.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from scrutiny.core.tabular import Problems, Table, read_table
from scrutiny.performance.models import Polarity

from .mapping import Mapping, MeasureColumns
from .models import AreaLevel, Symbol, Unit

MAX_ERRORS = 200
DFE_COLUMNS = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "region_code",
    "old_la_code",
    "new_la_code",
    "la_name",
)
COUNCIL_COLUMNS = ("time_period", "time_identifier", "area_type", "area_code", "area_name")
# Geographic levels of the DfE's open data; rows at levels the mapping does not take are skipped.
DFE_LEVELS = {
    "National": AreaLevel.NATIONAL,
    "Regional": AreaLevel.REGIONAL,
    "Local authority": AreaLevel.LOCAL_AUTHORITY,
}
OTHER_DFE_LEVELS = {
    "Local authority district",
    "Parliamentary constituency",
    "Local skills improvement plan area",
    "Ward",
    "School",
    "Provider",
    "Institution",
    "Planning area",
    "Opportunity area",
    "Multi-academy trust",
    "Sponsor",
    "English devolved area",
    "RSC region",
    "Country",
}
COUNCIL_TYPES = {
    "National": AreaLevel.NATIONAL,
    "Regional": AreaLevel.REGIONAL,
    "Local authority": AreaLevel.LOCAL_AUTHORITY,
    "Statistical neighbours": AreaLevel.STATISTICAL_NEIGHBOURS,
    "School group": AreaLevel.SCHOOL_GROUP,
}
CODE_PATTERNS = {
    AreaLevel.NATIONAL: re.compile(r"^[EKNSW]92\d{6}$|^K0[23]\d{6}$"),
    AreaLevel.REGIONAL: re.compile(r"^E12\d{6}$"),
    AreaLevel.LOCAL_AUTHORITY: re.compile(r"^E(06|07|08|09|10|11|13)\d{6}$"),
    AreaLevel.STATISTICAL_NEIGHBOURS: re.compile(r"^E(06|08|09|10)\d{6}$"),
    AreaLevel.SCHOOL_GROUP: re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$"),
}
CODE_HINTS = {
    AreaLevel.NATIONAL: "a country code such as E92000001",
    AreaLevel.REGIONAL: "a region code such as E12000008",
    AreaLevel.LOCAL_AUTHORITY: "a local authority code such as E06000045",
    AreaLevel.STATISTICAL_NEIGHBOURS: "the code of the authority whose neighbours these are",
    AreaLevel.SCHOOL_GROUP: "lower-case letters, digits and hyphens, such as writing-schools",
}
SYMBOLS = {s.value for s in Symbol if s.value} | {"low"}
THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class AreaRow:
    code: str
    level: str
    name: str
    la_number: str = ""
    region_code: str = ""


@dataclass
class ValueRow:
    measure: str
    area: str
    time_period: int
    time_identifier: str
    value: Decimal | None
    symbol: str
    numerator: int | None
    cohort: int | None
    row: int
    rank: int | None = None
    ranked_out_of: int | None = None
    derived: bool = False
    basis: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.measure, self.area, self.time_period, self.time_identifier)


@dataclass
class ReleaseFile:
    file: str
    areas: dict[str, AreaRow]
    values: list[ValueRow]
    skipped_rows: int = 0


@dataclass(frozen=True)
class MeasureRule:
    unit: str
    polarity: str


def sn_area_code(la_code: str) -> str:
    return f"SN:{la_code}"


def parse_period(time_period: str, time_identifier: str) -> tuple[int, int]:
    """(time_period, year_start) for a DfE period; ValueError with a plain message if wrong."""
    text = time_period.strip()
    if time_identifier == "Calendar year":
        if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
            raise ValueError(f"'{text}' is not a calendar year such as 2024")
        return int(text), int(text)
    if not re.fullmatch(r"\d{6}", text):
        raise ValueError(f"'{text}' is not a period such as 202324 (2023/24)")
    start, end = int(text[:4]), int(text[4:])
    if not 1990 <= start <= 2100 or end != (start + 1) % 100:
        raise ValueError(f"'{text}' is not a period such as 202324: the years must follow on")
    return int(text), start


def parse_figure(text: str, unit: str) -> tuple[Decimal | None, str]:
    if text.lower() in SYMBOLS:
        return None, "u" if text.lower() == "low" else text.lower()
    cleaned = text.replace(",", "") if THOUSANDS.match(text) else text
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number or one of the symbols c : z k u x") from None
    if not number.is_finite():
        raise ValueError(f"'{text}' is not a number")
    if unit == Unit.PERCENTAGE and not Decimal(0) <= number <= Decimal(100):
        raise ValueError(f"{text} is not a percentage between 0 and 100")
    if unit in (Unit.RATE_PER_100, Unit.RATE_PER_100K, Unit.COUNT) and number < 0:
        raise ValueError(f"{text} cannot be negative")
    if unit == Unit.COUNT and number != number.to_integral_value():
        raise ValueError(f"{text} is not a whole number")
    if abs(number) >= Decimal(10) ** 10:
        raise ValueError(f"{text} is too large")
    return number, ""


def parse_count(text: str) -> int | None:
    if not text or text.lower() in SYMBOLS:
        return None
    cleaned = text.replace(",", "") if THOUSANDS.match(text) else text
    if not cleaned.isdigit():
        raise ValueError(f"'{text}' is not a whole number of pupils")
    if len(cleaned) > 9:
        raise ValueError(f"{text} is too large")
    return int(cleaned)


def _area(layout: str, cells: MappingType[str, str], row: int, errors: Problems) -> AreaRow | None:
    """The row's area, or None (with errors added) when its codes are wrong."""
    if layout == "dfe":
        level_text = cells.get("geographic_level", "").strip()
        level = DFE_LEVELS.get(level_text)
        fields = {
            AreaLevel.NATIONAL: ("country_code", cells.get("country_name", "") or "England"),
            AreaLevel.REGIONAL: ("region_code", cells.get("region_name", "")),
            AreaLevel.LOCAL_AUTHORITY: ("new_la_code", cells.get("la_name", "")),
        }
    else:
        level_text = cells.get("area_type", "").strip()
        level = COUNCIL_TYPES.get(level_text)
    if level is None:
        column = "geographic_level" if layout == "dfe" else "area_type"
        errors.error(row, column, f"'{level_text}' is not a known geographic level")
        return None
    if layout == "dfe":
        column, name = fields[level]
    else:
        column, name = "area_code", cells.get("area_name", "")
    code = cells.get(column, "").strip()
    if not CODE_PATTERNS[level].match(code):
        errors.error(row, column, f"'{code}' is not {CODE_HINTS[level]}")
        return None
    la_number = cells.get("old_la_code", "").strip()
    if level == AreaLevel.LOCAL_AUTHORITY and (la_number or layout == "dfe"):
        if not re.fullmatch(r"\d{3}", la_number):
            errors.error(row, "old_la_code", f"'{la_number}' is not a three-digit LA number")
            return None
    else:
        la_number = ""
    name = name.strip() or code
    if level == AreaLevel.STATISTICAL_NEIGHBOURS:
        return AreaRow(sn_area_code(code), level, name)
    return AreaRow(code, level, name, la_number, cells.get("region_code", "").strip())


def _wanted(filters: dict[str, str], cells: MappingType[str, str]) -> bool:
    return all(cells.get(column, "").strip() == value for column, value in filters.items())


def _check_columns(mapping: Mapping, table: Table, errors: Problems) -> None:
    needed = list(DFE_COLUMNS if mapping.layout == "dfe" else COUNCIL_COLUMNS)
    needed += list(mapping.rows)
    for measure in mapping.measures:
        needed += measure.columns
    for column in dict.fromkeys(needed):
        if column not in table.header:
            errors.error(1, column, "required column is missing")
    for number, cells in table.rows:
        if cells.pop("__extra__", None):
            errors.error(number, "", "more cells than headings")


def read_release_file(
    mapping: Mapping, file_name: str, data: bytes, rules: MappingType[str, MeasureRule]
) -> ReleaseFile:
    """Parse and check the file; raise ImportRejected with every problem found."""
    table = read_table(file_name, data)
    errors = Problems(file_name, limit=MAX_ERRORS)
    _check_columns(mapping, table, errors)
    errors.raise_if_errors()
    areas: dict[str, AreaRow] = {}
    seen: dict[tuple[str, str, int, str], int] = {}
    values: list[ValueRow] = []
    skipped = 0
    for number, cells in table.rows:
        if not _wanted(mapping.rows, cells):
            skipped += 1
            continue
        level_text = cells.get("geographic_level" if mapping.layout == "dfe" else "area_type", "")
        if mapping.layout == "dfe" and level_text.strip() in OTHER_DFE_LEVELS:
            skipped += 1
            continue
        if (
            mapping.layout == "dfe"
            and level_text.strip() in DFE_LEVELS
            and level_text.strip() not in mapping.levels
        ):
            skipped += 1
            continue
        identifier = cells.get("time_identifier", "").strip()
        if identifier not in mapping.time_identifiers:
            errors.error(
                number,
                "time_identifier",
                f"'{identifier}' is not {' or '.join(mapping.time_identifiers)}, as the "
                "mapping expects",
            )
            continue
        try:
            time_period, _start = parse_period(cells.get("time_period", ""), identifier)
        except ValueError as exc:
            errors.error(number, "time_period", str(exc))
            continue
        area = _area(mapping.layout, cells, number, errors)
        if area is None:
            continue
        known = areas.get(area.code)
        if known is not None and known.la_number != area.la_number:
            errors.error(
                number,
                "old_la_code",
                f"{area.code} has LA number {known.la_number or 'none'} in an earlier row",
            )
            continue
        areas.setdefault(area.code, area)
        for columns in mapping.measures:
            parsed = _value(
                columns,
                rules[columns.measure],
                area,
                time_period,
                identifier,
                cells,
                number,
                errors,
            )
            if parsed is None:
                continue
            earlier = seen.get(parsed.key)
            if earlier is not None:
                errors.error(
                    number,
                    columns.value,
                    f"{columns.measure} for {area.name}, {cells.get('time_period')} is already "
                    f"given in row {earlier}",
                )
                continue
            seen[parsed.key] = number
            values.append(parsed)
    if not values and not errors:
        errors.error(0, "", "no rows match the mapping: nothing to import")
    errors.raise_if_errors()
    _rank(mapping, rules, values, areas)
    return ReleaseFile(file_name, areas, values, skipped)


def _value(
    columns: MeasureColumns,
    rule: MeasureRule,
    area: AreaRow,
    time_period: int,
    identifier: str,
    cells: MappingType[str, str],
    row: int,
    errors: Problems,
) -> ValueRow | None:
    if not _wanted(columns.rows, cells):
        return None
    text = cells.get(columns.value, "").strip()
    if not text:
        return None  # a blank cell: this file gives no figure for this measure here
    failed = False
    try:
        figure, symbol = parse_figure(text, rule.unit)
    except ValueError as exc:
        errors.error(row, columns.value, str(exc))
        figure, symbol, failed = None, "", True
    counts: dict[str, int | None] = {}
    for key in ("numerator", "cohort", "rank"):
        column = getattr(columns, key)
        if not column or column == "computed":
            counts[key] = None
            continue
        try:
            counts[key] = parse_count(cells.get(column, "").strip())
        except ValueError as exc:
            errors.error(row, column, str(exc))
            failed = True
    if failed:
        return None
    numerator, cohort = counts["numerator"], counts["cohort"]
    if numerator is not None and cohort is not None and numerator > cohort:
        errors.error(row, columns.numerator, f"{numerator} is more than the cohort of {cohort}")
        return None
    return ValueRow(
        measure=columns.measure,
        area=area.code,
        time_period=time_period,
        time_identifier=identifier,
        value=figure,
        symbol=symbol,
        numerator=numerator,
        cohort=cohort,
        row=row,
        rank=counts["rank"] or None,
    )


def _rank(
    mapping: Mapping,
    rules: MappingType[str, MeasureRule],
    values: list[ValueRow],
    areas: dict[str, AreaRow],
) -> None:
    """Rank authorities (1 = best, ties share a rank) where the mapping asks for it.

    A published rank column is kept as given (1 = best) and counted; ``computed`` ranks the
    file's local authorities by value, the lowest first where lower is better.
    """
    computed = {m.measure for m in mapping.measures if m.rank == "computed"}
    published = {m.measure for m in mapping.measures if m.rank and m.rank != "computed"}
    groups: dict[tuple[str, int, str], list[ValueRow]] = defaultdict(list)
    for value in values:
        ranked = value.measure in computed | published
        if ranked and areas[value.area].level == AreaLevel.LOCAL_AUTHORITY:
            groups[(value.measure, value.time_period, value.time_identifier)].append(value)
    for (measure, _period, _identifier), members in groups.items():
        if measure in published:
            with_rank = [v for v in members if v.rank is not None]
            for value in with_rank:
                value.ranked_out_of = len(with_rank)
            continue
        numeric = [v for v in members if v.value is not None]
        sign = 1 if rules[measure].polarity == Polarity.LOWER_IS_BETTER else -1
        numeric.sort(key=lambda v: sign * v.value)  # type: ignore[operator]
        rank, previous = 0, None
        for position, value in enumerate(numeric, start=1):
            if value.value != previous:
                rank, previous = position, value.value
            value.rank, value.ranked_out_of = rank, len(numeric)
