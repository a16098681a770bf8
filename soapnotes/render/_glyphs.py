"""Characters no font covers, told as one line: which fields hold them and how many, never
the characters themselves (a client's name is clinical data)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from soapnotes.errors import MissingGlyphWarning
from soapnotes.models.note import Note

T = TypeVar("T")


def _paths(value: Any, path: str, characters: frozenset[str]) -> Iterator[str]:
    if isinstance(value, str):
        if not characters.isdisjoint(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, f"{path}.{key}", characters)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, f"{path}[{index}]", characters)


def missing_glyph_line(note: Note, characters: frozenset[str]) -> str:
    """``N characters covered by no font (drawn as U+FFFD) in $.a, $.b``."""
    from soapnotes.io import to_dict

    fields = list(_paths(to_dict(note), "$", characters)) or ["the page furniture"]
    shown = ", ".join(fields[:5]) + (f" and {len(fields) - 5} more" if len(fields) > 5 else "")
    count = len(characters)
    return (
        f"{count} character{'s' if count != 1 else ''} covered by no font (drawn as U+FFFD) "
        f"in {shown}; add a font that has them (--fallback-font)"
    )


def rendering_glyph_lines(note: Note, render: Callable[[], T]) -> tuple[T, tuple[str, ...]]:
    """``render()``'s result, and a :func:`missing_glyph_line` per missing-glyph warning it
    raised (instead of the warning)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MissingGlyphWarning)
        result = render()
    lines = []
    for warning in caught:
        if isinstance(warning.message, MissingGlyphWarning):
            lines.append(missing_glyph_line(note, warning.message.characters))
        else:  # any other warning goes on as it came
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return result, tuple(lines)
