"""The accessibility statement and privacy notice: the council's text, or a starting text.

Until an officer saves the council's own wording, each page shows a starting text built from
what Scrutiny itself does, so the page is never missing; the page says it has not yet been
reviewed by the council.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scrutiny.core.models import Council
from scrutiny.public.models import Statement

ACCESSIBILITY_START = """\
{council} runs this website to publish the papers, minutes and decisions of its scrutiny panels. We want as many people as possible to be able to use it. You should be able to change colours, contrast levels and fonts using your browser or device settings, zoom in up to 400% without the text spilling off the screen, navigate most of the website using just a keyboard or speech recognition software, and listen to most of the website using a screen reader.

## How accessible this website is

The pages are built with the GOV.UK Design System and checked with automated accessibility testing (axe-core) in a real browser, including forms showing errors and pages at a width of 320 pixels. Every chart has a table of the same figures. Agenda packs, minutes and reports are produced as tagged PDFs with a document language and bookmarks.

Some papers published for meetings are documents written by other organisations or scanned from paper. These may not be fully accessible. If you need a paper in another format, contact us.

## Feedback and contact information

If you need information on this website in a different format, such as accessible PDF, large print, easy read, audio recording or braille, contact Democratic Services. We will consider your request and get back to you within 5 working days.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility regulations). If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).

## Technical information about this website's accessibility

{council} is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. This website aims to be fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.
"""

PRIVACY_START = """\
This notice explains what personal information the scrutiny pages of {council} hold and why. {council} is the data controller.

## What we publish

The names of councillors and appointed members, their roles on panels, their attendance and the interests they declare at meetings are published because the Local Government Act 1972 and the Localism Act 2011 require it. The names and job titles of officers who write reports are published on the reports.

## What we keep but do not publish

If you sign up for email alerts we keep your email address and the panels you chose until you unsubscribe. Every alert has a link to unsubscribe. Signing in uses a cookie that is needed for the site to work; the public pages set no other cookies and use no analytics.

Information about individual children is never published on this website. Performance figures are totals, and small numbers are suppressed.

## Your rights

You have the right to ask for a copy of the information we hold about you, to ask us to correct it, and in some cases to ask us to delete it. Write to the contact below. If you are unhappy with how we have used your information you can complain to the Information Commissioner's Office.
"""

STARTING_TEXT: dict[str, str] = {
    Statement.Kind.ACCESSIBILITY: ACCESSIBILITY_START,
    Statement.Kind.PRIVACY: PRIVACY_START,
}


@dataclass(frozen=True)
class Block:
    heading: bool
    text: str


@dataclass(frozen=True)
class StatementPage:
    kind: str
    title: str
    blocks: list[Block]
    contact_email: str
    contact_telephone: str
    reviewed_on: date | None
    version: int
    is_council_text: bool


def blocks(text: str) -> list[Block]:
    """Paragraphs separated by a blank line; '## ' starts a heading."""
    found = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = " ".join(line.strip() for line in chunk.splitlines())
        if chunk.startswith("## "):
            found.append(Block(True, chunk[3:].strip()))
        elif chunk:
            found.append(Block(False, chunk))
    return found


def statement_page(kind: str) -> StatementPage:
    council = Council.objects.order_by("pk").first()
    council_name = council.name if council else "The council"
    saved = Statement.objects.filter(kind=kind).first()
    title = Statement.Kind(kind).label
    if saved is not None:
        return StatementPage(
            kind,
            title,
            blocks(saved.body),
            saved.contact_email,
            saved.contact_telephone,
            saved.reviewed_on,
            saved.version,
            True,
        )
    return StatementPage(
        kind,
        title,
        blocks(STARTING_TEXT[kind].format(council=council_name)),
        "",
        "",
        None,
        0,
        False,
    )


def starting_text(kind: str) -> str:
    council = Council.objects.order_by("pk").first()
    return STARTING_TEXT[kind].format(council=council.name if council else "The council")
