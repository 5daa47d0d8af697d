"""Papers in another council's template, read with the UK vocabulary only."""

from pathlib import Path

import pytest

from scrutiny.paperimport.parsing import parse

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def minutes():
    proposal = parse((FIXTURES / "other-council-minutes.txt").read_text(), None)
    assert proposal.kind == "minutes"
    (meeting,) = proposal.meetings
    return meeting


@pytest.fixture(scope="module")
def agenda():
    proposal = parse((FIXTURES / "other-council-agenda.txt").read_text(), None)
    assert proposal.kind == "agenda pack"
    (meeting,) = proposal.meetings
    return meeting


def test_heading_gives_body_date_time_and_venue(minutes):
    assert minutes.panel == "Children's Services Overview and Scrutiny Committee"
    assert (minutes.date, minutes.start_time) == ("2023-03-14", "18:30")
    assert minutes.venue == "Council Chamber, Town Hall, Westbridge"


def test_present_block_with_co_optees_and_apologies_sentence(minutes):
    by_status = {}
    for ref in minutes.attendance:
        by_status.setdefault(ref.status, []).append((ref.name, ref.kind, ref.role))
    assert by_status["present"] == [
        ("P Okafor", "councillor", "chair"),
        ("S Whitlock", "councillor", "vice_chair"),
        ("D Armitage", "councillor", ""),
        ("R Bell", "councillor", ""),
        ("K Dhillon", "councillor", ""),
        ("T Morgan-Hughes", "councillor", ""),
        ("Mr A Fairbairn", "appointed", ""),
        ("Mrs L Kowalski", "appointed", ""),
    ]
    assert by_status["apologies"] == [
        ("H Shah", "councillor", ""),
        ("Mr N Adeyemi", "appointed", ""),
    ]
    assert by_status["in_attendance"] == [("M Reyes", "councillor", "")]


def test_minute_numbers_with_year_suffix_and_lettered_resolutions(minutes):
    assert [(m.number, m.kind) for m in minutes.minutes] == [
        (41, "interests"),
        (42, "previous_minutes"),
        (43, "report"),
        (44, "exclusion"),
        (45, "report"),
    ]
    fostering = minutes.minutes[2]
    assert [(r.label, r.text) for r in fostering.resolutions] == [
        ("a", "That the report be noted."),
        (
            "b",
            "That a briefing on the recruitment campaign be circulated to members before the next meeting.",
        ),
    ]
    assert fostering.discussion_intro == "In discussion, members raised:"
    assert len(fostering.points) == 3


def test_declaration_and_schedule_12a_paragraphs(minutes):
    (declaration,) = minutes.minutes[0].declarations
    assert (declaration.name, declaration.kind) == ("Bell", "other")
    assert "foster carer" in declaration.matter
    exclusion = minutes.minutes[3]
    assert exclusion.excludes_public
    assert exclusion.exclusion_categories == ["1", "2"]
    assert exclusion.public_interest_reasoning.startswith("That under Section 100A(4)")


def test_agenda_with_trailing_page_ranges_and_labelled_front_sheet(agenda):
    assert agenda.panel == "Children's Services Overview and Scrutiny Committee"
    assert (agenda.date, agenda.start_time, agenda.venue) == (
        "2023-03-14",
        "18:30",
        "Council Chamber, Town Hall, Westbridge",
    )
    assert [(i.number, i.kind, i.page_start, i.page_end) for i in agenda.agenda] == [
        (1, "apologies", None, None),
        (2, "interests", None, None),
        (3, "previous_minutes", 1, 6),
        (4, "report", 7, 22),
        (5, "exclusion", None, None),
        (6, "report", 23, 30),
    ]
    assert agenda.agenda[4].exempt_categories == ["1"]
    assert [m.name for m in agenda.members][:2] == ["P Okafor", "S Whitlock"]
    assert [(a.name, a.title) for a in agenda.appointed][0] == (
        "Mr A Fairbairn",
        "Diocese of Westbridge",
    )
    (contact,) = agenda.contacts
    assert (contact.role, contact.name, contact.email) == (
        "dso",
        "Priya Grant",
        "committees@westbridge.example",
    )


def test_southampton_words_are_not_in_the_uk_vocabulary():
    from scrutiny.paperimport.parsing.vocabulary import load

    uk = load(None)
    assert uk.which("procedural", "Monitoring Scrutiny Recommendations") is None
    assert uk.which("procedural", "Declaration of party political whip") is None
    assert load("southampton").which("procedural", "Declaration of party political whip") == "whip"
