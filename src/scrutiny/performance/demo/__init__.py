"""Demo data for the performance report, discovered by ``scrutiny load_demo``."""

from ._loader import load, load_engine_section, load_seed_report

__all__ = ["load", "load_engine_section", "load_seed_report"]
