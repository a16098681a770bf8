"""Issue 19 item 13: dates that cannot be true are errors (the SN-DT rule family)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from soapnotes.findings import Severity
from soapnotes.io import from_dict
from soapnotes.rules import RuleOptions, validate
from tests.reliability._helpers import arm_data

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)


def _previous_after(data: dict[str, Any]) -> None:
    data["session"]["objective"]["previous"]["measured_on"] = "2026-12-30"


def _next_before(data: dict[str, Any]) -> None:
    data["session"]["plan"]["next_session"] = "2026-01-02"


def _dissection_after(data: dict[str, Any]) -> None:
    data["client"]["node_status"][0]["since"] = "2027-03-12"


def _onset_after(data: dict[str, Any]) -> None:
    data["client"]["conditions"][0]["onset"] = "2027-01-01"


def _screen_in_year_one(data: dict[str, Any]) -> None:
    data["client"]["screening"]["screened_on"] = "0001-11-20"


@pytest.mark.parametrize(
    ("change", "code", "path"),
    [
        (_previous_after, "SN-DT-001", "$.session.objective.previous.measured_on"),
        (_next_before, "SN-DT-003", "$.session.plan.next_session"),
        (_dissection_after, "SN-DT-001", "$.client.node_status[0].since"),
        (_onset_after, "SN-DT-001", "$.client.conditions[0].onset"),
        (_screen_in_year_one, "SN-DT-002", "$.client.screening.screened_on"),
    ],
)
def test_impossible_dates_are_errors(
    change: Callable[[dict[str, Any]], None], code: str, path: str
) -> None:
    """Each impossible date gives its SN-DT error at the date's path (and blocks signing)."""
    data = arm_data()
    assert not [
        f for f in validate(from_dict(data), RuleOptions(now=NOW)) if f.code.startswith("SN-DT")
    ]
    change(data)
    found = validate(from_dict(data), RuleOptions(now=NOW))
    dates = [(f.code, f.path, f.severity) for f in found if f.code.startswith("SN-DT")]
    assert dates == [(code, path, Severity.ERROR)]
