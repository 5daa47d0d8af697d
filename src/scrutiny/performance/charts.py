"""Trend charts as inline SVG, drawn on the server so pages and PDFs show the same thing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 340, 170
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 40
COUNCIL_COLOUR = "#1d70b8"
TARGET_COLOUR = "#00703c"
COMPARATOR_COLOUR = "#6f3c97"


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _svg_open(chart_id: str, title: str) -> str:
    return (
        f'<svg class="perf-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d"'
        ' focusable="false">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
    )


def _axes(
    parts: list[str], refs: Sequence[float], labels: Sequence[str], step: float, every: int = 3
) -> Callable[[float], float]:
    """Draw the axes, three value labels and the x labels; return the value-to-y function."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    low, high = min(refs), max(refs)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low = max(0.0, low - pad) if low >= 0 else low - pad
    high = high + pad
    scale = plot_h / (high - low)

    def y(v: float) -> float:
        return TOP + plot_h - (v - low) * scale

    axis = f"M{LEFT},{TOP}V{TOP + plot_h}H{LEFT + plot_w}"
    parts.append(f'<path d="{axis}" stroke="#505a5f" fill="none" stroke-width="1"/>')
    for v in (low, (low + high) / 2, high):
        parts.append(
            f'<text x="{LEFT - 4}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end"'
            f' fill="#0b0c0c">{_fmt(v)}</text>'
        )
    for i, label in enumerate(labels):
        last = len(labels) - 1
        if i in (0, last) or (i % every == 0 and last - i >= min(every, 2)):
            anchor = "end" if i == last and i else "middle"
            parts.append(
                f'<text x="{LEFT + i * step:.1f}" y="{TOP + plot_h + 14}" font-size="10"'
                f' text-anchor="{anchor}" fill="#0b0c0c">{escape(label)}</text>'
            )
    return y


# One dot, drawn from its left edge as two half-circle arcs (a marker path of ``_markers``).
MARKER = "m-2.5,0a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0"


def _markers(centres: Sequence[tuple[float, float]], colour: str) -> str:
    """Every point's dot in one path element rather than a circle each: the same picture
    with a twelfth of the elements, which is what the PDF renderer pays for."""
    if not centres:
        return ""
    dots = "".join(f"M{x:.1f},{cy:.1f}{MARKER}" for x, cy in centres)
    return f'<path class="perf-markers" d="{dots}" fill="{colour}"/>'


def _legend(parts: list[str], legend: Sequence[tuple[str, str, str]]) -> None:
    legend_y = HEIGHT - 8
    x = LEFT
    for text, colour, dash in legend:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 16}" y1="{legend_y - 4}" y2="{legend_y - 4}"'
            f' stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            f'<text x="{x + 20}" y="{legend_y}" font-size="10" fill="#0b0c0c">{escape(text)}</text>'
        )
        x += 26 + 6 * len(text)


def trend_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    target: Decimal | None,
    comparator: tuple[str, Decimal] | None,
    council_name: str,
    break_after: frozenset[int] = frozenset(),
) -> SafeString:
    """Line for the council's monthly values, dashed target, dotted comparator.

    ``break_after`` holds indexes after which the line is not joined (a gap in time).
    """
    points = [None if v is None else float(v) for v in values]
    target_f = None if target is None else float(target)
    comparator_f = None if comparator is None else float(comparator[1])
    refs = [v for v in points if v is not None] + [
        x for x in (target_f, comparator_f) if x is not None
    ]
    parts = [
        _svg_open(chart_id, title),
        f'<desc id="{chart_id}-d">Line chart of {escape(council_name)} monthly values'
        f"{' against the target' if target is not None else ''}"
        f"{' and ' + escape(comparator[0]) if comparator else ''}; the figures are in the table"
        " beside it.</desc>",
    ]
    if not refs:
        parts.append(f'<text x="{LEFT}" y="{TOP + 20}" font-size="12">No data</text></svg>')
        return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(1, len(values) - 1)
    y = _axes(parts, refs, labels, step)
    if target_f is not None:
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(target_f):.1f}" y2="{y(target_f):.1f}"'
            f' stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    if comparator_f is not None:
        cy = y(comparator_f)
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{cy:.1f}" y2="{cy:.1f}"'
            f' stroke="{COMPARATOR_COLOUR}" stroke-width="2" stroke-dasharray="2 3"/>'
        )
    path, pen_down = [], False
    for i, v in enumerate(points):
        if v is None:
            pen_down = False
            continue
        path.append(f"{'L' if pen_down else 'M'}{LEFT + i * step:.1f},{y(v):.1f}")
        pen_down = i not in break_after
    if path:
        parts.append(
            f'<path d="{"".join(path)}" stroke="{COUNCIL_COLOUR}" stroke-width="2.5" fill="none"/>'
        )
    parts.append(
        _markers(
            [(LEFT + i * step, y(v)) for i, v in enumerate(points) if v is not None], COUNCIL_COLOUR
        )
    )
    legend = [(council_name, COUNCIL_COLOUR, "")]
    if target is not None:
        legend.append(("Target", TARGET_COLOUR, "6 4"))
    if comparator is not None:
        legend.append((comparator[0], COMPARATOR_COLOUR, "2 3"))
    _legend(parts, legend)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts


