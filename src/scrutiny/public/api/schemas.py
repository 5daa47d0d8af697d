"""The API's records, named after the Open Civic Data models where one fits.

OCD names used: organization (a panel), person, membership, event (a meeting) with its
agenda, and documents. Minutes, recommendations, the work programme, attendance,
declarations, the register of interests and indicator values have no OCD model and use plain
names. Every record carries ``id`` (``ocd-<kind>/<uuid>``,
stable across hosts) and ``pk`` (the number in the site's own addresses).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema


class Link(Schema):
    url: str
    note: str = ""


class ExemptCategoryOut(Schema):
    paragraph: str
    title: str
    confidential: bool


class OrganizationOut(Schema):
    id: str
    pk: int
    name: str
    slug: str
    classification: str
    remit: str
    terms_of_reference: list[str]
    quorum: int
    links: list[Link]


class PersonOut(Schema):
    id: str
    pk: int
    name: str
    display_name: str
    kind: str
    ward: str
    party: str
    email: str
    telephone: str
    links: list[Link]


class MembershipOut(Schema):
    id: str
    pk: int
    organization_id: str
    person_id: str
    person_name: str
    role: str
    label: str
    seat_kind: str
    start_date: date
    end_date: date | None


class DocumentOut(Schema):
    id: str
    pk: int
    event_id: str
    agenda_item: int | None
    title: str
    kind: str
    withheld: bool
    exempt_category: ExemptCategoryOut | None
    release_after: date | None
    published_at: datetime | None
    updated_at: datetime
    version: int
    page_url: str
    api_url: str
    file_url: str | None
    media_type: str | None
    size: int | None


class AgendaItemOut(Schema):
    order: int
    description: str
    kind: str
    withheld: bool
    exempt_category: ExemptCategoryOut | None
    summary: str | None
    documents: list[DocumentOut]


class EventOut(Schema):
    id: str
    pk: int
    name: str
    classification: str
    organization_id: str
    organization_name: str
    start_time: datetime
    end_time: datetime
    timezone: str
    status: str
    meeting_status: str
    location: str
    open_to_public: bool
    notice: str
    cancellation_reason: str
    agenda_published_at: datetime | None
    sequence: int
    updated_at: datetime
    page_url: str
    calendar_url: str
    api_url: str
    minutes_api_url: str


class EventDetailOut(EventOut):
    agenda: list[AgendaItemOut] | None
    documents: list[DocumentOut]


class ResolutionOut(Schema):
    number: int
    numeral: str
    text: str


class MinuteItemOut(Schema):
    number: int
    title: str
    withheld: bool
    exempt_category: ExemptCategoryOut | None
    introduction: str | None
    discussion: list[str] | None
    resolutions: list[ResolutionOut] | None


class MinutesOut(Schema):
    id: str
    event_id: str
    organization_id: str
    meeting_date: date
    status: str
    published_at: datetime | None
    approved_on: date | None
    page_url: str
    api_url: str
    items: list[MinuteItemOut] | None


class StatusChangeOut(Schema):
    on: date
    from_status: str
    to_status: str
    reason: str
    at_event_id: str | None


class ActionUpdateOut(Schema):
    on: date
    text: str


class ExecutiveResponseOut(Schema):
    required: bool
    referred_on: date | None
    response_due: date | None
    received_on: date | None
    text: str
    overdue: bool


class RecommendationOut(Schema):
    id: str
    pk: int
    event_id: str
    organization_id: str
    title: str
    number: int
    action_proposed: str
    addressee_kind: str
    addressee: str
    due_date: date | None
    status: str
    status_history: list[StatusChangeOut]
    action_taken: list[ActionUpdateOut]
    executive_response: ExecutiveResponseOut
    page_url: str
    api_url: str


class WorkItemOut(Schema):
    id: str
    pk: int
    organization_id: str
    municipal_year: str
    topic: str
    reason: str
    detail: str
    status: str
    target_event_id: str | None
    target: str
    recommendation_ids: list[str]


class IndicatorOut(Schema):
    code: str
    name: str
    section: str
    definition: str
    unit: str
    polarity: str
    page_url: str


class IndicatorValueOut(Schema):
    indicator: str
    month: str
    value: str | None
    display: str
    suppressed: bool
    numerator: int | None
    denominator: int | None
    as_at: date | None
    target: str | None
    updated_at: datetime | None


class BenchmarkOut(Schema):
    indicator: str
    comparator: str
    year: str
    value: str


class AttendanceOut(Schema):
    event_id: str
    person_id: str | None
    person_name: str
    status: str
    status_label: str
    capacity: str


class DeclarationOut(Schema):
    id: str
    event_id: str
    organization_id: str
    meeting_date: date
    person_id: str
    person_name: str
    kind: str
    kind_label: str
    minute: int | None
    matter: str
    interest_id: str | None
    minutes_api_url: str


class InterestOut(Schema):
    id: str
    person_id: str
    person_name: str
    category: str
    category_label: str
    group: str
    description: str
    arose_on: date
    registered_on: date
    ended_on: date | None
    current: bool


class RegisterOut(Schema):
    person_id: str
    person_name: str
    page_url: str
    current: list[InterestOut]
    past: list[InterestOut]
    withheld_count: int


class PageMeta(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None


def page_of(item: type[Schema]) -> type[Schema]:
    """A page of results of one record type (the schema is named after the record)."""
    name = item.__name__.removesuffix("Out") + "Page"
    results: Any = list[item]  # type: ignore[valid-type]
    return type(name, (PageMeta,), {"__annotations__": {"results": results}})
