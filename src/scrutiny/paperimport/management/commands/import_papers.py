"""scrutiny import-papers FILE...: read past agenda packs and minutes into proposed records."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from scrutiny.core.actors import SystemActor
from scrutiny.paperimport import services

ACTOR = SystemActor("import-papers command")


class Command(BaseCommand):
    help = (
        "Read agenda packs or minutes (PDF, or text extracted from one) and propose records "
        "for an officer to review at /imports/. --dry-run shows the proposal and stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Store nothing.")
        parser.add_argument("--json", action="store_true", help="Print the proposals as JSON.")
        parser.add_argument("--vocabulary", help="Council wording to read with (name or .toml).")
        parser.add_argument(
            "--save",
            action="store_true",
            help="Save the records straight away instead of leaving them for review.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="With --save: publish the minutes and the original file.",
        )

    def handle(self, *args, files, dry_run, json: bool, vocabulary, save, publish, **options):
        vocabulary = vocabulary or services.default_vocabulary()
        results, failed = [], 0
        for name in files:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as error:
                results.append({"file": name, "error": f"{name}: {error.strerror}."})
                failed += 1
                continue
            try:
                results.append(self._one(path.name, data, vocabulary, dry_run, save, publish))
            except ValidationError as error:
                results.append({"file": name, "error": " ".join(error.messages)})
                failed += not isinstance(error, services.NothingNew)
        if json:
            self.stdout.write(_dumps(results))
        else:
            for result in results:
                self.stdout.write(_summary(result))
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported.")

    def _one(self, name, data, vocabulary, dry_run, save, publish) -> dict:
        if dry_run:
            return services.preview(name, data, vocabulary)
        record = services.paper_import_create(
            actor=ACTOR, file_name=name, data=data, vocabulary=vocabulary
        )
        result = {"file": name, "import": record.pk, "review": record.get_absolute_url()}
        if save:
            outcome = services.paper_import_save(actor=ACTOR, paper_import=record, publish=publish)
            result["plan"] = outcome.as_dict()
        return result


def _dumps(results: list[dict]) -> str:
    return json.dumps(results, indent=2, ensure_ascii=False)


def _summary(result: dict) -> str:
    if "error" in result:
        return result["error"]
    if "proposal" in result:
        steps = result["plan"]["steps"]
        new = [s for s in steps if s["action"] == "create"]
        refused = [s for s in steps if s["action"] == "error"]
        lines = [f"{result['file']}: {result['proposal']['kind']}, {len(new)} new records"]
        lines += [f"  new: {s['what']}" for s in new]
        lines += [f"  refused: {s['what']}: {s['error']}" for s in refused]
        return "\n".join(lines)
    saved = " and saved" if "plan" in result else ""
    return f"{result['file']}: proposed{saved}; review at {result['review']}"
