"""What each message says. Composed in the worker from the records as they are then, and
checked against scrutiny.core.access as the public would see them: a public alert names
what is published and links to it; withheld papers appear by title and exemption only, as on
the public site, and nothing of their content is ever put in a message or attached."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from scrutiny.committees.models import Meeting, Person
from scrutiny.core.access import OFFICER_GROUP, Level, access_level
from scrutiny.documents.models import AgendaPublication, Document
from scrutiny.notifications import tokens
from scrutiny.notifications.drafts import Draft
from scrutiny.notifications.models import Message, Subscription

ATTACHMENTS_LIMIT = 10 * 1024 * 1024  # papers attached to a member's message, in all
PUBLIC = AnonymousUser()


def absolute(path: str) -> str:
    return settings.SCRUTINY_SITE_URL.rstrip("/") + path


def _text(template: str, **context) -> str:
    return render_to_string(f"notifications/email/{template}", context).strip() + "\n"


def _subscribers(meeting: Meeting) -> Iterable[Subscription]:
    return Subscription.objects.filter(Subscription.active_q(), panel_id=meeting.panel_id)


def _public_alert(
    meeting: Meeting, key: str, subject: str, template: str, **context
) -> list[Draft]:
    drafts = []
    for subscription in _subscribers(meeting):
        body = _text(
            template,
            meeting=meeting,
            meeting_url=absolute(meeting.get_absolute_url()),
            unsubscribe_url=tokens.unsubscribe_url(subscription),
            **context,
        )
        drafts.append(
            Draft(
                key=f"{key}:subscription:{subscription.pk}",
                kind=Message.Kind.PUBLIC_ALERT,
                to=subscription.email,
                subject=subject,
                body=body,
                subscription=subscription,
            )
        )
    return drafts


def confirmation(subscription: Subscription) -> Draft:
    return Draft(
        key=f"confirm:{subscription.pk}:{subscription.requested_at.isoformat()}",
        kind=Message.Kind.CONFIRM,
        to=subscription.email,
        subject=f"Confirm your email alerts for {subscription.panel.name}",
        body=_text(
            "confirm.txt",
            panel=subscription.panel,
            confirm_url=tokens.confirm_url(subscription),
            unsubscribe_url=tokens.unsubscribe_url(subscription),
        ),
        subscription=subscription,
    )


def _published_lines(publication: AgendaPublication, user) -> list[dict]:
    """Each item and paper of the publication as `user` may see it listed."""
    lines = []
    for item in publication.items.order_by("number").prefetch_related("documents"):
        level = access_level(user, item)
        if level is Level.NONE:
            continue
        papers = []
        for document in item.documents.all():
            seen = access_level(user, document)
            if seen is Level.NONE:
                continue
            papers.append(
                {
                    "document": document,
                    "withheld": document.is_withheld(),
                    "readable": seen is Level.CONTENT,
                    "url": absolute(document.get_absolute_url()),
                }
            )
        lines.append({"item": item, "withheld": item.is_exempt, "papers": papers})
    return lines


def agenda_published(publication: AgendaPublication) -> list[Draft]:
    meeting = publication.meeting
    supplementary = publication.kind == AgendaPublication.Kind.SUPPLEMENTARY
    what = "Supplementary agenda" if supplementary else "Agenda"
    subject = f"{what} published: {meeting.panel.name}, {meeting.date:%-d %B %Y}"
    drafts = _public_alert(
        meeting,
        f"agenda:{publication.pk}",
        subject,
        "agenda_published.txt",
        supplementary=supplementary,
        lines=_published_lines(publication, PUBLIC),
        pack_url=absolute(f"/documents/meetings/{meeting.pk}/pack/"),
    )
    return drafts + _members_papers(publication, subject)


def _meeting_members(meeting: Meeting) -> list[Person]:
    from scrutiny.committees.queries import seat_holders

    people = {
        h.membership.person for h in seat_holders(meeting.panel, meeting.date) if h.membership
    }
    people |= {s.substitute for s in meeting.substitutions.select_related("substitute")}
    return sorted(people, key=lambda p: p.pk)


def _address(person: Person) -> str:
    return person.email or (person.user.email if person.user_id and person.user else "")


def _members_papers(publication: AgendaPublication, subject: str) -> list[Draft]:
    meeting = publication.meeting
    drafts = []
    for person in _meeting_members(meeting):
        address = _address(person)
        if not address:
            continue
        lines = _published_lines(publication, person.user or PUBLIC)
        attached, total = [], 0
        for line in lines:
            for paper in line["papers"]:
                document = paper["document"]
                public = access_level(PUBLIC, document) is Level.CONTENT
                paper["attached"] = False
                if public and document.file and total + document.size <= ATTACHMENTS_LIMIT:
                    attached.append(document.pk)
                    total += document.size
                    paper["attached"] = True
        drafts.append(
            Draft(
                key=f"agenda:{publication.pk}:member:{person.pk}",
                kind=Message.Kind.MEMBER_PAPERS,
                to=address,
                subject=f"Your papers: {subject}",
                body=_text(
                    "member_papers.txt",
                    person=person,
                    meeting=meeting,
                    lines=lines,
                    meeting_url=absolute(meeting.get_absolute_url()),
                    pack_url=absolute(f"/documents/meetings/{meeting.pk}/pack/"),
                ),
                attachments=attached,
            )
        )
    return drafts


def attachment_files(document_ids: list[int]) -> list[tuple[str, bytes, str]]:
    """The files to attach, checked again at sending: only papers the public may read."""
    files = []
    for document in Document.objects.filter(pk__in=document_ids).select_related(
        "meeting", "agenda_item"
    ):
        if access_level(PUBLIC, document) is not Level.CONTENT or not document.file:
            continue
        with document.file.open("rb") as handle:
            files.append(
                (
                    document.file_name or (document.file.name or "").rsplit("/", 1)[-1],
                    handle.read(),
                    document.content_type or "application/octet-stream",
                )
            )
    return files


def meeting_changed(meeting: Meeting, changes: dict, reason: str, stamp: str) -> list[Draft]:
    subject = f"Meeting changed: {meeting.panel.name}, {meeting.date:%-d %B %Y}"
    drafts = _public_alert(
        meeting,
        f"changed:{meeting.pk}:{stamp}",
        subject,
        "meeting_changed.txt",
        changes=changes,
        reason=reason,
    )
    return drafts + _member_notice(
        meeting,
        f"changed:{meeting.pk}:{stamp}",
        subject,
        "meeting_changed.txt",
        changes=changes,
        reason=reason,
    )


def meeting_cancelled(meeting: Meeting, reason: str) -> list[Draft]:
    subject = f"Meeting cancelled: {meeting.panel.name}, {meeting.date:%-d %B %Y}"
    drafts = _public_alert(
        meeting, f"cancelled:{meeting.pk}", subject, "meeting_cancelled.txt", reason=reason
    )
    return drafts + _member_notice(
        meeting, f"cancelled:{meeting.pk}", subject, "meeting_cancelled.txt", reason=reason
    )


def _member_notice(meeting: Meeting, key: str, subject: str, template: str, **context):
    drafts = []
    for person in _meeting_members(meeting):
        if address := _address(person):
            drafts.append(
                Draft(
                    key=f"{key}:member:{person.pk}",
                    kind=Message.Kind.MEMBER_NOTICE,
                    to=address,
                    subject=subject,
                    body=_text(
                        template,
                        meeting=meeting,
                        meeting_url=absolute(meeting.get_absolute_url()),
                        **context,
                    ),
                )
            )
    return drafts


def minutes_published(minutes) -> list[Draft]:
    meeting = minutes.meeting
    subject = f"Minutes published: {meeting.panel.name}, {meeting.date:%-d %B %Y}"
    return _public_alert(
        meeting,
        f"minutes:{minutes.pk}:{minutes.published_at:%Y%m%d%H%M%S}",
        subject,
        "minutes_published.txt",
        minutes=minutes,
        minutes_url=absolute(minutes.get_absolute_url()),
    )


def officer_addresses() -> list[str]:
    addresses = set(
        User.objects.filter(Q(groups__name=OFFICER_GROUP) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if settings.SCRUTINY_OFFICERS_EMAIL:
        addresses.add(settings.SCRUTINY_OFFICERS_EMAIL)
    return sorted(addresses)


def officer_notice(key: str, subject: str, template: str, **context) -> list[Draft]:
    body = _text(template, **context)
    return [
        Draft(
            key=f"{key}:{address}",
            kind=Message.Kind.OFFICER_NOTICE,
            to=address,
            subject=subject,
            body=body,
        )
        for address in officer_addresses()
    ]


def briefing_ready(briefing) -> list[Draft]:
    """The "since the last meeting" briefing, to each member of the meeting: every line but
    those from exempt minutes (on screen only, after signing in), each with its evidence link."""
    from scrutiny.members.briefing import SECTIONS

    meeting = briefing.meeting
    lines = [line for line in briefing.lines if not line.get("withheld")]
    sections = [
        (title, [ln | {"url": absolute(ln["url"])} for ln in lines if ln["section"] == code])
        for code, title in SECTIONS
    ]
    return _member_notice(
        meeting,
        f"briefing:{briefing.pk}:{briefing.generated_at:%Y%m%d%H%M%S}",
        f"Since the last meeting: {meeting.panel.name}, {meeting.date:%-d %B %Y}",
        "briefing.txt",
        briefing=briefing,
        sections=sections,
        held_back=len(briefing.lines) - len(lines),
        briefing_url=absolute(reverse("members:briefing", args=[meeting.pk])),
    )


def question_asked(question) -> list[Draft]:
    """Tell the report's author (else the officers) that a member asked a question. The
    question itself stays in Scrutiny: the message carries only the link."""
    item = question.item
    meeting = item.meeting
    url = absolute(reverse("members:item_questions", args=[item.pk]))
    author = item.report_author
    addresses = [_address(author)] if author is not None and _address(author) else []
    addresses = addresses or officer_addresses()
    subject = (
        f"A member's question on item {item.number}: {meeting.panel.name}, {meeting.date:%-d %B %Y}"
    )
    body = _text("question.txt", item=item, meeting=meeting, url=url, answered=False)
    return [
        Draft(
            key=f"question:{question.pk}:asked:{address}",
            kind=Message.Kind.OFFICER_NOTICE,
            to=address,
            subject=subject,
            body=body,
        )
        for address in addresses
    ]


def question_answered(question) -> list[Draft]:
    """Tell the asker (and, if circulated, the panel) that the answer is in Scrutiny."""
    item = question.item
    meeting = item.meeting
    people = _meeting_members(meeting) if question.circulate else []
    addresses = {_address(p) for p in people} | {question.asked_by.email}
    url = absolute(reverse("members:item_questions", args=[item.pk]))
    subject = f"Answered: a question on item {item.number}, {meeting.panel.name}"
    body = _text("question.txt", item=item, meeting=meeting, url=url, answered=True)
    stamp = f"{question.answered_at:%Y%m%d%H%M%S}"
    return [
        Draft(
            key=f"question:{question.pk}:answered:{stamp}:{address}",
            kind=Message.Kind.MEMBER_NOTICE,
            to=address,
            subject=subject,
            body=body,
        )
        for address in sorted(a for a in addresses if a)
    ]
