"""How a note is rendered: a frozen record passed explicitly, never global configuration."""

from __future__ import annotations

import enum
import math
import os
from collections.abc import Iterable
from typing import Any

import attrs

from soapnotes.errors import UsageError
from soapnotes.i18n import DEFAULT_LOCALE, resolve_locale
from soapnotes.i18n._active import gettext_noop
from soapnotes.render.fonts import DEFAULT_FONTS, FontSet

__all__ = ["PageSize", "RenderOptions", "Section"]


class PageSize(str, enum.Enum):
    """The paper a note is laid out for."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def points(self) -> tuple[float, float]:
        """Width and height in PDF points (1/72 inch)."""
        return _PAGE_POINTS[self]


_PAGE_POINTS = {
    PageSize.A4: (595.2755905511812, 841.8897637795277),
    PageSize.LETTER: (612.0, 792.0),
}


class Section(str, enum.Enum):
    """A part of the note that can be left out. Header and footer are always drawn."""

    CLIENT = "client"
    SCREENING = "screening"
    SUBJECTIVE = "subjective"
    OBJECTIVE = "objective"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    TREATMENT = "treatment"
    BODY_MAP = "body_map"
    FINDINGS = "findings"
    SIGNATURE = "signature"
    ADDENDA = "addenda"


ALL_SECTIONS: frozenset[Section] = frozenset(Section)

#: Printed in every footer unless the caller gives their own wording.
DEFAULT_CONFIDENTIALITY = gettext_noop(
    "Confidential health information. Do not disclose without consent."
)


def _margins(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or len(value) != 4:
        raise TypeError(
            f"{attribute.name} must be a tuple of 4 numbers (top, right, bottom, left) in mm"
        )
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            kind = type(item).__name__
            raise TypeError(f"{attribute.name} items must be numbers (mm), got {kind}")
        if not math.isfinite(item) or not 5 <= item <= 60:
            raise UsageError(f"{attribute.name}: each margin must be from 5 to 60 mm")


def _logo(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, (bytes, str, os.PathLike)):
        raise TypeError(
            f"{attribute.name} must be image bytes or a file path, got {type(value).__name__}"
        )


def _to_sections(value: Iterable[Section]) -> frozenset[Section]:
    return frozenset(value)


def _sections(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset) or not all(isinstance(s, Section) for s in value):
        raise TypeError(f"{attribute.name} must be a frozenset of Section members")


@attrs.frozen(kw_only=True)
class RenderOptions:
    """Options for :func:`soapnotes.render.render_note`.

    Args:
        page_size: ``PageSize.A4`` (default) or ``PageSize.LETTER``.
        margins_mm: top, right, bottom, left page margins in millimetres (the header and
            footer sit inside the top and bottom margins).
        logo: the clinic logo as image bytes (PNG, JPEG) or a file path. Passed in code by
            the caller, never taken from a record.
        sections: which parts of the note to include (all by default).
        strict_fonts: raise :class:`~soapnotes.errors.RenderError` when a character of the
            note is covered by no font, instead of warning and drawing U+FFFD.
        fonts: fallback fonts tried, per character, after the bundled DejaVu Sans (for
            example a CJK TrueType font).
        confidentiality: the confidentiality line printed in every footer.
        language: the document language written into the PDF (BCP 47, e.g. ``"en-CA"``).
        locale: the language (and region) the document is written in: ``"en"`` (default),
            any ``en_*``, ``de_*`` (``"de_AT"``) or ``fr_*`` (``"fr_CH"``), normalised
            (``"de-at"`` becomes ``"de_AT"``). German and French need Babel (the
            ``locales`` extra). An unknown locale raises
            :class:`~soapnotes.errors.UsageError` listing the supported ones. The
            confidentiality line is the caller's text and is printed as given, except
            that the English default is replaced by its translation.
        metadata_names: put the client's name in the PDF's title metadata (default). File
            browsers and desktop search index that metadata, so pass False to keep client
            names out of it; the pages themselves always name the client. The therapist (as
            author) and the client's id (in the subject) are written either way.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0 ``locale``.
    """

    page_size: PageSize = attrs.field(
        default=PageSize.A4, validator=attrs.validators.instance_of(PageSize)
    )
    margins_mm: tuple[float, float, float, float] = attrs.field(
        default=(27.0, 16.0, 20.0, 16.0), validator=_margins
    )
    logo: bytes | str | os.PathLike[str] | None = attrs.field(default=None, validator=_logo)
    sections: frozenset[Section] = attrs.field(
        default=ALL_SECTIONS, converter=_to_sections, validator=_sections
    )
    strict_fonts: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    fonts: FontSet = attrs.field(
        default=DEFAULT_FONTS, validator=attrs.validators.instance_of(FontSet)
    )
    confidentiality: str = attrs.field(
        default=DEFAULT_CONFIDENTIALITY, validator=attrs.validators.instance_of(str)
    )
    language: str = attrs.field(default="en", validator=attrs.validators.instance_of(str))
    metadata_names: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    locale: str = attrs.field(default=DEFAULT_LOCALE, converter=resolve_locale)

    def includes(self, section: Section) -> bool:
        """True when ``section`` is to be rendered."""
        return section in self.sections
