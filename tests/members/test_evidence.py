"""Recommendations tied to evidence: linked by an officer or the proposing member; the
recommendation page and the monitoring report show each linked figure's trend since the
recommendation was made (chart and table); the tracker filters on it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from scrutiny.core import evidence
from scrutiny.core.actors import Refused
from scrutiny.core.audit import audit_trail
from scrutiny.performance.models import Polarity
from scrutiny.recommendations import services
from scrutiny.recommendations.models import EvidenceLink
from tests.performance.factories import CountIndicatorFactory, MonthlyValueFactory
from tests.recommendations.factories import InProgressRecommendationFactory


def _ref(indicator) -> str:
    return f"performance.indicator:{indicator.code}"


@pytest.fixture
def linked(panelled, officer):
    rec = panelled.referral
    services.recommendation_evidence_link(
        actor=officer, recommendation=rec, reference=_ref(panelled.rated)
    )
    return rec


def test_the_trend_runs_from_the_last_figure_known_when_it_was_made(panelled, linked):
    trend = evidence.trend(_ref(panelled.rated), None, linked.meeting.date)
    assert [(p.label, p.text) for p in trend.points] == [
        ("Aug-24", "24%"),
        ("Sep-24", "14%"),
        ("Oct-24", "19%"),
    ]
    assert trend.judgement == evidence.IMPROVED  # lower is better: 24% to 19%
    assert "<svg" in trend.chart and "Oct-24" in trend.table


def test_the_recommendation_page_shows_the_chart_and_its_table(client, panelled, linked):
    html = client.get(linked.get_absolute_url()).content.decode()
    section = html.split('id="evidence"')[1]
    assert panelled.rated.name in section and "Improved since 26 September 2024" in section
    assert "<svg" in section and "Chart data:" in section and "19%" in section


def test_the_monitoring_report_shows_the_trend_of_each_linked_figure(client, panelled, linked):
    url = f"/recommendations/panel/{panelled.panel.slug}/monitoring/2024-11-28/"
    html = client.get(url).content.decode()
    section = html.split("Evidence since each recommendation was made")[1]
    assert panelled.rated.name in section and "improved since 26 September 2024" in section


def test_the_tracker_filters_on_evidence_improved_or_worsened(client, panelled, linked, officer):
    worse = InProgressRecommendationFactory(meeting=panelled.previous, title="Reviews")
    services.recommendation_evidence_link(
        actor=officer, recommendation=worse, reference=_ref(panelled.worsening)
    )
    url = f"/recommendations/panel/{panelled.panel.slug}/"
    improved = client.get(url, {"evidence": "improved"}).content.decode()
    worsened = client.get(url, {"evidence": "worsened"}).content.decode()
    assert linked.get_absolute_url() in improved and worse.get_absolute_url() not in improved
    assert worse.get_absolute_url() in worsened and linked.get_absolute_url() not in worsened
    everything = client.get(url).content.decode()
    assert linked.get_absolute_url() in everything and worse.get_absolute_url() in everything


def test_the_proposing_member_may_link_it_and_no_other_member_may(panelled):
    rec = panelled.referral
    with pytest.raises(Refused):
        services.recommendation_evidence_link(
            actor=panelled.member, recommendation=rec, reference=_ref(panelled.rated)
        )
    rec.proposed_by = panelled.person
    rec.save(update_fields=["proposed_by"])
    link = services.recommendation_evidence_link(
        actor=panelled.member, recommendation=rec, reference=_ref(panelled.rated)
    )
    assert audit_trail(rec).filter(action="recommendations.recommendation_evidence_link").exists()
    with pytest.raises(Refused):
        services.recommendation_evidence_unlink(actor=panelled.other_member, link=link)
    services.recommendation_evidence_unlink(actor=panelled.member, link=link)
    assert not EvidenceLink.objects.exists()


def test_a_reference_to_nothing_is_refused_on_its_field(panelled, officer):
    for reference, message in (
        ("performance.indicator:no_such_code", "does not exist"),
        ("nonsense", "kind:key"),
    ):
        with pytest.raises(ValidationError) as error:
            services.recommendation_evidence_link(
                actor=officer, recommendation=panelled.referral, reference=reference
            )
        assert message in str(error.value.message_dict["reference"])
    assert not EvidenceLink.objects.exists()


def test_officers_link_through_the_recommendation_page(client, panelled, officer):
    client.force_login(officer)
    url = panelled.referral.get_absolute_url()
    response = client.post(url, {"action": "evidence_link", "e-reference": _ref(panelled.rated)})
    assert response.status_code == 302
    assert EvidenceLink.objects.get().reference == _ref(panelled.rated)
    response = client.post(url, {"action": "evidence_link", "e-reference": ""})
    assert response.status_code == 400 and "govuk-error-message" in response.content.decode()


def test_small_counts_stay_suppressed_in_a_trend_for_the_public(panelled):
    small = CountIndicatorFactory(polarity=Polarity.LOWER_IS_BETTER)
    for month, value in ((date(2024, 8, 31), "3"), (date(2024, 10, 31), "40")):
        MonthlyValueFactory(indicator=small, month=month, value=Decimal(value))
    public = evidence.trend(_ref(small), None, date(2024, 9, 26))
    officerish = [p.text for p in public.points]
    assert officerish[0] != "3" and officerish[1] == "40"
    assert public.judgement == ""  # one visible figure: no judgement that would hint at it


def test_an_education_measure_gives_its_yearly_trend_since_the_recommendation(panelled, officer):
    from scrutiny.statistics import services as statistics
    from tests.statistics.factories import (
        DFE_HEADER,
        HOME,
        MAPPING,
        MeasureFactory,
        la_row,
        neighbour_group,
    )

    MeasureFactory(code="rwm", name="Reading, writing and maths")
    neighbour_group()
    rows = [
        la_row(period, *HOME, value, "1600", "2900")
        for period, value in (("202223", "55.0"), ("202324", "57.5"), ("202425", "58.0"))
    ]
    data = ("\n".join([DFE_HEADER + ",pt_rwm,t_rwm,t_elig", *rows]) + "\n").encode()
    summary = statistics.release_import(
        actor="test", mapping_name="ks2.toml", mapping_data=MAPPING, file_name="ks2.csv", data=data
    )
    assert evidence.trend("education.measure:rwm", None, date(2024, 9, 26)).points == []
    statistics.release_publish(actor="test", release=summary.release)
    services.recommendation_evidence_link(
        actor=officer, recommendation=panelled.referral, reference="education.measure:rwm"
    )
    trend = evidence.trend("education.measure:rwm", None, date(2024, 9, 26))
    # made in the 2024/25 school year: from the last year published then (2023/24) on
    assert [(p.label, p.text) for p in trend.points] == [("2023/24", "57.5%"), ("2024/25", "58.0%")]
    assert trend.judgement == evidence.IMPROVED
