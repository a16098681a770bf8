"""The hand-written baseline of ``benchmarks/render_compare.py`` draws what soapnotes draws.

Nothing is timed here. Issue 16's ratios compare soapnotes with ``benchmarks/
render_baseline.py``; when schema 2 added sections to the examples that only soapnotes drew,
the ratio quietly compared unlike content. These tests fail when the baseline falls behind
again: at least 95 % of the words and numbers of soapnotes' pages (with repeats), the same
page count, the same (DejaVu) fonts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import soapnotes
from benchmarks.render_baseline import render as render_by_hand
from benchmarks.same_content import MIN_COVERAGE, compare
from soapnotes.render import RenderOptions, Section, render_note_bytes
from soapnotes.rules import validate

_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_NO_MAP = RenderOptions(sections=frozenset(Section) - {Section.BODY_MAP})


def _note(name: str) -> soapnotes.Note:
    return soapnotes.load(_EXAMPLES / f"{name}.toml")


@pytest.mark.parametrize(
    "name",
    ["lymphedema-left-arm", "swedish-fibromyalgia", "lymphedema-left-leg", "lipedema-legs"],
)
def test_the_baseline_draws_the_words_pages_and_fonts_soapnotes_draws(name: str) -> None:
    note = _note(name)
    findings = validate(note)
    same = compare(render_note_bytes(note, findings=findings), render_by_hand(note, findings))
    assert same.coverage >= MIN_COVERAGE, same.missing
    assert same.pages[0] == same.pages[1]
    assert same.fonts[0] == same.fonts[1] == {"DejaVuSans", "DejaVuSans-Bold"}
    assert same.ok


def test_the_baseline_without_the_body_map_matches_too() -> None:
    note = _note("lymphedema-left-arm")
    findings = validate(note)
    ours = render_note_bytes(note, findings=findings, options=_NO_MAP)
    same = compare(ours, render_by_hand(note, findings, body_map=False))
    assert same.ok, (same.coverage, same.pages, same.missing)


def test_the_check_fails_on_other_content() -> None:
    """Another note's baseline (the Swedish one against the left arm) is not the same."""
    arm, swedish = _note("lymphedema-left-arm"), _note("swedish-fibromyalgia")
    ours = render_note_bytes(arm, findings=validate(arm))
    same = compare(ours, render_by_hand(swedish, validate(swedish)))
    assert same.coverage < 0.6
    assert not same.ok
    assert "Perometer" in same.missing
