"""The shared pieces of rendering: the pipeline, its building blocks, the signature check,
and the limb comparisons the measurement section words."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import attrs
import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes.errors import MissingGlyphWarning, RenderError, UsageError
from soapnotes.findings import Finding, Severity
from soapnotes.lifecycle import Mismatch, Verification
from soapnotes.models.limbs import (
    comparable_previous,
    compare_sides,
    excess_reduction_percent,
    left_minus_right_ml,
    volume_changes,
)
from soapnotes.models.measurements import CircumferencePoint, CircumferenceSeries
from soapnotes.models.vocabulary import Landmark, Limb, Side
from soapnotes.render import RenderOptions
from soapnotes.render._blocks import findings_box
from soapnotes.render._document import Layout, check_coverage, render_pdf
from soapnotes.render._page import page_text
from soapnotes.render._verification import CONTENT_CHANGED, from_verification, signature_check
from soapnotes.render._writer import Writer
from soapnotes.render.batch import render_many
from soapnotes.render.bodymap import draw_body_map
from tests.conftest import EXAMPLES_DIR


def _note() -> soapnotes.Note:
    return soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# -- the pipeline --------------------------------------------------------------------------


def _layout(writer: Writer, *, watermark: bool, options: RenderOptions) -> Layout:
    note = _note()
    page = page_text(
        practice=note.practice,
        client=note.client,
        title="A test document",
        period="Today",
        status="Status line",
        status_bold=False,
        signed=not watermark,
        alert=False,
        options=options,
        uncovered=writer.uncovered,
    )
    story = findings_box([], writer, intro="An intro line.")
    return Layout(title="T", author="A", subject="S", page=page, story=story, watermark=watermark)


@pytest.mark.parametrize("watermark", [True, False])
def test_render_pdf_lays_out_any_layout(watermark: bool) -> None:
    """render_pdf draws header, footer, story and (only when asked) the DRAFT watermark."""
    options = RenderOptions()
    data = render_pdf(lambda w: _layout(w, watermark=watermark, options=options), None)
    (text,) = _text(data)
    assert "A test document" in text
    assert "Status line" in text
    assert "Page 1 of 1" in text
    assert "An intro line." in text
    assert "The rules engine found nothing to report." in text
    assert ("DRAFT" in text) is watermark
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == ("T", "A", "S")
    assert data == render_pdf(lambda w: _layout(w, watermark=watermark, options=options), None)


def test_check_coverage_warns_or_raises_naming_code_points_only() -> None:
    """Uncovered characters warn (or raise when strict) with their code points."""
    check_coverage(set(), strict=True)  # nothing uncovered: nothing happens
    with pytest.raises(RenderError, match="U\\+9673"):
        check_coverage({"\u9673"}, strict=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_coverage({"\u9673", "\u4e00"}, strict=False)
    (warning,) = caught
    assert issubclass(warning.category, MissingGlyphWarning)
    assert "2 characters" in str(warning.message)
    assert "U+FFFD" in str(warning.message)


def test_findings_box_puts_the_intro_under_its_heading() -> None:
    """The intro comes right after the heading, before the table."""
    writer = Writer(RenderOptions().fonts, 400)
    finding = Finding(
        code="SN-XX-001", severity=Severity.ERROR, message="Something.", path="$.session"
    )
    plain = findings_box([finding], writer)
    with_intro = findings_box([finding], writer, intro="Still open.")
    assert len(with_intro) == len(plain) + 1
    assert with_intro[1].getPlainText() == "Still open."


# -- the signature check -------------------------------------------------------------------


def test_signature_check_uses_a_given_verification_and_skips_drafts() -> None:
    """A draft has no check; a signed note gets the given verification's words."""
    note = _note()
    assert signature_check(note) is None
    failing = Verification(
        content_sha256="0" * 64,
        head_sha256=None,
        mismatches=(Mismatch(what="addendum [0] time", message="too early"),),
    )
    assert signature_check(note, failing) is None  # a draft ignores it
    signed = attrs.evolve(
        note,
        signature=soapnotes.Signature(
            signed_by="M", credential="RMT", signed_at=note.session.start, content_sha256="0" * 64
        ),
    )
    check = signature_check(signed, failing)
    assert check is not None
    assert not check.ok
    assert check.headline == "SIGNATURE DOES NOT VERIFY: addendum [0] time failed the check"
    assert check.details == ("addendum [0] time: too early",)
    verified = signature_check(signed)  # verified here: the hash is wrong
    assert verified is not None
    assert verified.headline == CONTENT_CHANGED
    ok = attrs.evolve(failing, mismatches=())
    assert from_verification(ok).ok


