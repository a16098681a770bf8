"""Shared test configuration: Hypothesis profiles and the example notes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import soapnotes
from soapnotes.models import Note

# dev: fast, the default. ci: more examples, derandomized so CI is reproducible.
# nightly: many examples, for manual runs (SOAPNOTES_HYPOTHESIS_PROFILE=nightly).
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "nightly", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("SOAPNOTES_HYPOTHESIS_PROFILE", "dev"))

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES_DIR.glob("*.toml"))


@pytest.fixture(params=EXAMPLE_NAMES)
def example_name(request: pytest.FixtureRequest) -> str:
    """Each shipped example's name in turn."""
    name: str = request.param
    return name


@pytest.fixture
def lymphedema_note() -> Note:
    """The left-arm lymphedema example, loaded."""
    return soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
