"""The shipped examples validate cleanly; examples/invalid/ shows each error family."""

from __future__ import annotations

from pathlib import Path

import pytest

from soapnotes import Severity, load
from tests.rules.helpers import codes, findings

ROOT = Path(__file__).resolve().parents[2]
GOOD = sorted(ROOT.glob("examples/*.toml")) + sorted(ROOT.glob("examples/*.json"))
#: One note per rule family: the errors each shows, in path order.
INVALID = {
    "after-effects.toml": ["SN-AE-003"],
    "contraindications.toml": [
        "SN-CI-002",
        "SN-CI-004",
        "SN-CI-008",
        "SN-CI-014",
        "SN-CI-008",
        "SN-CI-014",
    ],
    "drainage.toml": ["SN-DR-001", "SN-DR-001", "SN-DR-005", "SN-DR-001", "SN-DR-001"],
    "measurements.toml": [],
    "modality.toml": ["SN-MD-003"],
    "order.toml": [],
    "timing.toml": ["SN-TM-004", "SN-TM-001"],
    "compression.toml": ["SN-CP-003", "SN-CP-001"],
    "history.toml": ["SN-HX-005"],
    "referral.toml": [],
    "draft.toml": ["SN-DF-001"] * 7,
}
#: The families without an error code show their warnings instead.
WARNINGS = {
    "measurements.toml": ["SN-MS-010", "SN-MS-012", "SN-MS-009", "SN-MS-011"],
    "order.toml": ["SN-OR-003", "SN-OR-004"],
    "referral.toml": ["SN-PX-001", "SN-PX-002"],
}


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_examples_have_no_errors_or_warnings(path: Path) -> None:
    """Each shipped example validates with no errors and no warnings (info only)."""
    assert {f.severity for f in findings(load(path))} <= {Severity.INFO}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_examples_show_their_family(name: str) -> None:
    """Each examples/invalid note produces exactly its family's expected errors."""
    found = findings(load(ROOT / "examples" / "invalid" / name))
    errors = [f.code for f in found if f.severity is Severity.ERROR]
    assert errors == INVALID[name]
    if name in WARNINGS:
        assert [f.code for f in found if f.severity is Severity.WARNING] == WARNINGS[name]


def test_one_invalid_example_per_family() -> None:
    """examples/invalid/ holds exactly one note per rule family, each named after it."""
    from soapnotes.rules import RULES

    families = {rule.name.split(".")[0].replace("_", "-") for rule in RULES} - {"areas"}
    shipped = {p.stem for p in (ROOT / "examples" / "invalid").glob("*.toml")}
    assert shipped == families == {name.removesuffix(".toml") for name in INVALID}


def test_timing_example_codes_in_path_order() -> None:
    """Findings of the timing example come in path order ($.client before $.session)."""
    assert codes(load(ROOT / "examples" / "invalid" / "timing.toml")) == [
        "SN-TM-004",
        "SN-TM-001",
    ]
