"""Stable public identifiers in the Open Civic Data style (``ocd-event/<uuid>``).

The UUID is derived (RFC 4122 version 5) from the council's name, the kind of record and its
primary key, so it is the same in the API, the calendars and the feeds, whatever host name
the site is reached by, and survives a move to another address or a restore from backup.
Two councils' installations never produce the same identifier for their records.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from scrutiny.core.models import Council

# Fixed for the product: changing it would change every identifier ever published.
SCRUTINY_NAMESPACE = uuid.UUID("6c1f0a52-3d0e-5b8e-9f4c-2a7d1e0b9c41")

# OCD's own kinds, and Scrutiny's for records OCD has no model of.
KINDS = (
    "organization",
    "person",
    "membership",
    "event",
    "document",
    "minutes",
    "recommendation",
    "workitem",
    "declaration",
    "interest",
)


@dataclass(frozen=True)
class Identifiers:
    council: str

    @classmethod
    def for_council(cls) -> Identifiers:
        name = Council.objects.order_by("pk").values_list("name", flat=True).first()
        return cls(name or str(Council._meta.get_field("name").default))

    def uuid(self, kind: str, pk: int) -> uuid.UUID:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of record: {kind}")
        return uuid.uuid5(SCRUTINY_NAMESPACE, f"{self.council}/{kind}/{pk}")

    def ocd(self, kind: str, pk: int) -> str:
        return f"ocd-{kind}/{self.uuid(kind, pk)}"
