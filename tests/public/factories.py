"""Documents for the public-site tests: one factory per publication state."""

from __future__ import annotations

from datetime import UTC, datetime

import factory

from scrutiny.documents.models import Document
from tests.committees.factories import ExemptCategoryFactory, PublishedMeetingFactory


class DraftDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(PublishedMeetingFactory)
    kind = Document.Kind.REPORT
    title = factory.Sequence(lambda n: f"Report {n}")
    body_html = "<p>The report sets out the service's progress.</p>"
    published_at = None


class PublishedDocumentFactory(DraftDocumentFactory):
    published_at = datetime(2024, 11, 20, 9, tzinfo=UTC)


class ExemptDocumentFactory(PublishedDocumentFactory):
    kind = Document.Kind.APPENDIX
    number = 2
    is_exempt = True
    exempt_category = factory.SubFactory(ExemptCategoryFactory)
    public_interest_reasoning = "Shared in confidence before the national release."
