"""Page sections, by today's ``<app>/sections.py`` convention (defined in ``hooks``)."""

from scrutiny.reviews.hooks import panel_section

__all__ = ["panel_section"]
