"""Demo data for the performance report, discovered by ``scrutiny load_demo``."""

from ._loader import load

__all__ = ["load"]
