"""Free text and names: realistic phrases first (they shrink to one), drawn text otherwise."""

from __future__ import annotations

import typing
from collections.abc import Sequence

from hypothesis import strategies as st

from soapnotes._strategies._base import SearchStrategy, _cached
from soapnotes.models.draft import DRAFT_MARK

_GIVEN_NAMES = (
    "Ann", "Zoë", "José", "Siobhán", "Mei", "Ólafur", "Amira", "Nguyễn Thị", "Kwame", "Łucja",
    "Søren", "Chloé", "Иван", "Aiko", "Björn", "Priya",
)  # fmt: skip
_FAMILY_NAMES = (
    "Lee", "Łukasiewicz", "O'Brien", "Müller", "García-Márquez", "Ólafsdóttir", "Haddad",
    "van der Berg", "Nakamura", "陳", "Smith-Jones", "Dvořák", "Ngata", "Åberg",
)  # fmt: skip
_PHRASES = (
    "Heaviness in the arm",
    "Tightness in both legs, worse in the evening.",
    "Swelling eased after last week's session.",
    "Pain < 3 at rest, > 5 after work",
    "Skin intact; no redness or warmth.",
    "Client reports better sleep & less fatigue.",
    "Mild fibrosis, dorsal forearm",
    "Wore the compression sleeve daily (class 2).",
    "Tingling in the fingers at night",
    "Feels 50% lighter after self-MLD",
    "No cellulitis since 2023.",
    "Rerouted toward the working axilla",
    "<b>not bold</b> & [not a link](x)",
)
# Readable default text: letters with accents, digits, punctuation a note may hold, and the
# characters that mean something to reportlab markup (<, >, &) since clinicians type them.
_READABLE = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Nd", "Zs", "Po", "Pd", "Ps", "Pe", "Sm"),
    max_codepoint=0x17F,
) | st.sampled_from("<>&;\n")
_ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
_CREDENTIALS = ("RMT", "CLT", "CLT-LANA", "LMT", "MLD/CDT", "PT")
_ROLES = ("Oncologist", "Family physician", "Cardiologist", "Nephrologist", "Obstetrician")
_FREQUENCIES = ("Twice a week for 4 weeks", "Daily for 2 weeks, then reassess", "Monthly")


class _TextOptions(typing.TypedDict):
    """The two text options every factory with free text takes."""

    any_unicode: bool
    long_text: bool


def _non_blank(text: str) -> bool:
    # Finished text: Hypothesis also draws the package's own string constants, and a text
    # starting with a draft's "TO FILL IN" mark is an unfinished note (rule SN-DF-001).
    return bool(text.strip()) and not text.startswith(DRAFT_MARK)


@_cached
def _text(
    *, any_unicode: bool, long_text: bool, phrases: Sequence[str] = _PHRASES, max_size: int = 80
) -> SearchStrategy[str]:
    """Non-blank free text: a realistic phrase first (it shrinks to one), else drawn text."""
    alphabet = _ANY_CHARACTER if any_unicode else _READABLE
    drawn = st.text(alphabet, min_size=1, max_size=max_size)
    options: list[SearchStrategy[str]] = [st.sampled_from(phrases), drawn]
    if long_text:
        options.append(st.text(alphabet, min_size=500, max_size=5000))
    return st.one_of(options).filter(_non_blank)


@_cached
def _names(pool: Sequence[str], *, any_unicode: bool, long_text: bool) -> SearchStrategy[str]:
    """A name from ``pool``; drawn text too when either text option is on."""
    if any_unicode or long_text:
        return _text(any_unicode=any_unicode, long_text=long_text, phrases=pool, max_size=40)
    return st.sampled_from(pool)
