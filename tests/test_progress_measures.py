"""The schema-2 series of a course: weight and BMI, L-Dex, outcome scores, garment wear; and
the report's charts of them, only when recorded."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes import GarmentKind, Instrument, OutcomeDomain, Side
from soapnotes.progress import (
    adherence_series,
    compute_progress,
    ldex_series,
    outcome_series,
    summary_sentences,
    weight_series,
)
from soapnotes.render import render_progress_bytes
from tests.conftest import EXAMPLES_DIR

COURSE = EXAMPLES_DIR / "course-left-arm"
V1_COURSE = Path(__file__).resolve().parent / "data" / "v1" / "course-left-arm"


@pytest.fixture(scope="module")
def course() -> soapnotes.Course:
    return soapnotes.load_course([COURSE])


def test_weight_and_bmi_per_session(course: soapnotes.Course) -> None:
    points = weight_series(course)
    assert len(points) == 13
    assert (points[0].weight_kg, points[-1].weight_kg) == (72.9, 71.3)
    assert points[-1].bmi == pytest.approx(71.3 / 1.64**2)


def test_ldex_only_where_measured(course: soapnotes.Course) -> None:
    (series,) = ldex_series(course)
    assert series.label == "Left arm"
    assert [p.ldex for p in series.points] == [24.8, 20.1, 14.6, 13.9, 12.7, 11.8]


def test_outcomes_per_domain_in_the_instruments_order(course: soapnotes.Course) -> None:
    series = outcome_series(course)
    assert [(s.instrument, s.domain) for s in series] == [
        (Instrument.LYMQOL_ARM, OutcomeDomain.FUNCTION),
        (Instrument.LYMQOL_ARM, OutcomeDomain.APPEARANCE),
        (Instrument.LYMQOL_ARM, OutcomeDomain.SYMPTOMS),
        (Instrument.LYMQOL_ARM, OutcomeDomain.MOOD),
        (Instrument.LYMQOL_ARM, None),
    ]
    assert [p.score for p in series[2].points] == [2.9, 2.2, 1.9]
    assert series[-1].label == "Overall quality of life"


def test_garment_adherence(course: soapnotes.Course) -> None:
    (sleeve,) = adherence_series(course)
    assert (sleeve.kind, sleeve.side) == (GarmentKind.SLEEVE, Side.LEFT)
    assert sleeve.points[3].percent == pytest.approx(75)
    assert sleeve.mean_percent == pytest.approx(93, abs=0.5)


def test_summary_names_the_new_numbers(course: soapnotes.Course) -> None:
    text = " ".join(summary_sentences(compute_progress(course)))
    assert "Weight fell from 72.9 to 71.3 kg (BMI 27.1 to 26.5)." in text
    assert "L-Dex of the left arm fell from 24.8 to 11.8." in text
    assert "symptoms 2.9 to 1.9" in text
    assert "The left sleeve was worn 93 % of the prescribed hours on average" in text


def _report_text(paths: list[Path]) -> str:
    course = soapnotes.load_course(paths)
    reader = PdfReader(io.BytesIO(render_progress_bytes(course)))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_the_report_charts_them() -> None:
    text = _report_text([COURSE])
    for title in (
        "Weight",
        "Bioimpedance (L-Dex)",
        "Outcome scores: LYMQOL arm",
        "Garment adherence",
    ):
        assert title in text


def test_a_v1_course_has_none_of_them() -> None:
    """The same course as written in schema 1: same report as before, no empty charts."""
    course = soapnotes.load_course([V1_COURSE])
    result = compute_progress(course)
    assert (result.weight, result.ldex, result.outcomes, result.adherence) == ((), (), (), ())
    text = _report_text([V1_COURSE])
    for title in ("Bioimpedance", "Outcome scores", "Garment adherence", "Weight"):
        assert title not in text