def chart_data_table(
    *, caption: str, council_name: str, rows: Sequence[tuple[str, str]]
) -> SafeString:
    """The table beside a chart: month and value rows, then target and comparator rows.

    Built here rather than in a template because the dashboard shows 73 of them and the
    template engine would dominate the page's render time.
    """
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    head = '<th scope="row" class="govuk-table__header">'
    body = "".join(
        f'<tr class="govuk-table__row">{head}{escape(label)}</th>{cell}{escape(text)}</td></tr>'
        for label, text in rows
    )
    return mark_safe(  # noqa: S308 - built from escaped parts
        '<table class="govuk-table perf-chart-table">'
        '<caption class="govuk-table__caption govuk-table__caption--s">Chart data: '
        f"{escape(caption)}</caption>"
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Month</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
        f"{escape(council_name)}</th></tr></thead>"
        f'<tbody class="govuk-table__body">{body}</tbody></table>'
    )


SERIES_STYLES = [
    (COUNCIL_COLOUR, ""),
    (COMPARATOR_COLOUR, "2 3"),
    (TARGET_COLOUR, "6 4"),
    ("#d4351c", "8 3 2 3"),
]


def comparison_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | None]]],
) -> SafeString:
    """One line per area (the council first, solid; comparators dashed) over a few periods."""
    lines = [(name, [None if v is None else float(v) for v in values]) for name, values in series]
    refs = [v for _, points in lines for v in points if v is not None]
    names = ", ".join(name for name, _ in series)
    parts = [
        _svg_open(chart_id, title),
        f'<desc id="{chart_id}-d">Line chart of {escape(names)} by period; the figures are in'
        " the table beside it.</desc>",
    ]
    if not refs:
        parts.append(f'<text x="{LEFT}" y="{TOP + 20}" font-size="12">No data</text></svg>')
        return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(1, len(labels) - 1)
    y = _axes(parts, refs, labels, step, every=1)
    legend = []
    for (name, points), (colour, dash) in zip(lines, SERIES_STYLES, strict=False):
        path, pen_down = [], False
        for i, v in enumerate(points):
            if v is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{LEFT + i * step:.1f},{y(v):.1f}")
            pen_down = True
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if path:
            parts.append(
                f'<path d="{"".join(path)}" stroke="{colour}" stroke-width="2.5" fill="none"'
                f"{dash_attr}/>"
            )
        parts.append(
            _markers(
                [(LEFT + i * step, y(v)) for i, v in enumerate(points) if v is not None], colour
            )
        )
        legend.append((name, colour, dash))
    _legend(parts, legend)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts


def comparison_table(
    *, caption: str, first_header: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> SafeString:
    """The table beside a comparison chart: one row per period, one column per area."""
    head = '<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    body = "".join(
        f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        f"{escape(row[0])}</th>"
        + "".join(f"{cell}{escape(text)}</td>" for text in row[1:])
        + "</tr>"
        for row in rows
    )
    return mark_safe(  # noqa: S308 - built from escaped parts
        '<table class="govuk-table perf-chart-table">'
        '<caption class="govuk-table__caption govuk-table__caption--s">Chart data: '
        f"{escape(caption)}</caption>"
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        f'<th scope="col" class="govuk-table__header">{escape(first_header)}</th>'
        + "".join(f"{head}{escape(h)}</th>" for h in headers)
        + f'</tr></thead><tbody class="govuk-table__body">{body}</tbody></table>'
    )
