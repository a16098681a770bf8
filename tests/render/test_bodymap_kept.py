"""The note's body map writes kept operators for its marks, and looks the same.

:func:`soapnotes.render.bodymap._draw.body_map_flowable` is :func:`draw_body_map`'s picture
with every mark but the text written from operators made once per process (issue 16).
Pixels are compared with poppler's ``pdftoppm``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

import soapnotes
from soapnotes.models.vocabulary import BodyRegion, NodeGroup, NodeState, Phase, Side
from soapnotes.render import render_note_bytes
from soapnotes.render.bodymap import MapNode, MapRegion, draw_body_map
from soapnotes.render.bodymap._draw import body_map_flowable
from soapnotes.render.bodymap._kept import KeptOperators, kept_code
from soapnotes.render.fonts import family_font_name, register_family
from tests.conftest import EXAMPLES_DIR
from tests.render.test_bodymap import LEFT_ARM_SESSION, LEFT_AXILLA_REMOVED

CASES: dict[str, tuple[tuple[MapRegion, ...], tuple[MapNode, ...]]] = {
    "left arm": (LEFT_ARM_SESSION, LEFT_AXILLA_REMOVED),
    "front and back": (
        (
            MapRegion(BodyRegion.UPPER_BACK, None, Phase.CLEARING),
            MapRegion(BodyRegion.GLUTEAL, Side.LEFT, Phase.REABSORPTION),
            MapRegion(BodyRegion.THIGH, Side.RIGHT, Phase.CLEARING, (NodeGroup.INGUINAL, None)),
            MapRegion(BodyRegion.THIGH, Side.RIGHT, Phase.REABSORPTION),
        ),
        (
            MapNode(NodeGroup.INGUINAL, Side.LEFT, NodeState.IRRADIATED),
            MapNode(NodeGroup.AXILLARY, Side.RIGHT, NodeState.REMOVED),
        ),
    ),
    "nodes only": ((), LEFT_AXILLA_REMOVED),
}


def _pdf(drawing: Any) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, invariant=True, initialFontName=register_family())
    doc.build([drawing])
    return out.getvalue()


def _pixels(pdf: bytes, folder: Path, name: str) -> Image.Image:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm missing: apt-get install poppler-utils")
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", "100", "-png", "-singlefile", folder / f"{name}.pdf", folder / name],
        check=True,
    )
    return Image.open(folder / f"{name}.png").convert("RGB")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("size", [(481.9, 215.0), (300.0, 400.0)])
def test_the_notes_body_map_looks_like_draw_body_map(
    case: str, size: tuple[float, float], tmp_path: Path
) -> None:
    regions, nodes = CASES[case]
    width, height = size
    font = family_font_name()
    public = draw_body_map(regions, nodes, width=width, height=height, font_name=font)
    public.initialFontName = font
    kept = body_map_flowable(regions, nodes, width=width, height=height, font_name=font)
    kept.initialFontName = font
    assert isinstance(kept.front.silhouette, KeptOperators)
    assert isinstance(kept.front.arrows, KeptOperators)
    for _ in range(2):  # the second time from the kept operators
        fast = _pixels(_pdf(kept), tmp_path, "kept")
        slow = _pixels(_pdf(public), tmp_path, "public")
        assert ImageChops.difference(fast, slow).getbbox() is None
        kept = body_map_flowable(regions, nodes, width=width, height=height, font_name=font)
        kept.initialFontName = font


def test_the_legend_words_stay_text_in_every_pdf() -> None:
    """Text is never kept: each PDF subsets its own fonts."""
    font = family_font_name()
    regions, nodes = CASES["left arm"]
    for _ in range(2):
        drawing = body_map_flowable(regions, nodes, width=480, height=215, font_name=font)
        text = PdfReader(io.BytesIO(_pdf(drawing))).pages[0].extract_text()
        assert "Clearing + reabsorption" in text
        assert "Front" in text


def test_kept_operators_are_made_once_and_draw_no_text() -> None:
    made = []

    def build() -> Any:
        made.append(1)
        return draw_body_map(LEFT_ARM_SESSION).front.silhouette

    first = kept_code(("test", 1), build)
    again = kept_code(("test", 1), build)
    assert first is again
    assert made == [1]
    assert " Tj" not in first
    assert "BT " not in first
    assert first.startswith("q")
    assert first.rstrip().endswith("Q")


def test_the_silhouettes_are_one_form_kept_compressed() -> None:
    """The largest mark goes into the PDF as a form XObject, compressed once per process."""
    note = soapnotes.load(EXAMPLES_DIR / "lymphedema-left-arm.toml")
    streams = []
    for _ in range(2):
        reader = PdfReader(io.BytesIO(render_note_bytes(note)))
        forms = []
        for page in reader.pages:
            resources: Any = page["/Resources"].get_object()
            forms += [x.get_object() for x in resources.get("/XObject", {}).values()]
        assert [f["/Subtype"] for f in forms] == ["/Form"]
        streams.append(forms[0].get_data())
    assert streams[0] == streams[1]
    assert b" l " in streams[0]  # path operators
