"""Questions before the meeting: a panel member asks on an item; the report's author (or an
officer) answers; both appear beside the item for the panel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees.models import AgendaItem
from scrutiny.core.actors import Refused
from scrutiny.core.forms import run_service
from scrutiny.members import questions, services
from scrutiny.members.forms import AnswerForm, QuestionForm
from scrutiny.members.models import Question


def item_questions(request, pk: int):
    if not request.user.is_authenticated:
        raise Refused("Sign in to ask or read questions.")
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__panel", "report_author"), pk=pk
    )
    answers = services.may_answer(request.user, item)
    asks = questions.is_panel_reader(request.user, item) and not answers
    if not (answers or asks):
        raise PermissionDenied("Questions on an item are for its panel and the report's author.")
    ask_form = QuestionForm(request.POST if request.POST.get("action") == "ask" else None)
    answer_form = AnswerForm(request.POST if request.POST.get("action") == "answer" else None)
    failed = None
    if request.method == "POST" and request.POST.get("action") == "ask" and ask_form.is_valid():
        done = run_service(
            ask_form,
            lambda: services.question_ask(
                actor=request.user,
                item=item,
                text=ask_form.cleaned_data["text"],
                circulate=request.POST.get("circulate") == "yes",
            ),
        )
        if done is not None:
            messages.success(request, "Question sent to the report's author.")
            return redirect("members:item_questions", pk=item.pk)
    if request.method == "POST" and request.POST.get("action") == "answer":
        question = get_object_or_404(Question, pk=request.POST.get("question"), item=item)
        if answer_form.is_valid():
            done = run_service(
                answer_form,
                lambda: services.question_answer(
                    actor=request.user, question=question, answer=answer_form.cleaned_data["answer"]
                ),
            )
            if done is not None:
                messages.success(request, "Answer recorded.")
                return redirect("members:item_questions", pk=item.pk)
    for form in (ask_form, answer_form):
        if form.is_bound and form.errors:
            failed = form
    context = {
        "item": item,
        "questions": questions.visible_questions(request.user, item),
        "asks": asks,
        "answers": answers,
        "ask_form": ask_form,
        "answer_form": answer_form,
        "errors_form": failed,
        "circulate": request.POST.get("circulate") == "yes",
    }
    response = render(request, "members/questions.html", context, status=400 if failed else 200)
    response["Cache-Control"] = "private, no-store"
    return response
