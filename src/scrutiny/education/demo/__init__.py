"""Demo data for the education evidence, discovered by ``scrutiny load_demo``."""

from ._loader import load

__all__ = ["load"]
