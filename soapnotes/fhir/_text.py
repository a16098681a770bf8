"""Record text and times as FHIR R4 takes them.

FHIR strings refuse characters below U+0020 other than tab, CR and LF, and the HL7 JSON
Schema's string pattern (``^[ \\r\\n\\t\\S]+$``) refuses every other whitespace character
(U+0085, U+00A0, U+2028, ...) in engines that count it as whitespace. So on export each
such character becomes a plain space, U+FEFF (which ECMA-262 counts as whitespace) too, and
U+FFFE and U+FFFF (no XML character, so no narrative could hold them) become U+FFFD. Text
left blank by that is written as U+FFFD. The exact text travels in the note the bundle
carries (``docs/fhir.md``), so nothing is lost on import.

Narratives are XHTML built here from escaped text only (``html.escape``): record text never
becomes markup.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

_SPACE = " "
_REPLACEMENT = "\ufffd"

_TABLE: dict[int, str] = {
    c: _SPACE
    for c in range(0x10000)
    if (c < 0x20 and chr(c) not in "\t\r\n") or (chr(c).isspace() and chr(c) not in " \t\r\n")
}
_TABLE[0xFEFF] = _SPACE
_TABLE[0xFFFE] = _REPLACEMENT
_TABLE[0xFFFF] = _REPLACEMENT


def fhir_string(text: str) -> str:
    """``text`` as a FHIR string (see the module docstring)."""
    if text.isascii() and text.isprintable():
        return text
    out = text.translate(_TABLE)
    return out if out.strip() else _REPLACEMENT


def fhir_instant(value: dt.datetime) -> str:
    """An aware date-time as a FHIR instant/dateTime: seconds always, the offset kept when
    FHIR can write it (whole minutes, at most 14 hours), else the same instant in UTC."""
    offset = value.utcoffset()
    assert offset is not None  # noqa: S101 - the records hold aware date-times only
    minutes, rest = divmod(abs(offset.total_seconds()), 60)
    if rest or minutes > 14 * 60:
        value = value.astimezone(dt.timezone.utc)
    text = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text.replace("+00:00", "Z") if text.endswith("+00:00") else text


_XHTML = '<div xmlns="http://www.w3.org/1999/xhtml">'


def narrative(lines: Iterable[tuple[str, str]], empty: str) -> dict[str, str]:
    """A generated Narrative: one paragraph per (label, text) line, or ``empty``."""
    body = "".join(
        f"<p><b>{html.escape(fhir_string(label))}</b>: {html.escape(fhir_string(text))}</p>"
        for label, text in lines
    )
    return {"status": "generated", "div": f"{_XHTML}{body or _paragraph(empty)}</div>"}


def _paragraph(text: str) -> str:
    return f"<p>{html.escape(fhir_string(text))}</p>"


def number(value: float) -> int | float:
    """A number as JSON writes it: 12 for 12.0, so decimals stay as recorded."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
