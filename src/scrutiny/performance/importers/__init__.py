"""The performance report's importers: one module per kind of table.

``figures`` (monthly values, benchmarks, team tables), ``catalogue`` (sections, indicators
and targets; statistical neighbours). Each reads the file with ``scrutiny.core.tabular``,
refuses it whole with every problem (file, row, column) and is reached through
``performance.services``.
"""
