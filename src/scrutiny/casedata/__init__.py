"""Child-level case data: the store, importers, synthetic generator and indicator engine."""
