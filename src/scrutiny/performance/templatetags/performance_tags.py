from __future__ import annotations

from django import template

register = template.Library()

RAG_TAG_CLASSES = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
}


@register.filter
def commentary_blocks(text: str) -> list[tuple[str, object]]:
    """Split commentary into paragraphs and bullet lists ("- " starts a bullet)."""
    blocks: list[tuple[str, object]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(("- ", "* ")):
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(line[2:].strip())  # type: ignore[attr-defined]
            else:
                blocks.append(("ul", [line[2:].strip()]))
        else:
            blocks.append(("p", line))
    return blocks


@register.filter
def rag_class(code: str) -> str:
    return RAG_TAG_CLASSES.get(code, "govuk-tag--grey")
