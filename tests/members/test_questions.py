"""Questions before the meeting: a member asks the report's author on an item; the answer is
recorded; circulated ones appear beside the item for the panel; nobody else sees them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from scrutiny.core.actors import Refused
from scrutiny.members import services
from scrutiny.members.models import Question
from scrutiny.notifications.models import Message
from tests.committees.factories import PersonFactory
from tests.members.conftest import _member

QUESTION = "QUESTION-CANARY how many exclusions were reversed on appeal?"


@pytest.fixture
def asked(upcoming):
    author_user = User.objects.create_user("report-author", email="author@x.test")
    author = PersonFactory(user=author_user, kind="officer", name="Report Author")
    item = upcoming["item"]
    item.report_author = author
    item.save(update_fields=["report_author"])
    colleague, _ = _member(upcoming["panel"], "colleague-member")
    return dict(upcoming, author=author_user, colleague=colleague)


def _fresh(user):
    return User.objects.get(pk=user.pk)


def test_a_private_question_is_seen_by_the_asker_and_author_only(
    client, asked, outsider, run_tasks
):
    question = services.question_ask(actor=asked["member"], item=asked["item"], text=QUESTION)
    meeting_url = asked["meeting"].get_absolute_url()
    page = f"/members/items/{asked['item'].pk}/questions/"
    for user, sees in (
        (asked["member"], True),
        (asked["author"], True),
        (asked["colleague"], False),
    ):
        client.force_login(user)
        assert (QUESTION in client.get(page).content.decode()) is sees, user
        assert (QUESTION in client.get(meeting_url).content.decode()) is sees, user
    client.force_login(outsider)
    assert client.get(page).status_code == 403
    assert QUESTION not in client.get(meeting_url).content.decode()
    client.logout()
    assert QUESTION not in client.get(meeting_url).content.decode()
    run_tasks()
    notice = Message.objects.get(to="author@x.test")
    assert page in notice.body and "QUESTION-CANARY" not in notice.body
    assert question.circulate is False


def test_the_author_answers_and_a_circulated_question_reaches_the_panel(client, asked, run_tasks):
    question = services.question_ask(
        actor=asked["member"], item=asked["item"], text=QUESTION, circulate=True
    )
    client.force_login(asked["author"])
    page = f"/members/items/{asked['item'].pk}/questions/"
    response = client.post(page, {"action": "answer", "question": question.pk, "answer": "Four."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Four." and question.answered_by == asked["author"]
    client.force_login(asked["colleague"])
    html = client.get(asked["meeting"].get_absolute_url()).content.decode()
    section = html.split('id="questions"')[1]
    assert QUESTION in section and "Four." in section
    run_tasks()
    assert Message.objects.filter(
        to="colleague-member@x.test", subject__startswith="Answered"
    ).exists()


def test_only_the_author_or_an_officer_answers(asked):
    question = services.question_ask(actor=asked["member"], item=asked["item"], text=QUESTION)
    with pytest.raises(Refused):
        services.question_answer(actor=_fresh(asked["colleague"]), question=question, answer="x")
    with pytest.raises(ValidationError):
        services.question_answer(actor=asked["author"], question=question, answer="  ")


def test_only_panel_members_ask_and_an_empty_question_is_refused_on_its_field(
    client, asked, outsider
):
    with pytest.raises(Refused):
        services.question_ask(actor=outsider, item=asked["item"], text="Why?")
    client.force_login(asked["member"])
    page = f"/members/items/{asked['item'].pk}/questions/"
    response = client.post(page, {"action": "ask", "text": "", "circulate": "no"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not Question.objects.exists()
    response = client.post(page, {"action": "ask", "text": QUESTION, "circulate": "yes"})
    assert response.status_code == 302 and Question.objects.get().circulate
