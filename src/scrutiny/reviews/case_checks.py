"""What every write to the case reviews register checks, shared by the cases' services and
their recommendations' services."""

from __future__ import annotations

from scrutiny.core.identifiers import text_problem

REFUSAL = "Only partnership staff and officers can change the case reviews register."
STALE = (
    "Someone else changed this case since you opened it. Reload the page to see their "
    "changes, then make yours again."
)


def check_texts(errors: dict[str, str], **texts: str) -> None:
    """No free text may carry a child's identifier."""
    for field, value in texts.items():
        problem = text_problem(value or "", what=field.replace("_", " "))
        if problem:
            errors[field] = problem
