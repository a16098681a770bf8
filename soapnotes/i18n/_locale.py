"""Which locales soapnotes writes, and turning a caller's tag into one of them."""

from __future__ import annotations

import re

from soapnotes.errors import UsageError

#: The languages with a catalog (English is the source language). A locale is one of these
#: with any region: ``de_AT``, ``fr_CH``, ``en_CA``.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "de", "fr")

#: The locale of a document when the caller names none.
DEFAULT_LOCALE = "en"

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|[0-9]{3}))?$")


def resolve_locale(tag: object) -> str:
    """The locale ``tag`` names, normalised: ``"de-at"`` -> ``"de_AT"``, ``"FR"`` -> ``"fr"``.

    Raises:
        TypeError: ``tag`` is not a string.
        UsageError: the tag is malformed or its language is not one soapnotes writes; the
            message lists the supported languages.
    """
    if not isinstance(tag, str):
        raise TypeError(f"locale must be a string such as 'de_AT', got {type(tag).__name__}")
    supported = ", ".join(f"{lang}_*" for lang in SUPPORTED_LANGUAGES)
    match = _TAG.match(tag.strip())
    if match is None or match.group(1).lower() not in SUPPORTED_LANGUAGES:
        shown = tag if len(tag) <= 20 and tag.isprintable() else "the given locale"
        raise UsageError(f"unsupported locale {shown!r}: soapnotes writes {supported}")
    language, region = match.group(1).lower(), match.group(2)
    return language if region is None else f"{language}_{region.upper()}"


def language_of(locale: str) -> str:
    """``"de"`` for ``"de_AT"``."""
    return locale.partition("_")[0]


def bcp47(locale: str) -> str:
    """``"de-AT"`` for ``"de_AT"``: the form PDF ``/Lang`` wants."""
    return locale.replace("_", "-")
