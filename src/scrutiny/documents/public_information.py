"""The default wording of the public information pages, in the product's own words.

A council edits these as PublicInformationSection rows (admin); until it has any rows the
pack prints this default set. Kinds other than "text" also print facts held elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultSection:
    heading: str
    kind: str
    body_html: str


DEFAULT_SECTIONS = [
    DefaultSection("Role of the panel", "panel_role", ""),
    DefaultSection("Terms of reference", "terms", "<p>The panel's scrutiny covers:</p>"),
    DefaultSection(
        "Speaking at the meeting",
        "text",
        "<p>The chair may let members of the public with a relevant interest speak about any "
        "report on this agenda. If you would like to speak, tell the Democratic Support "
        "Officer named on the front sheet before the meeting.</p>",
    ),
    DefaultSection(
        "Getting to the meeting",
        "text",
        "<p>The meeting room is accessible to wheelchair users. If you need any adjustment to "
        "take part, the Democratic Support Officer will arrange it.</p>",
    ),
    DefaultSection(
        "Phones and recording",
        "text",
        "<p>Please set phones and other devices to silent. Anyone may film, photograph or record "
        "the public part of the meeting, or report on it, provided they do not disrupt it; the "
        "chair can ask someone who does to stop or to leave. People in the room may appear in "
        "recordings, and whoever records or broadcasts the meeting answers for how they use "
        "it.</p>",
    ),
    DefaultSection(
        "What the panel can discuss",
        "text",
        "<p>The panel can consider only the items printed on this agenda and any supplementary "
        "agenda.</p>",
    ),
    DefaultSection(
        "Quorum",
        "quorum",
        "<p>The meeting can go ahead only if enough voting members are present.</p>",
    ),
    DefaultSection(
        "Rules of procedure",
        "text",
        "<p>The meeting follows the council and scrutiny procedure rules in the Council's "
        "Constitution.</p>",
    ),
    DefaultSection(
        "Safety",
        "text",
        "<p>Civic buildings are smoke-free. If an alarm sounds, council staff will tell you what "
        "to do.</p>",
    ),
    DefaultSection(
        "The Council's goals",
        "text",
        "<p>The Corporate Plan 2022-2030 sets four goals: strong foundations for life; a proud "
        "and resilient city; a prosperous city; and a successful, sustainable organisation.</p>",
    ),
    DefaultSection("Dates of meetings", "dates", ""),
    DefaultSection(
        "Declaring interests",
        "text",
        "<p>Under the Members' Code of Conduct, a member with a disclosable pecuniary interest or "
        "another registrable interest in a matter on this agenda says so, and says what the "
        "interest is, when the item comes up. Disclosable pecuniary interests cover, for the "
        "member and their spouse or partner: paid work; sponsorship and election expenses paid "
        "by anyone other than the Council; contracts with the Council; land, licences and "
        "tenancies in the city; and larger shareholdings in bodies with land or a place of "
        "business in the city. Other interests include bodies the member was appointed to by "
        "the Council, public bodies, charities and campaigning organisations in which they hold "
        "a position of control or management.</p>",
    ),
    DefaultSection(
        "How decisions are made",
        "text",
        "<p>Decisions are proportionate to what they aim to achieve, made after proper "
        "consultation and professional advice, respect human rights, and are open and "
        "accountable: they record the options considered, the reasons and the intended "
        "outcome. A decision-maker applies the law correctly, weighs every relevant matter and "
        "nothing irrelevant, acts reasonably, for a proper purpose and fairly, and keeps to the "
        "annual basis of local government finance.</p>",
    ),
]
