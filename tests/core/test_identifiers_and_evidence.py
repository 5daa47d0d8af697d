"""The children's-identifier guard, workflow guards and evidence references."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from scrutiny.core import evidence
from scrutiny.core.identifiers import identifier_kind, reference_problem, text_problem
from scrutiny.core.workflow import Workflow


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A123456789012", "a Unique Pupil Number"),
        ("pupil K82001125401A moved", "a Unique Pupil Number"),
        ("NHS 943 476 5919", "an NHS number"),
        ("943-476-5919", "an NHS number"),
        ("child 566910 in episodes", "a child's record identifier"),
        ("DfEX0000001", "a child's record identifier"),
        ("Call 023 8083 4899", None),
        ("Decided on 2024-06-21 at the SILG", None),
        ("RR-2023-04", None),
    ],
)
def test_identifier_kinds(text, kind):
    assert identifier_kind(text) == kind


def test_references_must_have_the_registers_shape():
    assert reference_problem("rr-2023-04") is None
    assert reference_problem("SSCP/23/07") is None
    assert "name" in reference_problem("Baby Ted")
    assert "letters then numbers" in reference_problem("2023")
    assert "Enter" in reference_problem("  ")


def test_text_problem_names_the_field_and_never_the_value():
    message = text_problem("see A123456789012", what="action")
    assert "action" in message and "A123456789012" not in message


class Colour(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"


def test_guards_declared_beside_a_transition_run_against_the_subject():
    flow = Workflow(
        Colour,
        [(Colour.RED, Colour.GREEN, "Go", [lambda s: None if s["ready"] else "Not ready yet."])],
    )
    flow.check("red", "green")  # without a subject, only the table is checked
    with pytest.raises(ValidationError, match="Not ready yet"):
        flow.check("red", "green", subject={"ready": False})
    assert flow.check("red", "green", subject={"ready": True}).label == "Go"


def test_evidence_references_resolve_through_their_registered_kind():
    kind = evidence.EvidenceKind(
        name="test.thing",
        label="Test things",
        resolve=lambda key, user: evidence.EvidenceItem(f"test.thing:{key}", f"Thing {key}", "/t/"),
        appendix_html=lambda key: f"<p>{key}</p>",
        check=lambda key: None if key.isdigit() else "A number.",
    )
    evidence.register_evidence_kind(kind)
    assert evidence.resolve("test.thing:7", None).title == "Thing 7"
    assert evidence.appendix_html("test.thing:7") == "<p>7</p>"
    assert evidence.resolve("test.thing:x", None) is None
    assert evidence.resolve("nothing:1", None) is None
    with pytest.raises(evidence.EvidenceError, match="A number"):
        evidence.parse_reference("test.thing:x")
    with pytest.raises(ValueError, match="twice"):
        evidence.register_evidence_kind(
            evidence.EvidenceKind("test.thing", "Other", kind.resolve, kind.appendix_html)
        )
