"""Bring the ``.po`` catalogs up to date with the source: ``python -m soapnotes.i18n._update``.

A developer's tool (it writes into the source tree, never at run time): every message id of
:func:`soapnotes.i18n._messages.english_messages` gets an entry, translations already made
are kept, entries no longer used are dropped. Needs Babel. Then translate the empty
``msgstr`` entries; ``tests/test_locales.py`` fails until every one is translated.
"""

from __future__ import annotations

import datetime as dt
import sys

from soapnotes.i18n._catalog import DOMAIN, message_key, po_path
from soapnotes.i18n._locale import SUPPORTED_LANGUAGES
from soapnotes.i18n._messages import english_messages, source_messages


def update(language: str) -> tuple[int, int]:
    """Rewrite the catalog of ``language``; (messages, still untranslated)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = po_path(language)
    old: dict[str, str] = {}
    if path.exists():
        with path.open("rb") as handle:
            old = {
                message_key(str(m.id), m.context): str(m.string) for m in read_po(handle) if m.id
            }
    places = source_messages()
    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)  # no churn from dates
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project="soapnotes",
        creation_date=fixed,
        revision_date=fixed,
        fuzzy=False,
    )
    for message in english_messages():
        where = [
            (p.rpartition(":")[0], int(p.rpartition(":")[2])) for p in places.get(message, [])
        ]
        context, _, text = message.rpartition("\x04")
        catalog.add(text, old.get(message, ""), locations=where[:3], context=context or None)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=99, omit_header=False, sort_output=True)
    missing = sum(1 for m in catalog if m.id and not m.string)
    return len(catalog), missing  # Babel counts no header entry


def main() -> int:
    """Update every catalog and say how many messages each has left to translate."""
    for language in SUPPORTED_LANGUAGES:
        if language != "en":
            total, missing = update(language)
            sys.stdout.write(f"{language}: {total} messages, {missing} untranslated\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
