"""Documents in each state: draft, published, exempt (published), and a written report."""

from __future__ import annotations

import factory
from django.utils import timezone

from scrutiny.core.models import ExemptCategory
from scrutiny.documents.models import Document
from tests.committees.factories import PublishedMeetingFactory


class DraftDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(PublishedMeetingFactory)
    kind = Document.Kind.APPENDIX
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Appendix text {n}")
    body_html = "<p>Figures for the panel.</p>"


class PublishedDocumentFactory(DraftDocumentFactory):
    published_at = factory.LazyFunction(timezone.now)


class ExemptDocumentFactory(PublishedDocumentFactory):
    is_exempt = True
    exempt_category = factory.LazyFunction(
        lambda: ExemptCategory.objects.get_or_create(
            code="3", defaults={"title": "Financial or business affairs"}
        )[0]
    )
    public_interest_reasoning = "Commercially sensitive until the contract is let."
