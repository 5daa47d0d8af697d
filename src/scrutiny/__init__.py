"""Scrutiny: overview and scrutiny of children's services."""

__version__ = "0.1.0"
