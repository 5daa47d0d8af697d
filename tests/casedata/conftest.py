from __future__ import annotations

from datetime import date

import pytest

from scrutiny.casedata.store import open_store, table_columns


class StoreBuilder:
    """Hand-made records for definition tests."""

    def __init__(self, store):
        self.store = store

    def add(self, table: str, la: str = "T", **values) -> None:
        columns = ["la", *values]
        if table == "s47_enquiries" and "s47_key" not in values:
            columns.append("s47_key")
            values["s47_key"] = values.get("s47_start") or values.get("icpc_date")
        assert set(columns) <= set(table_columns(table))
        marks = ", ".join("?" for _ in columns)
        self.store.con.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            [la, *values.values()],
        )


@pytest.fixture
def store():
    st = open_store(":memory:")
    yield st
    st.close()


@pytest.fixture
def build(store):
    return StoreBuilder(store)


def d(text: str) -> date:
    return date.fromisoformat(text)
