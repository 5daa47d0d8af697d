"""Print agenda packs in this process (the worker prints them otherwise): the issues of
published meetings (recorded first for meetings published before packs were kept)."""

from django.core.management import BaseCommand

from scrutiny.committees.models import Meeting
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.pack_builds import build_pending
from scrutiny.documents.pack_issues import issue_request


class Command(BaseCommand):
    help = "Queue and build the public and members' agenda packs of published meetings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--meeting", type=int, action="append", help="Only this meeting (id); repeatable."
        )

    def handle(self, *args, meeting=None, **options):
        meetings = Meeting.objects.filter(agenda_published_at__isnull=False)
        if meeting:
            meetings = meetings.filter(pk__in=meeting)
        for each in meetings.select_related("panel"):
            for variant in AgendaPack.Variant.values:
                issue_request(each, variant)
        built = build_pending()
        self.stdout.write(f"{built} agenda pack(s) built.")
