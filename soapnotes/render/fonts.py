"""Fonts for rendering: the bundled DejaVu Sans family plus caller-supplied fallbacks.

The bundled font files (``DejaVuSans*.ttf``, with ``LICENSE-DejaVu.txt``) are package
data in the ``fonts/`` directory beside this module; they are read through
``importlib.resources``, so this works from a source tree, a wheel or a zip alike.

Every font is registered with reportlab lazily, once per process, under a name *we*
choose: the bundled family as ``SoapnotesSans`` (``-Bold``, ``-Oblique``,
``-BoldOblique``) and each fallback as ``SoapnotesFallback-<digest of its bytes>``.
Names that reach PDF markup therefore never come from record data.

:func:`split_runs` decides, character by character, which font draws the text and
reports the characters that no font covers; raising or warning about those is the
caller's choice.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import unicodedata
from importlib import resources

import attrs
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped, unused-ignore]

from soapnotes._files import MAX_FONT_BYTES, read_bounded
from soapnotes.errors import RenderError

__all__ = [
    "DEFAULT_FONTS",
    "FAMILY",
    "REPLACEMENT",
    "FallbackFont",
    "FontSet",
    "TextRuns",
    "family_covers",
    "family_font_name",
    "load_fallbacks",
    "register_family",
    "split_runs",
]

#: The reportlab family name of the bundled DejaVu Sans.
FAMILY = "SoapnotesSans"

_STYLES: dict[tuple[bool, bool], tuple[str, str]] = {
    # (bold, italic): (registered name, bundled file)
    (False, False): (FAMILY, "DejaVuSans.ttf"),
    (True, False): (f"{FAMILY}-Bold", "DejaVuSans-Bold.ttf"),
    (False, True): (f"{FAMILY}-Oblique", "DejaVuSans-Oblique.ttf"),
    (True, True): (f"{FAMILY}-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}

#: Drawn in place of a character that no font covers; every DejaVu style has it.
REPLACEMENT = "\ufffd"


@attrs.frozen(kw_only=True)
class FallbackFont:
    """A TrueType font (``.ttf``, or one face of a ``.ttc``) used for characters DejaVu lacks.

    ``source`` is a file path or the font file's bytes. Only TrueType outlines work:
    reportlab cannot embed CFF/PostScript-outlined OpenType (``OTTO``) fonts.
    """

    source: bytes | str | os.PathLike[str]
    subfont_index: int = 0


@attrs.frozen(kw_only=True)
class FontSet:
    """The fonts a document draws text with: bundled DejaVu Sans, then ``fallbacks`` in order.

    Immutable and passed explicitly, so there is no global font configuration.
    """

    fallbacks: tuple[FallbackFont, ...] = ()


#: Bundled DejaVu Sans only, no fallbacks.
DEFAULT_FONTS = FontSet()


@attrs.frozen(kw_only=True)
class TextRuns:
    """Text split into ``(registered font name, text)`` runs, and what no font could draw.

    ``uncovered`` holds the characters that no font in the :class:`FontSet` covers;
    in ``runs`` each of them has been replaced by U+FFFD so the page shows that
    something is missing instead of an invisible or arbitrary glyph.
    """

    runs: tuple[tuple[str, str], ...]
    uncovered: frozenset[str]


@attrs.frozen
class _Loaded:
    """A font registered with reportlab, with the codepoints its cmap maps to real glyphs."""

    name: str
    coverage: frozenset[int]


_lock = threading.Lock()
_family: dict[tuple[bool, bool], _Loaded] = {}
_fallbacks: dict[FallbackFont, _Loaded] = {}


def _coverage(font: TTFont) -> frozenset[int]:
    # Snapshot now: reportlab's shaper later adds private-use entries to charToGlyph.
    return frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)


def _family_loaded() -> dict[tuple[bool, bool], _Loaded]:
    """Register the bundled family with reportlab on first use; return it by (bold, italic)."""
    if _family:  # filled in one step below, so a non-empty dict is complete
        return _family
    with _lock:
        if not _family:
            folder = resources.files("soapnotes.render") / "fonts"
            loaded = {}
            for style, (name, filename) in _STYLES.items():
                data = (folder / filename).read_bytes()
                font = TTFont(name, io.BytesIO(data))
                pdfmetrics.registerFont(font)
                loaded[style] = _Loaded(name, _coverage(font))
            pdfmetrics.registerFontFamily(
                FAMILY,
                normal=_STYLES[False, False][0],
                bold=_STYLES[True, False][0],
                italic=_STYLES[False, True][0],
                boldItalic=_STYLES[True, True][0],
            )
            _family.update(loaded)
        return _family


def register_family() -> str:
    """Make sure the bundled family is registered with reportlab; return its family name.

    Use the returned name as a paragraph style's ``fontName``.
    """
    _family_loaded()
    return FAMILY


def family_font_name(*, bold: bool = False, italic: bool = False) -> str:
    """The registered name of one style of the bundled family (registering it if needed)."""
    return _family_loaded()[bold, italic].name


def family_covers(text: str, *, bold: bool = False, italic: bool = False) -> bool:
    """True when one style of the bundled family has a glyph for every character of ``text``."""
    return _family_loaded()[bold, italic].coverage.issuperset(map(ord, text))


def _font_label(spec: FallbackFont, number: int) -> str:
    """'fallback font N (FILE NAME)': the file name only, never the folders or the bytes."""
    if isinstance(spec.source, bytes):
        return f"fallback font {number} (given as bytes)"
    return f"fallback font {number} ({os.path.basename(os.fspath(spec.source))})"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or type(exc).__name__


def _font_reason(exc: Exception, spec: FallbackFont) -> str:
    # reportlab's messages quote the path; pick our own wording from what it says.
    message = str(exc).lower()
    if "postscript outlines" in message:
        return "it has CFF (PostScript) outlines; only TrueType outlines can be embedded"
    if "subsetting/embedding" in message:
        return "its licence does not allow embedding"
    if "subfontindex" in message:
        return f"the collection has no face {spec.subfont_index}"
    return "not a TrueType font"


def _fallback_loaded(spec: FallbackFont, number: int) -> _Loaded:
    """Register a fallback font on first use, under a name derived from its bytes.

    ``number`` (1-based, its place in the :class:`FontSet`) names it in errors.
    """
    with _lock:
        found = _fallbacks.get(spec)
        if found is None:
            if isinstance(spec.source, bytes):
                data = spec.source
            else:
                try:
                    data = read_bounded(spec.source, MAX_FONT_BYTES)
                except OSError as exc:
                    raise RenderError(
                        f"{_font_label(spec, number)} could not be read: {_os_reason(exc)}"
                    ) from None
            digest = hashlib.sha256(data + spec.subfont_index.to_bytes(4, "big")).hexdigest()
            name = f"SoapnotesFallback-{digest[:16]}"
            if name in pdfmetrics.getRegisteredFontNames():
                font = pdfmetrics.getFont(name)
            else:
                try:
                    font = TTFont(name, io.BytesIO(data), subfontIndex=spec.subfont_index)
                except Exception as exc:  # TTFError, or struct/index errors on garbage
                    raise RenderError(
                        f"{_font_label(spec, number)} could not be read: {_font_reason(exc, spec)}"
                    ) from None
                pdfmetrics.registerFont(font)
                # A fallback has one face; map all four styles to it so that
                # <b>/<i> around it in paragraph markup still resolve.
                pdfmetrics.registerFontFamily(
                    name, normal=name, bold=name, italic=name, boldItalic=name
                )
            found = _fallbacks[spec] = _Loaded(name, _coverage(font))
        return found


def load_fallbacks(fonts: FontSet) -> None:
    """Read and register every fallback of ``fonts`` now, to report a bad one before rendering.

    Rendering does this itself on first use; call it to fail early (the command line does).

    Raises:
        RenderError: "fallback font N (FILE NAME) could not be read: REASON" for the first
            fallback that is missing, unreadable, or not a usable TrueType font.
    """
    for number, spec in enumerate(fonts.fallbacks, start=1):
        _fallback_loaded(spec, number)


def _chain(fonts: FontSet, bold: bool, italic: bool) -> list[_Loaded]:
    """Fonts to try, in order: the requested style, regular DejaVu, then the fallbacks."""
    family = _family_loaded()
    chain = [family[bold, italic]]
    if bold or italic:
        # The styled faces cover a little less than the regular one.
        chain.append(family[False, False])
    chain.extend(
        _fallback_loaded(spec, number) for number, spec in enumerate(fonts.fallbacks, start=1)
    )
    return chain


# Variation selectors and the combining grapheme joiner are category Mn but, like
# format characters (Cf), only modify rendering and never need a glyph of their own.
_IGNORABLE_MARKS = frozenset(
    [
        0x034F,
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
        0x180B,
        0x180C,
        0x180D,
        0x180F,
    ]
)


def _ignorable(char: str) -> bool:
    """True for invisible characters that may be dropped when no font has a glyph for them.

    These are format characters (category Cf: zero-width joiners, soft hyphen, bidi
    marks, BOM, ...) and variation selectors. Control characters (Cc) are not
    ignorable: :mod:`soapnotes.render._text` turns them into line breaks, spaces or
    U+FFFD before text gets here.
    """
    return unicodedata.category(char) == "Cf" or ord(char) in _IGNORABLE_MARKS


def split_runs(
    text: str,
    *,
    fonts: FontSet = DEFAULT_FONTS,
    bold: bool = False,
    italic: bool = False,
) -> TextRuns:
    """Split ``text`` into runs of characters drawn by the same font.

    Each character goes to the first font in the chain (requested DejaVu style,
    regular DejaVu, then ``fonts.fallbacks`` in order) whose cmap covers it, except
    that whitespace and combining marks stay in the current run when its font has
    them, which keeps words and accents together. Uncovered characters are reported
    in :attr:`TextRuns.uncovered` and drawn as U+FFFD, except that uncovered spaces
    become U+0020 and uncovered ignorable characters (see :func:`_ignorable`) are
    dropped without being reported.

    ``text`` should already be free of control characters and line breaks; use
    :mod:`soapnotes.render._text` rather than calling this on record data directly.

    Raises:
        RenderError: a fallback cannot be read or is not a usable TrueType font (see
            :func:`load_fallbacks`).
    """
    chain = _chain(fonts, bold, italic)
    if chain[0].coverage.issuperset(map(ord, text)):
        # The usual case, decided in C: the requested style draws all of it, as one run.
        return TextRuns(runs=((chain[0].name, text),) if text else (), uncovered=frozenset())
    runs: list[tuple[_Loaded, list[str]]] = []
    uncovered: set[str] = set()
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if runs and category[0] in "MZ" and code in runs[-1][0].coverage:
            runs[-1][1].append(char)
            continue
        font = next((f for f in chain if code in f.coverage), None)
        if font is None:
            if _ignorable(char):
                continue
            if category == "Zs":
                char = " "
            else:
                uncovered.add(char)
                char = REPLACEMENT
            font = chain[0]
        if runs and runs[-1][0] is font:
            runs[-1][1].append(char)
        else:
            runs.append((font, [char]))
    return TextRuns(
        runs=tuple((font.name, "".join(chars)) for font, chars in runs),
        uncovered=frozenset(uncovered),
    )
