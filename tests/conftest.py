"""Shared test configuration: Hypothesis profiles and the example notes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import soapnotes
from soapnotes.models import Note

# dev: fast, the default. ci: more examples, derandomized so CI is reproducible.
# nightly: many examples, for manual runs (SOAPNOTES_HYPOTHESIS_PROFILE=nightly), best with
# `pytest -m slow` for the expensive properties.
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

# Expensive properties (a note rendered, a note round-tripped, ...) come in two halves: a quick
# one that every run makes, with few examples, and a `_thorough` twin marked `slow`, with many,
# run by `pytest -m slow`. See docs/strategies.md, "In soapnotes' own suite".

#: The fewest examples the `slow` half of an expensive property runs (the profile's count when
#: it asks for more, as nightly does). CI sets SOAPNOTES_THOROUGH_EXAMPLES to fit its budget.
THOROUGH_EXAMPLES = int(os.environ.get("SOAPNOTES_THOROUGH_EXAMPLES", "200"))


def quick(examples: int) -> settings:
    """Settings for the half of an expensive property that always runs: ``examples`` at most,
    fewer when the profile asks for fewer."""
    return settings(max_examples=min(examples, settings().max_examples))


def thorough() -> settings:
    """Settings for the `slow` half: many examples, and no complaint that generating is slow."""
    return settings(
        max_examples=max(THOROUGH_EXAMPLES, settings().max_examples),
        suppress_health_check=[HealthCheck.too_slow],
    )


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
