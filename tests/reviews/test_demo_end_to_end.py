"""The demo register against the partnership's yearly reports, and the 26 September 2024 pack.

The one end-to-end check of this app: the panel and meetings, then the register entered
through the services as the demo does.
"""

from datetime import date

import pytest

from scrutiny.committees.models import Meeting
from scrutiny.documents.pack_printing import pack_plan
from scrutiny.reviews import demo
from scrutiny.reviews.figures import compute, parse_period


@pytest.fixture
def register(foundation_demo):
    demo.load()


def test_2022_23_figures_match_the_yearly_report(register):
    f = compute(parse_period("2022-23"))
    assert f.referrals == 16  # "received 16 referrals for consideration"
    assert f.rapid_reviews == 9  # "9 Rapid Reviews have taken place"
    assert f.lcsprs_started == 2  # "2 Local Safeguarding Children Practice Reviews are underway"
    assert f.decisions["thematic"] == 6  # "6 referrals ... in a thematic learning process"
    assert f.lcsprs_published == 1  # "1 ... has been published"
    assert f.themes[0] == ("Child sexual abuse", 7)


def test_2023_24_figures_match_the_yearly_report(register):
    f = compute(parse_period("2023-24"))
    assert f.lcsprs_published == 3  # "SSCP have published 3 CSPR's during this year"


def test_the_26_september_2024_pack_prints_the_figures_as_appendix_2_of_the_sscp_item(register):
    meeting = Meeting.objects.get(date=date(2024, 9, 26))
    for variant in ("public", "members"):
        plan = pack_plan(meeting, variant)
        papers = [p for p in plan.papers if "case reviews: figures for 2023/24" in p.title]
        assert len(papers) == 1
        paper = papers[0]
        assert paper.title.startswith("Appendix 2:")
        item = meeting.agenda_items.get(number=paper.item_number)
        assert item.title.startswith("Southampton Safeguarding Children Partnership")
        assert "Local child safeguarding practice reviews published" in paper.html
        assert "SSCP-2" not in paper.html  # aggregates only: no internal reference


def test_the_public_meeting_page_lists_the_generated_appendix_and_the_figures_hide_cases(
    client, register
):
    meeting = Meeting.objects.get(date=date(2024, 9, 26))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Appendix 2: Safeguarding case reviews: figures for 2023/24" in page
    figures = client.get("/reviews/figures/2022-23/").content.decode()
    assert ">16<" in figures and ">9<" in figures and "SSCP-2" not in figures
    assert "SSCP-2" not in client.get("/reviews/").content.decode()
