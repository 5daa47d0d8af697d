"""The statutory timescales (Working Together to Safeguard Children 2023).

* The local authority notifies a serious incident within 5 working days of becoming aware.
* The partnership decides, after a rapid review, within 15 working days of the notification.

Working days come from ``core.workingdays`` (bank holidays of the council's region from the
``holidays`` package). The day the clock starts is day 0, so a notification made on the 5th
working day after the local authority became aware is in time and one on the 6th is late.
"""

from __future__ import annotations

from datetime import date

from scrutiny.core.workingdays import DEFAULT_REGION, add_working_days, working_days_after

NOTIFICATION_WORKING_DAYS = 5
DECISION_WORKING_DAYS = 15


def working_days_taken(start: date | None, end: date | None, region: str = DEFAULT_REGION):
    if start is None or end is None:
        return None
    return working_days_after(start, end, region)


def notification_days(case, region: str = DEFAULT_REGION) -> int | None:
    return working_days_taken(case.aware_date, case.notification_date, region)


def decision_days(case, region: str = DEFAULT_REGION) -> int | None:
    return working_days_taken(case.notification_date, case.decision_date, region)


def notified_in_time(case, region: str = DEFAULT_REGION) -> bool | None:
    days = notification_days(case, region)
    return None if days is None else days <= NOTIFICATION_WORKING_DAYS


def decided_in_time(case, region: str = DEFAULT_REGION) -> bool | None:
    days = decision_days(case, region)
    return None if days is None else days <= DECISION_WORKING_DAYS


def notification_due(case, region: str = DEFAULT_REGION) -> date:
    return add_working_days(case.aware_date, NOTIFICATION_WORKING_DAYS, region)


def decision_due(case, region: str = DEFAULT_REGION) -> date | None:
    if case.notification_date is None:
        return None
    return add_working_days(case.notification_date, DECISION_WORKING_DAYS, region)
