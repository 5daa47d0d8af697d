"""Linking names on papers to the panels, people and agenda items Scrutiny already holds."""

from __future__ import annotations

import re

from scrutiny.committees.models import AgendaItem, Meeting, Panel, Person

HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "revd",
    "rev",
    "sir",
    "dame",
}


def key(text: str) -> str:
    text = text.replace("’", "'").replace("&", "and")
    text = re.sub(r"[^\w' -]", " ", text.casefold())
    return re.sub(r"\s+", " ", text).strip()


def find_panel(name: str) -> Panel | None:
    if not name.strip():
        return None
    wanted = re.sub(r"^the ", "", key(name))
    for panel in Panel.objects.all():
        if re.sub(r"^the ", "", key(panel.name)) == wanted:
            return panel
    return None


def _initials_agree(wanted: list[str], held: list[str]) -> bool:
    """ "G" agrees with "G" and "Gordon"; no initials agree with any."""
    wanted = [w for w in wanted if w not in HONORIFICS]
    held = [h for h in held if h not in HONORIFICS]
    return all(h.startswith(w[0]) or w.startswith(h[0]) for w, h in zip(wanted, held, strict=False))


def find_person(name: str, kinds: list[str]) -> tuple[Person | None, bool]:
    """The person a printed name refers to, and whether the match is certain.

    "Councillor G Lambert" is printed as "G Lambert" or "Lambert": an exact name is certain;
    one person of that surname whose initials agree is a likely match, for review.
    """
    wanted = key(name)
    if not wanted:
        return None, False
    candidates = list(Person.objects.filter(kind__in=kinds))
    for person in candidates:
        if key(person.name) == wanted:
            return person, True
    words = wanted.split()
    likely = [
        p
        for p in candidates
        if key(p.name).split()[-1:] == words[-1:]
        and _initials_agree(words[:-1], key(p.name).split()[:-1])
    ]
    return (likely[0], False) if len(likely) == 1 else (None, False)


def find_agenda_item(meeting: Meeting, title: str, kind: str) -> AgendaItem | None:
    items = list(meeting.agenda_items.all())
    for item in items:
        if key(item.title) == key(title):
            return item
    same_kind = [i for i in items if i.kind == kind and kind != "report"]
    return same_kind[0] if len(same_kind) == 1 else None
