"""What each app ships for its statistics: mapping files and a measure catalogue.

An app that builds on this one puts its mapping files in ``<app>/mappings/*.toml`` and its
measure definitions in ``<app>/catalogue.csv`` (columns of services.CATALOGUE_COLUMNS), and
names its topic in ``<app>/catalogue.py`` as ``TOPIC``. The import screen offers every
shipped mapping; importing through one first brings the app's catalogue up to date.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module, resources

from django.conf import settings

from scrutiny.core.actors import Actor

from . import services


@dataclass(frozen=True)
class ShippedMapping:
    app: str
    name: str  # file name, e.g. "ks2-attainment.toml"

    @property
    def key(self) -> str:
        return f"{self.app.rsplit('.', 1)[-1]}/{self.name}"

    def read(self) -> bytes:
        return (resources.files(self.app) / "mappings" / self.name).read_bytes()


def shipped_mappings() -> list[ShippedMapping]:
    found = []
    for app in settings.DOMAIN_APPS:
        folder = resources.files(app) / "mappings"
        if not folder.is_dir():
            continue
        found += [
            ShippedMapping(app, entry.name)
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".toml")
        ]
    return found


def mapping_by_key(key: str) -> ShippedMapping | None:
    return next((m for m in shipped_mappings() if m.key == key), None)


def ensure_catalogue(app: str, *, actor: Actor) -> None:
    """Load the app's shipped measure definitions (idempotent)."""
    if not (resources.files(app) / "catalogue.csv").is_file():
        return  # the app ships mappings of figures whose measures another app defines
    topic = import_module(f"{app}.catalogue").TOPIC
    data = (resources.files(app) / "catalogue.csv").read_bytes()
    services.measure_catalogue_import(
        actor=actor, file_name="catalogue.csv", data=data, topic=topic
    )
