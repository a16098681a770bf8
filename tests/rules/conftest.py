"""Fixtures: the shipped examples, freshly loaded for each test."""

from __future__ import annotations

import pytest

from soapnotes import Note
from soapnotes.examples import load_example


@pytest.fixture
def arm() -> Note:
    """Left-arm lymphedema after left axillary removal (MLD)."""
    return load_example("lymphedema-left-arm")


@pytest.fixture
def legs() -> Note:
    """Lipedema of both legs (MLD)."""
    return load_example("lipedema-legs")


@pytest.fixture
def swedish() -> Note:
    """A Swedish massage (no lymph moved)."""
    return load_example("swedish-fibromyalgia")
