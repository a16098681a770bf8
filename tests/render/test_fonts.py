"""Bundled DejaVu Sans is registered and embedded; fallback fonts cover what it lacks."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics

import soapnotes
from soapnotes.errors import RenderError
from soapnotes.render import RenderOptions, fonts, render_note_bytes
from soapnotes.render._text import paragraph_markup
from soapnotes.render.fonts import FallbackFont, FontSet, family_font_name, split_runs
from tests.conftest import EXAMPLES_DIR
from tests.render._pdf import IPA_GOTHIC, build_pdf, font_dicts, ipa_gothic, page_text

FALLBACK_NAME = re.compile(r"SoapnotesFallback-[0-9a-f]{16}")


def test_font_files_are_package_data() -> None:
    """The four TTFs and the licence are found through importlib.resources."""
    folder = resources.files("soapnotes.render") / "fonts"
    for name in [
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ]:
        assert (folder / name).read_bytes()[:4] == b"\x00\x01\x00\x00"
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_fonts_load_from_a_zip(tmp_path: Path) -> None:
    """The bundled fonts are found when the package is imported from a zip, not a folder."""
    package = Path(fonts.__file__).parent.parent
    archive = tmp_path / "soapnotes.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, path.relative_to(package.parent))
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from soapnotes.render import fonts; "
        "assert fonts.__file__.startswith(sys.argv[1]), fonts.__file__; "
        "print(fonts.split_runs('Zoë').runs)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(archive)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert result.stdout.strip() == "(('SoapnotesSans', 'Zoë'),)"


def test_family_styles_are_registered() -> None:
    """Each style has its own registered font, and the family maps <b>/<i> to them."""
    from reportlab.lib.fonts import tt2ps

    names = {
        (bold, italic): family_font_name(bold=bold, italic=italic)
        for bold in (False, True)
        for italic in (False, True)
    }
    assert names == {
        (False, False): "SoapnotesSans",
        (True, False): "SoapnotesSans-Bold",
        (False, True): "SoapnotesSans-Oblique",
        (True, True): "SoapnotesSans-BoldOblique",
    }
    for (bold, italic), name in names.items():
        assert name in pdfmetrics.getRegisteredFontNames()
        assert tt2ps("SoapnotesSans", int(bold), int(italic)) == name


def test_bundled_fonts_are_subset_embedded_truetype() -> None:
    """Every font in the PDF is a subset of DejaVu Sans embedded as TrueType (/FontFile2)."""
    reader = build_pdf(
        paragraph_markup("Zoë").markup,
        paragraph_markup("Ødegård", bold=True).markup,
        paragraph_markup("Ελένη", italic=True).markup,
        paragraph_markup("Дмитрий", bold=True, italic=True).markup,
    )
    base_fonts = set()
    for font in font_dicts(reader):
        base_font = str(font["/BaseFont"])
        base_fonts.add(base_font.split("+", 1)[1])
        assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans.*", base_font)
        descriptor: Any = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
    assert base_fonts == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
    }


def test_styled_face_falls_back_to_regular_face() -> None:
    """A character the bold face lacks but the regular face has is drawn in regular."""
    family = fonts._family_loaded()
    missing = family[False, False].coverage - family[True, False].coverage
    char = chr(min(c for c in missing if chr(c).isprintable()))
    runs = split_runs(f"a{char}", bold=True)
    assert runs.runs == (("SoapnotesSans-Bold", "a"), ("SoapnotesSans", char))
    assert runs.uncovered == frozenset()


def test_cjk_is_reported_without_fallback() -> None:
    """Without a fallback, CJK characters are returned as uncovered."""
    runs = split_runs("山田 太郎")
    assert runs.uncovered == frozenset("山田太郎")
    assert runs.runs == (("SoapnotesSans", "\ufffd\ufffd \ufffd\ufffd"),)


def test_cjk_renders_with_fallback() -> None:
    """With IPA Gothic as fallback, a Japanese name renders and extracts exactly."""
    font_set = FontSet(fallbacks=(ipa_gothic(),))
    markup = paragraph_markup("山田 太郎", fonts=font_set)
    assert markup.uncovered == frozenset()
    assert page_text(build_pdf(markup.markup)).strip() == "山田 太郎"


def test_mixed_script_line_switches_font_per_run() -> None:
    """Latin stays in DejaVu and CJK goes to the fallback, with spaces kept in the current run."""
    font_set = FontSet(fallbacks=(ipa_gothic(),))
    runs = split_runs("Dr. 山田 (Zoë)", fonts=font_set)
    assert [text for _, text in runs.runs] == ["Dr. ", "山田 ", "(Zoë)"]
    assert runs.runs[0][0] == runs.runs[2][0] == "SoapnotesSans"
    assert FALLBACK_NAME.fullmatch(runs.runs[1][0])
    reader = build_pdf(paragraph_markup("Dr. 山田 (Zoë)", fonts=font_set).markup)
    assert page_text(reader).strip() == "Dr. 山田 (Zoë)"


def test_fallback_name_comes_from_content_not_caller() -> None:
    """A fallback given as bytes or as a path gets the same name, derived from its bytes."""
    by_path = ipa_gothic()
    by_bytes = FallbackFont(source=IPA_GOTHIC.read_bytes())
    name_path = split_runs("山", fonts=FontSet(fallbacks=(by_path,))).runs[0][0]
    name_bytes = split_runs("山", fonts=FontSet(fallbacks=(by_bytes,))).runs[0][0]
    assert name_path == name_bytes
    assert FALLBACK_NAME.fullmatch(name_path)


def test_dejavu_wins_over_fallbacks() -> None:
    """Characters DejaVu covers are drawn in DejaVu even when a fallback also has them."""
    runs = split_runs("Zoë", fonts=FontSet(fallbacks=(ipa_gothic(),)))
    assert runs.runs == (("SoapnotesSans", "Zoë"),)


def test_uncovered_space_becomes_plain_space() -> None:
    """A space character no font has is drawn as U+0020 and not reported."""
    runs = split_runs("a\u3000b")  # ideographic space: not in DejaVu
    assert runs.uncovered == frozenset()
    assert runs.runs == (("SoapnotesSans", "a b"),)


@pytest.mark.parametrize("content", [b'{"not": "a font"}', None], ids=["json", "missing"])
def test_bad_fallback_font_raises_render_error(tmp_path: Path, content: bytes | None) -> None:
    """A fallback that is no TrueType font, or missing, raises RenderError naming the file only."""
    folder = tmp_path / "private-folder"
    folder.mkdir()
    path = folder / "note.json"
    if content is not None:
        path.write_bytes(content)
    fonts_ = FontSet(fallbacks=(FallbackFont(source=str(path)),))
    reason = "not a TrueType font" if content is not None else "no such file"
    expected = f"fallback font 1 (note.json) could not be read: {reason}"
    with pytest.raises(RenderError) as caught:
        split_runs("a", fonts=fonts_)
    assert str(caught.value) == expected
    with pytest.raises(RenderError, match=re.escape(expected)):
        render_note_bytes(
            soapnotes.load(EXAMPLES_DIR / "swedish-fibromyalgia.toml"),
            options=RenderOptions(fonts=fonts_),
        )