# -- limb comparisons ----------------------------------------------------------------------


def _series(side: Side, *circumferences: float, step: float = 4.0) -> CircumferenceSeries:
    return CircumferenceSeries(
        limb=Limb.ARM,
        side=side,
        landmark=Landmark.WRIST,
        interval_cm=step,
        points=tuple(
            CircumferencePoint(distance_cm=i * step, circumference_cm=c)
            for i, c in enumerate(circumferences)
        ),
    )


def test_comparable_previous_and_volume_changes() -> None:
    """Only earlier series taken at the same points count; changes follow their order."""
    now = [_series(Side.LEFT, 20, 24, 28), _series(Side.RIGHT, 18, 22, 25)]
    before = [
        _series(Side.RIGHT, 18, 22, 26),
        _series(Side.LEFT, 21, 25, 29, step=5.0),  # other points: not comparable
    ]
    assert comparable_previous(now, before, Limb.ARM) == {Side.RIGHT: before[0]}
    assert comparable_previous(now, before, Limb.LEG) == {}
    (change,) = volume_changes(now, before, Limb.ARM)
    assert change.side is Side.RIGHT
    assert change.change_ml == pytest.approx(now[1].volume_ml - before[0].volume_ml)
    assert change.change_percent == pytest.approx(100 * change.change_ml / before[0].volume_ml)


def test_excess_reduction_and_left_minus_right() -> None:
    """Reduction of excess between two comparisons; the plain difference when they compare."""
    client = _note().client  # left arm swollen
    now = compare_sides(
        client, [_series(Side.LEFT, 20, 24), _series(Side.RIGHT, 18, 22)], Limb.ARM
    )
    then = compare_sides(
        client, [_series(Side.LEFT, 22, 26), _series(Side.RIGHT, 18, 22)], Limb.ARM
    )
    assert now.excess is not None
    assert then.excess is not None
    expected = 100 * (then.excess.excess_ml - now.excess.excess_ml) / then.excess.excess_ml
    assert excess_reduction_percent(then.excess, now.excess) == pytest.approx(expected)
    none_then = compare_sides(
        client, [_series(Side.LEFT, 18, 22), _series(Side.RIGHT, 18, 22)], Limb.ARM
    )
    assert none_then.excess is not None
    assert excess_reduction_percent(none_then.excess, now.excess) is None
    left, right = now.left, now.right
    assert left is not None
    assert right is not None
    assert left_minus_right_ml(now) == pytest.approx(left.volume_ml - right.volume_ml)
    other_points = compare_sides(
        client, [_series(Side.LEFT, 20, 24), _series(Side.RIGHT, 18, 22, step=5.0)], Limb.ARM
    )
    assert left_minus_right_ml(other_points) is None
    assert left_minus_right_ml(compare_sides(client, [], Limb.ARM)) is None


# -- misuse ----------------------------------------------------------------------------------


def test_misuse_raises_usage_errors_naming_what(tmp_path: Path) -> None:
    """Bad options name the field; value misuse is a UsageError (a ValueError too)."""
    with pytest.raises(UsageError, match="margins_mm"):
        RenderOptions(margins_mm=(1.0, 16.0, 20.0, 16.0))
    with pytest.raises(TypeError, match="margins_mm"):
        RenderOptions(margins_mm=(27.0, 16.0))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="logo"):
        RenderOptions(logo=5)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="workers"):
        render_many([], tmp_path, workers=0)
    with pytest.raises(UsageError, match="width"):
        draw_body_map([], width=0)
    assert issubclass(UsageError, ValueError)
