"""The synthetic authority's entry point (the steps live in ``scrutiny.casedata.synthetic``)."""

from scrutiny.casedata.synthetic import DEFAULT_END, generate_la

__all__ = ["DEFAULT_END", "generate_la"]
