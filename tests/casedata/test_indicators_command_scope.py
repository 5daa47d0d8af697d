"""``scrutiny indicators`` never adds figures up across local authorities."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path / "var"))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("indicators", "--as-at", "2024-10-31", *args, stdout=out)
    return out.getvalue()


def rows(*args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(*args))))


def generate(la: str, seed: int) -> None:
    call_command(
        "generate-casedata", "--children", "600", "--seed", str(seed), "--la", la,
        stdout=io.StringIO(),
    )  # fmt: skip


def test_with_two_authorities_the_command_asks_which_naming_both():
    generate("AAA", 1)
    generate("BBB", 2)
    with pytest.raises(CommandError) as caught:
        run("--codes", "cla_at_date,cla_rate")
    message = str(caught.value)
    assert "2 local authorities (AAA, BBB)" in message and "--la" in message


def test_all_gives_one_block_per_authority_each_as_computed_alone():
    generate("AAA", 1)
    generate("BBB", 2)
    codes = ("--codes", "cla_at_date,cla_rate,referrals")
    each = rows("--la", "all", *codes)
    assert [r["la"] for r in each] == ["AAA"] * 3 + ["BBB"] * 3
    for la in ("AAA", "BBB"):
        alone = rows("--la", la, *codes)
        assert [{k: v for k, v in r.items() if k != "la"} for r in each if r["la"] == la] == alone
    # Each authority's rate is its own children over its own population.
    rates = {r["la"]: r for r in each if r["code"] == "cla_rate"}
    assert rates["AAA"]["numerator"] != "" and rates["AAA"] != rates["BBB"]
    table = run("--la", "all", "--format", "table", *codes).splitlines()
    assert len(table) == 6 and table[0].startswith("AAA  cla_at_date")


def test_with_one_authority_no_choice_is_needed():
    generate("AAA", 1)
    assert rows("--codes", "cla_at_date") == rows("--la", "AAA", "--codes", "cla_at_date")
