"""The seeds' youth figures through the importer, and the 26 September 2024 appendix."""

from datetime import date

import pytest

from scrutiny.committees.models import Meeting
from scrutiny.documents.pack_printing import pack_plan
from scrutiny.youthjustice import demo
from scrutiny.youthjustice.figures import tables_as_at


@pytest.fixture
def loaded(foundation_demo):
    demo.load()


def test_the_seed_figures_and_the_generated_appendix_of_the_youth_justice_item(loaded, client):
    tables = {t.measure: t for t in tables_as_at(date(2024, 9, 26))}
    custody = {c.area_type: c.shown for c in tables["custody_rate"].cells}
    assert custody == {
        "Youth justice service": ":",
        "YJS family average": "0.16",
        "England and Wales": "0.10",
    }
    assert tables["remands"].cells[0].shown == "10"
    assert tables["custodial_sentences"].cells[0].shown == "c"  # four, published as "c"
    assert tables["rhi_completed_pct"].cells[0].shown == "84%"
    meeting = Meeting.objects.get(date=date(2024, 9, 26))
    papers = [p for p in pack_plan(meeting, "public").papers if "Youth justice figures" in p.title]
    assert [p.title for p in papers] == [
        "Appendix 1: Youth justice figures published to 26 September 2024"
    ]
    assert (
        meeting.agenda_items.get(number=papers[0].item_number).title == "The Youth Justice Service"
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Appendix 1: Youth justice figures published to 26 September 2024" in page
