"""How other apps put their own papers into an agenda pack.

An app adds papers to an agenda item by defining, in ``<app>/pack.py``, a function

    pack_parts(meeting, item) -> list[PackPart]

called once per agenda item (in agenda order) for every build. Return an empty list for items
the app has nothing for. For example the minutes app returns the minutes of the previous
meeting for the item of kind ``previous_minutes``, and the recommendations app its monitoring
report for the item of kind ``monitoring``.

A part is either HTML (printed with the pack's stylesheet, like the pages) or finished PDF
bytes (merged in and page-numbered). A withheld part sets ``exempt_category``: the public pack
prints one "Document is Confidential" page in its place and never renders its content; the
members' pack prints it with every page marked "not for publication".

A part with ``appendix_number`` N is printed among the item's appendices as "Appendix N" and
takes the place of a Document appendix N of that item (a stand-in written before the app
could supply it). Minutes attached as a Document of kind "minutes" to the previous-minutes
item are printed only when no app supplies parts for that item. A part with ``variant`` set
prints in that pack only (e.g. a public and a complete version of the same minutes).

Apps that do not define ``pack.py`` but are known to this app are adapted in
``scrutiny.documents.sources`` (the minutes and the monitoring report). Appendices generated
from another app's evidence (``scrutiny.core.evidence``), attached by an officer to an item,
are printed by ``scrutiny.documents.generated``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings

from scrutiny.core.models import ExemptCategory

OWN_APP = "scrutiny.documents"


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


PartsFunction = Callable[..., list[PackPart]]


def pack_part_providers() -> list[PartsFunction]:
    """Each installed app's ``pack.pack_parts`` (or this app's adapter for it), in order."""
    from scrutiny.documents.sources import ADAPTERS

    providers = []
    for app in settings.DOMAIN_APPS:
        if app == OWN_APP or find_spec(app) is None:
            continue
        function = None
        if find_spec(f"{app}.pack") is not None:
            function = getattr(import_module(f"{app}.pack"), "pack_parts", None)
        if function is None:
            function = ADAPTERS.get(app)
        if function is not None:
            providers.append(function)
    from scrutiny.documents.generated import generated_parts

    providers.append(generated_parts)
    return providers
