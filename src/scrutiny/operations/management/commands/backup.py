"""``scrutiny backup DIR``: a consistent copy of the database, files and case-data store."""

from django.core.management.base import BaseCommand, CommandError

from scrutiny.operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database, uploaded and built files, and the case-data store to DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="a new or empty directory")

    def handle(self, *args, directory: str, **options):
        try:
            summary = backup_create(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up {summary.rows} rows in {summary.tables} tables, {summary.files} files "
            f"and {summary.store_rows} case-data rows to {directory}."
        )
