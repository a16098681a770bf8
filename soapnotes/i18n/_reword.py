"""Reading an English text back into its template, to write it in another language.

Some texts are kept in English in the records (a draft's ``TO FILL IN: ask 'X' again ...``,
a progress point's reason for a gap), made from a few known templates. :func:`reword` finds
the template a text was made from, reads its fields back and fills the translated template
with the fields written for the active locale.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from soapnotes.i18n._active import gettext


def reword(
    text: str, templates: Iterable[str], field: Callable[[str, str], str] | None = None
) -> str | None:
    """``text`` translated through the first of ``templates`` (message ids with ``{name}``
    fields, no conversions) it matches, each field written by ``field(name, value)``; None
    when no template matches."""
    for template in templates:
        match = _pattern(template).fullmatch(text)
        if match is not None:
            values = {
                name: field(name, value) if field is not None else value
                for name, value in match.groupdict().items()
            }
            return gettext(template, **values)
    return None


@functools.lru_cache(maxsize=64)
def _pattern(template: str) -> re.Pattern[str]:
    """A pattern that reads the fields of ``template`` back (each at least one character)."""
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile(
        "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
            for index, part in enumerate(parts)
        ),
        re.DOTALL,
    )
