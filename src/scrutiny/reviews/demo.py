"""The partnership's case reviews register, entered through the services.

The counts are the ones the partnership's yearly reports give (the 2022/23 report, and the
2023/24 report in the 26 September 2024 pack): 16 referrals considered in 2022/23, 9 rapid
reviews, 2 practice reviews started, 6 referrals in a thematic learning process, 1 review
published (commissioned in March 2022) and 1 delayed from the year before; 3 reviews
published in 2023/24. The references, dates and the split of the remaining decisions are
fictional: the reports give no case details, and the register holds none.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import Group, User

from scrutiny.committees.models import AgendaItem, Panel
from scrutiny.core.workingdays import add_working_days
from scrutiny.documents.services import generated_appendix_add
from scrutiny.reviews import services
from scrutiny.reviews.models import PARTNERSHIP_GROUP, DecisionKind, Partnership

SITE = "https://southamptonscp.org.uk/"
L, T, N = DecisionKind.LCSPR, DecisionKind.THEMATIC, DecisionKind.NO_FURTHER_REVIEW

# 2022/23: (day the local authority became aware, notified?, decision)
REFERRALS_2022_23 = [
    (date(2022, 4, 11), True, L),
    (date(2022, 9, 5), True, L),
    (date(2022, 5, 16), True, T),
    (date(2022, 10, 3), True, T),
    (date(2023, 1, 9), True, T),
    (date(2022, 6, 20), True, N),
    (date(2022, 8, 8), True, N),
    (date(2022, 11, 14), True, N),
    (date(2023, 2, 6), True, N),
    (date(2022, 7, 4), False, T),
    (date(2022, 12, 5), False, T),
    (date(2023, 2, 20), False, T),
    (date(2022, 4, 25), False, N),
    (date(2022, 9, 19), False, N),
    (date(2022, 11, 28), False, N),
    (date(2023, 1, 23), False, N),
]

THEMATIC_RECOMMENDATIONS = [
    ("See children and young people away from their placement.", "Children and Learning"),
    (
        "A partnership session on making strategy meetings and exploitation risk assessments "
        "focused on the child.",
        "Southampton Safeguarding Children Partnership",
    ),
    (
        "Offer multi-agency reflecting teams to professional networks that are stuck.",
        "Children and Learning",
    ),
    (
        "Offer partners systemic practice sessions on family histories and trauma.",
        "Children and Learning",
    ),
    ("Improve communication between agencies.", "Southampton Safeguarding Children Partnership"),
    ("Focus on the stability of placements.", "Children and Learning"),
    (
        "Share knowledge of the sexual assault referral centre pathway across agencies.",
        "NHS Hampshire and Isle of Wight",
    ),
]


def _user() -> User:
    group, _ = Group.objects.get_or_create(name=PARTNERSHIP_GROUP)
    user = User.objects.create_user(
        "partnership", password="partnership-demo", first_name="Partnership", last_name="Team"
    )
    user.groups.add(group)
    return user


def _case(actor, partnership, reference, aware, *, notified=True, decision=None, gap=3):
    """A case notified ``gap`` working days after awareness, decided 12 working days later."""
    notification = add_working_days(aware, gap) if notified else None
    case = services.case_review_create(
        actor=actor,
        partnership=partnership,
        reference=reference,
        incident_date=aware - timedelta(days=2),
        aware_date=aware,
        notification_date=notification,
    )
    if decision is None:
        return case
    if notified:
        review = add_working_days(notification, 10)
        decided = add_working_days(notification, 12)
    else:
        review, decided = None, aware + timedelta(days=21)
    return services.case_review_decide(
        actor=actor, case=case, decision=decision, decision_date=decided, rapid_review_date=review
    )


def _practice_review(actor, case, commissioned, draft, sent, published, themes):
    case = services.case_review_record_milestones(
        actor=actor,
        case=case,
        commissioned_on=commissioned,
        reviewer="Independent reviewer (commissioned by the partnership)",
        draft_received_on=draft,
        sent_to_national_panel_on=sent,
    )
    case = services.case_review_set_themes(actor=actor, case=case, themes=themes)
    if published:
        case = services.case_review_publish(
            actor=actor, case=case, published_on=published, publication_url=SITE
        )
    return case


def load() -> str:
    panel = Panel.objects.get(slug="children-and-families")
    partnership = Partnership.objects.create(
        name="Southampton Safeguarding Children Partnership", short_name="SSCP", panel=panel
    )
    actor = _user()
    # 2021/22: the review delayed into 2022/23 (published 2023/24), and the review
    # commissioned in March 2022 and published in 2022/23.
    delayed = _case(actor, partnership, "SSCP-2122-01", date(2021, 9, 6), decision=L)
    _practice_review(
        actor,
        delayed,
        date(2021, 11, 1),
        date(2023, 2, 13),
        date(2023, 5, 8),
        date(2023, 6, 19),
        ["Neglect"],
    )
    first = _case(actor, partnership, "SSCP-2122-02", date(2022, 1, 17), decision=L)
    first = _practice_review(
        actor,
        first,
        date(2022, 3, 14),
        date(2022, 10, 3),
        date(2022, 12, 5),
        date(2023, 1, 16),
        [
            "Parental vulnerabilities and histories",
            "Homeless families",
            "Information sharing across local authority borders",
            "Parents who are care leavers",
            "Children with complex health needs",
        ],
    )
    for text, agency, action, impact in (
        (
            "Practitioners reflect on the learning and change their processes.",
            "Children and Learning",
            "Practitioner reflection events held.",
            "Practice forum audit showed the changes in use.",
        ),
        (
            "Share the learning with schools' safeguarding leads and health colleagues.",
            "Southampton Safeguarding Children Partnership",
            "Presentations and workshops at the safeguarding leads' conference.",
            "Assurance given to the learning group six months after publication.",
        ),
    ):
        recommendation = services.review_recommendation_add(
            actor=actor,
            case=first,
            text=text,
            owning_agency=agency,
            action=action,
            recorded_on=date(2023, 1, 16),
        )
        services.review_recommendation_update(
            actor=actor,
            recommendation=recommendation,
            text=text,
            owning_agency=agency,
            action=action,
            evidence_of_impact=impact,
            to="complete",
            completed_on=date(2023, 7, 17),
        )
    # 2022/23: sixteen referrals.
    cases = [
        _case(actor, partnership, f"SSCP-2223-{n:02d}", aware, notified=notified, decision=kind)
        for n, (aware, notified, kind) in enumerate(REFERRALS_2022_23, start=1)
    ]
    _practice_review(
        actor,
        cases[0],
        date(2022, 7, 11),
        date(2023, 6, 5),
        date(2023, 8, 14),
        date(2023, 10, 16),
        ["Child exploitation", "Serious youth violence"],
    )
    _practice_review(
        actor,
        cases[1],
        date(2022, 11, 21),
        date(2023, 9, 25),
        date(2023, 12, 4),
        date(2024, 2, 12),
        ["Child sexual abuse"],
    )
    thematic = [c for c in cases if c.decision == T]
    for case in thematic:
        services.case_review_set_themes(
            actor=actor, case=case, themes=["Child sexual abuse", "Children looked after"]
        )
    for text, agency in THEMATIC_RECOMMENDATIONS:
        services.review_recommendation_add(
            actor=actor,
            case=thematic[0],
            text=text,
            owning_agency=agency,
            action="Work under way; assurance through audit in the coming year.",
            recorded_on=date(2023, 3, 20),
        )
    # The 26 September 2024 meeting: the yearly figures as appendix 2 of the SSCP report.
    item = AgendaItem.objects.get(
        meeting__panel=panel,
        meeting__date=date(2024, 9, 26),
        title__startswith="Southampton Safeguarding",
    )
    generated_appendix_add(
        actor="demo loader", item=item, number=2, reference="reviews.figures:2023-24"
    )
    return f"{2 + len(cases)} cases; figures appended to the 26 September 2024 SSCP item"
