"""``scrutiny restore DIR``: a backup onto an empty database and data directory."""

from django.core.management.base import BaseCommand, CommandError

from scrutiny.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `scrutiny backup` onto an empty database and data directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, *args, directory: str, **options):
        try:
            summary = backup_restore(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored and checked {summary.rows} rows in {summary.tables} tables, "
            f"{summary.files} files and {summary.store_rows} case-data rows."
        )
