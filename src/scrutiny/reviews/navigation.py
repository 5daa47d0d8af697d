"""Officers' navigation, by today's ``<app>/navigation.py`` convention (defined in ``hooks``)."""

from scrutiny.reviews.hooks import officer_links

__all__ = ["officer_links"]
