"""Demo data: a synthetic authority of Southampton's size in the case-data store.

The performance report can then take indicator values from the engine. Skipped when the
store already holds the demo authority (generation is deterministic, so nothing is lost).
"""

from __future__ import annotations

import duckdb

from scrutiny.casedata.services import synthetic_records_generate
from scrutiny.casedata.store import open_store

DEMO_LA = "852"  # Southampton's DfE LA number
DEMO_CHILDREN = 21000
DEMO_SEED = 2024


def load() -> str:
    try:
        with open_store() as store:
            present = store.con.execute(
                "SELECT count(*) FROM children WHERE la = ?", [DEMO_LA]
            ).fetchall()[0][0]
            if present:
                return f"case-data store already holds LA {DEMO_LA}"
            run = synthetic_records_generate(
                children=DEMO_CHILDREN, seed=DEMO_SEED, la=DEMO_LA, actor="demo", store=store
            )
    except duckdb.IOException as exc:  # another process holds the store open for writing
        return f"case-data store busy, not generated ({exc.__class__.__name__})"
    return f"synthetic LA {DEMO_LA}: {sum(run.rows_written.values())} records"
