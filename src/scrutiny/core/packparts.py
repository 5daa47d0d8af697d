"""The pack-part contract: papers an app prints into a meeting's agenda pack.

An app adds papers to an agenda item by registering, in
``scrutiny.core.registry.pack_parts``, a function

    pack_parts(meeting, item, audience) -> list[PackPart]

called once per agenda item (in agenda order) for every build of the pack read by
``audience`` (``scrutiny.core.access.Audience``: ``PUBLIC`` for the public pack, ``MEMBERS``
for the members' pack). Return an empty list for items the app has nothing for. The minutes
app returns the minutes of the previous meeting for the item of kind ``previous_minutes``
(the public version to the public, the complete one to members), the recommendations app
its monitoring report for the item of kind ``monitoring``, the documents app the appendices
generated from evidence (``scrutiny.core.evidence``) attached by an officer.

A part is either HTML (printed with the pack's stylesheet, like the pages) or finished PDF
bytes (merged in and page-numbered). A withheld part sets ``exempt_category``: the public pack
prints one "Document is Confidential" page in its place and never renders its content; the
members' pack prints it with every page marked "not for publication".

A part with ``appendix_number`` N is printed among the item's appendices as "Appendix N" and
takes the place of a Document appendix N of that item (a stand-in written before the app
could supply it). Minutes attached as a Document of kind "minutes" to the previous-minutes
item are printed only when no app supplies parts for that item. A part with ``variant`` set
prints in that pack only ("public" or "members"), whatever audience it was returned for.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from scrutiny.core.models import ExemptCategory


@dataclass(frozen=True)
class PackPart:
    title: str
    html: str = ""
    pdf: bytes | None = None
    exempt_category: ExemptCategory | None = None
    heading: str = field(default="", compare=False)  # e.g. "Agenda Item 6"; defaults to the item
    appendix_number: int | None = None  # printed as that appendix; replaces a stand-in Document
    variant: str = ""  # "public" or "members" to print in one pack only; "" for both

    def __post_init__(self) -> None:
        if bool(self.html) == bool(self.pdf):
            raise ValueError(f"Pack part {self.title!r} needs exactly one of html or pdf.")
        if self.variant not in ("", "public", "members"):
            raise ValueError(f"Pack part {self.title!r}: unknown variant {self.variant!r}.")

    @property
    def is_withheld(self) -> bool:
        return self.exempt_category is not None

    def content_digest(self) -> str:
        data = self.pdf if self.pdf is not None else self.html.encode()
        return hashlib.sha256(data).hexdigest()
