"""Reading a language's gettext catalog: the compiled ``.mo`` when it is current, else the
``.po`` source (an editable install or a source checkout, where nothing is compiled)."""

from __future__ import annotations

import functools
import gettext as _gettext
from pathlib import Path

from soapnotes.errors import UsageError

#: Where the catalogs live: ``<lang>/LC_MESSAGES/soapnotes.po`` (and ``.mo`` in a wheel).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "soapnotes"


def po_path(language: str) -> Path:
    """The ``.po`` source of a language's catalog."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=8)
def catalog(language: str) -> dict[str, str]:
    """The translations of ``language``: English message -> translated message.

    Loaded once per process. A ``.mo`` is used when it is at least as new as its ``.po``
    (a wheel ships both); otherwise the ``.po`` is read with Babel, which German and
    French need anyway for dates and numbers. Fuzzy and empty entries are left out, so an
    untranslated message prints in English rather than blank.

    Raises:
        UsageError: Babel is not installed, or the language has no catalog.
    """
    try:
        import babel  # noqa: F401  (dates and numbers in this language need it too)
    except ImportError as exc:
        raise UsageError(
            f"documents in locale {language!r} need Babel: pip install 'soapnotes[locales]'"
        ) from exc
    po = po_path(language)
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            compiled = _gettext.GNUTranslations(handle)
        return {
            key: value
            for key, value in compiled._catalog.items()  # type: ignore[attr-defined]
            if isinstance(key, str) and key and value
        }
    if not po.exists():
        raise UsageError(f"no catalog for language {language!r}")
    return read_po(po)


def read_po(path: Path) -> dict[str, str]:
    """The translated, non-fuzzy messages of a ``.po`` file."""
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as handle:
        source = babel_read_po(handle, domain=DOMAIN)
    return {
        message_key(str(message.id), message.context): str(message.string)
        for message in source
        if message.id and message.string and not message.fuzzy
    }


def message_key(message: str, context: str | None) -> str:
    """The catalog key of a message: gettext's ``context + "\x04" + message`` in a context."""
    return message if context is None else f"{context}\x04{message}"
