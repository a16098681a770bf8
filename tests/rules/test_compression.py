"""Compression rules: the arterial check (ABPI) before leg compression, garments (SN-CP-*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from soapnotes import (
    ArterialCheck,
    ArterialCheckMethod,
    BandageSystem,
    Bandaging,
    Compression,
    CompressionStandard,
    Garment,
    GarmentKind,
    Limb,
    Note,
    Side,
)
from soapnotes.errors import UsageError
from soapnotes.examples import load_example
from soapnotes.rules import RuleOptions
from tests.rules.helpers import codes, only, with_client, with_session

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def leg() -> Note:
    """Left-leg lymphedema after pelvic lymphadenectomy, bandaged after an ABPI of 1.04."""
    return load_example("lymphedema-left-leg")


def _checks(note: Note, *checks: ArterialCheck) -> Note:
    changes: dict[str, Any] = {"arterial_checks": checks}
    return with_client(note, **changes)


def _left(abpi: float | None, on: dt.date = dt.date(2026, 10, 6), **changes: Any) -> ArterialCheck:
    return ArterialCheck(side=Side.LEFT, checked_on=on, abpi=abpi, **changes)


def _compress(note: Note, **changes: Any) -> Note:
    return with_session(note, compression=Compression(**changes))


def test_the_leg_example_is_clean(leg: Note) -> None:
    """Bandaged with a recent ABPI in the safe band: no compression finding."""
    assert not [c for c in codes(leg) if c.startswith("SN-CP")]


def test_leg_compression_without_an_arterial_check_is_an_error(leg: Note) -> None:
    """SN-CP-001 at the bandage, naming the leg."""
    found = only(_checks(leg), "SN-CP-001")
    assert [(f.path, f.severity.value) for f in found] == [
        ("$.session.compression.bandaging[0]", "error")
    ]
    assert "left leg is compressed" in found[0].message


def test_a_check_of_the_other_leg_or_after_the_session_does_not_count(leg: Note) -> None:
    right = ArterialCheck(side=Side.RIGHT, checked_on=dt.date(2026, 10, 6), abpi=1.1)
    assert only(_checks(leg, right), "SN-CP-001")
    assert only(_checks(leg, _left(1.0, on=dt.date(2026, 11, 18))), "SN-CP-001")


def test_pantyhose_compress_both_legs(legs: Note) -> None:
    """Tights without a side compress both legs: each needs its check."""
    left_only = [c for c in legs.client.arterial_checks if c.side is Side.LEFT]
    found = only(_checks(legs, *left_only), "SN-CP-001")
    assert [f.message for f in found] == [
        "The right leg is compressed but no arterial check (ABPI) of that leg is on file on or "
        "before the session"
    ]


def test_arm_compression_needs_no_abpi(arm: Note) -> None:
    assert arm.session.compression is not None
    assert not [c for c in codes(arm) if c.startswith("SN-CP-00") and c != "SN-CP-007"]


def test_clinical_assessment_counts_only_under_the_bls_policy(leg: Note) -> None:
    """A documented clinical vascular assessment (no ABPI) is accepted only when the clinic
    says so (BLS 2018); by default an ABPI is needed (Lymphoedema Framework 2006)."""
    assessed = _checks(
        leg,
        ArterialCheck(
            side=Side.LEFT,
            checked_on=dt.date(2026, 10, 6),
            method=ArterialCheckMethod.CLINICAL_ASSESSMENT,
        ),
    )
    found = only(assessed, "SN-CP-001")
    assert "only a clinical vascular assessment is on file" in found[0].message
    assert not only(assessed, "SN-CP-001", accept_clinical_vascular_assessment=True)


@pytest.mark.parametrize(
    ("abpi", "code", "severity"),
    [
        (0.45, "SN-CP-003", "error"),
        (0.5, "SN-CP-004", "warning"),
        (0.79, "SN-CP-004", "warning"),
        (1.31, "SN-CP-005", "warning"),
    ],
)
def test_abpi_bands(leg: Note, abpi: float, code: str, severity: str) -> None:
    """Below 0.5 contraindicated; 0.5 up to 0.8 reduced; above 1.3 unreliable."""
    found = [f for f in only(_checks(leg, _left(abpi)), code)]
    assert [(f.path, f.severity.value) for f in found] == [
        ("$.client.arterial_checks[0].abpi", severity)
    ]


@pytest.mark.parametrize("abpi", [0.8, 1.0, 1.3])
def test_abpi_in_the_safe_band_is_quiet(leg: Note, abpi: float) -> None:
    assert not [c for c in codes(_checks(leg, _left(abpi))) if c.startswith("SN-CP")]


def test_the_bands_are_a_policy(leg: Note) -> None:
    """Sources put the upper bound at 1.3 or 1.4: RuleOptions.abpi_bands decides."""
    note = _checks(leg, _left(1.35))
    assert only(note, "SN-CP-005")
    assert not only(note, "SN-CP-005", abpi_bands=(0.5, 0.8, 1.4))
    with pytest.raises(UsageError, match="abpi_bands"):
        RuleOptions(abpi_bands=(0.8, 0.5, 1.3))


def test_the_latest_check_decides(leg: Note) -> None:
    old = _left(0.45, on=dt.date(2026, 6, 1))
    new = _left(1.02, on=dt.date(2026, 10, 6))
    assert not only(_checks(leg, old, new), "SN-CP-003")


def test_a_stale_check_is_a_warning(leg: Note) -> None:
    """Older than abpi_max_age_days (365) before the session (soapnotes policy)."""
    old = _checks(leg, _left(1.0, on=dt.date(2025, 11, 1)))
    found = only(old, "SN-CP-006")
    assert found[0].path == "$.client.arterial_checks[0].checked_on"
    assert "381 days old" in found[0].message
    assert not only(old, "SN-CP-006", abpi_max_age_days=400)


def test_compression_home_care_with_an_unchecked_swollen_leg(legs: Note) -> None:
    """A v1-style note: compression in home care, legs swollen, no ABPI: a warning."""
    plain = _checks(with_session(legs, compression=None))
    found = only(plain, "SN-CP-002")
    assert [f.path for f in found] == ["$.session.plan.home_care[0]"]
    assert "left and right leg" in found[0].message
    assert not only(with_session(legs, compression=None), "SN-CP-002")


def test_compression_home_care_for_an_arm_is_quiet(arm: Note) -> None:
    assert not only(with_session(arm, compression=None), "SN-CP-002")


def test_garment_due_and_underworn_are_info(arm: Note) -> None:
    garment = Garment(
        kind=GarmentKind.SLEEVE,
        side=Side.LEFT,
        standard=CompressionStandard.RAL,
        compression_class=2,
        prescribed_hours_per_day=12,
        reported_hours_per_day=9,
        fitted_on=dt.date(2026, 5, 1),
        replace_on=dt.date(2026, 11, 1),
    )
    note = _compress(arm, garments=[garment])
    assert [(f.code, f.path, f.severity.value) for f in only(note, "SN-CP-007")] == [
        ("SN-CP-007", "$.session.compression.garments[0].replace_on", "info")
    ]
    underworn = only(note, "SN-CP-008")
    assert underworn[0].message == ("The sleeve is worn 75 % of the prescribed hours (below 80 %)")
    assert not only(note, "SN-CP-008", garment_adherence_percent=70)


def test_bandaging_the_right_leg_needs_the_right_check(leg: Note) -> None:
    bandage = Bandaging(limb=Limb.LEG, side=Side.RIGHT, system=BandageSystem.ADJUSTABLE_WRAP)
    note = _compress(leg, bandaging=[bandage])
    assert not only(note, "SN-CP-001")
    left_only = [c for c in leg.client.arterial_checks if c.side is Side.LEFT]
    assert only(_checks(note, *left_only), "SN-CP-001")


def test_options_refuse_bad_policies() -> None:
    for bad in ({"abpi_max_age_days": 0}, {"recent_cellulitis_days": True}):
        with pytest.raises(UsageError):
            RuleOptions(**bad)
    with pytest.raises(UsageError, match="percentage"):
        RuleOptions(garment_adherence_percent=120)


def test_rules_never_change_the_note(leg: Note) -> None:
    before = attrs.evolve(leg)
    codes(_checks(leg, _left(0.4)))
    assert leg == before
