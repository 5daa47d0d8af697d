"""The SQL of the indicator families, and the lookups they share.

Every window is half-open, (lo, as-at]; ``Windows`` turns a record date into the range of
as-at indexes whose windows hold it, so no family joins records against dates. Each
``sql_*`` function takes the ``Computation`` (the windows and whether teams are wanted) and
returns one statement yielding rows (k, la, code, team, num, den) for every requested
as-at index k; a NULL team marks a total given directly (where team rows do not add up to
the total). The engine (``scrutiny.casedata.engine``) runs them.

- ``windows``: the as-at dates, their periods and the ``Computation``;
- ``teams``: team attribution (record dates and as-at dates to allocated teams);
- ``counting``: records spread over windows, rows per code;
- one module per family: ``referrals``, ``assessments``, ``protection``, ``looked_after``,
  ``caseloads``, ``missing``, ``timescales``; ``calendar`` for working days;
- ``registry``: which family provides each code and what it reads.
"""

from scrutiny.casedata.families.calendar import prepare_calendar
from scrutiny.casedata.families.registry import CASELOAD_CODES, FAMILIES, RATES, REQUIRES
from scrutiny.casedata.families.teams import (
    prepare_allocations,
    prepare_as_at_teams,
    prepare_event_teams,
    prepare_team_type,
)
from scrutiny.casedata.families.timescales import lookback_macro_sql, sql_timescales
from scrutiny.casedata.families.windows import Computation, Windows, count_before

__all__ = [
    "CASELOAD_CODES",
    "FAMILIES",
    "RATES",
    "REQUIRES",
    "Computation",
    "Windows",
    "count_before",
    "lookback_macro_sql",
    "prepare_allocations",
    "prepare_as_at_teams",
    "prepare_calendar",
    "prepare_event_teams",
    "prepare_team_type",
    "sql_timescales",
]
