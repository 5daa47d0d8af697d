import pytest
from django.core.management import CommandError, call_command

from .factories import EngineIndicatorFactory

pytestmark = pytest.mark.django_db


def test_refresh_command_rejects_a_bad_date():
    with pytest.raises(CommandError, match="not a date"):
        call_command("performance_refresh_engine", "--month-end", "31/10/2024")


def test_refresh_command_rejects_too_many_months():
    with pytest.raises(CommandError, match="between 1 and 60"):
        call_command("performance_refresh_engine", "--month-end", "2024-10-31", "--months", "0")


def test_refresh_command_calls_the_engine(monkeypatch):
    EngineIndicatorFactory()
    asked = []

    class Engine:
        def compute_indicator_series(self, as_ats, codes):
            asked.append([as_at.isoformat() for as_at in as_ats])
            return {}

    monkeypatch.setattr("scrutiny.performance.engine_refresh._default_engine", lambda: Engine())
    call_command("performance_refresh_engine", "--month-end", "2024-10-31", "--months", "3")
    assert asked == [["2024-08-31", "2024-09-30", "2024-10-31"]]  # one call for the series
