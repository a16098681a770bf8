"""Notes in German and French beside English (issue 17): locales, catalogs, formatting."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from soapnotes import _format as fmt
from soapnotes.errors import UsageError
from soapnotes.i18n import gettext, resolve_locale, using_locale
from soapnotes.i18n._catalog import message_key, po_path
from soapnotes.i18n._messages import english_messages, placeholders
from soapnotes.models import Note
from soapnotes.models.vocabulary import Modality, Side
from soapnotes.render import RenderOptions, render_note_bytes
from soapnotes.rules import validate

LANGUAGES = ("de", "fr")


def _catalog(language: str) -> dict[str, str]:
    with po_path(language).open("rb") as handle:
        return {message_key(str(m.id), m.context): str(m.string) for m in read_po(handle) if m.id}


@pytest.mark.parametrize(
    ("tag", "locale"),
    [("en", "en"), ("de_AT", "de_AT"), ("de-at", "de_AT"), ("FR", "fr"), ("fr_CH", "fr_CH")],
)
def test_locales_are_normalised(tag: str, locale: str) -> None:
    """Any en_*, de_*, fr_* tag is accepted, with '-' or '_', in any case."""
    assert resolve_locale(tag) == locale
    assert RenderOptions(locale=tag).locale == locale


@pytest.mark.parametrize("tag", ["es_ES", "xx", "de_AT_x", "", "german"])
def test_an_unknown_locale_is_a_usage_error_listing_the_supported(tag: str) -> None:
    """An unsupported locale names the ones soapnotes writes."""
    with pytest.raises(UsageError, match=r"en_\*, de_\*, fr_\*"):
        RenderOptions(locale=tag)


def test_the_default_is_english_whatever_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """LANG and LC_ALL never choose the language: the caller does."""
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert RenderOptions().locale == "en"
    assert Side.LEFT.label == "Left"
    assert fmt.date(dt.date(2026, 11, 20)) == "20 Nov 2026"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_translates_every_message_with_the_same_placeholders(language: str) -> None:
    """Every message id is in the catalog, translated, with exactly its placeholders."""
    catalog = _catalog(language)
    expected = english_messages()
    assert sorted(catalog) == expected, "run python -m soapnotes.i18n._update"
    untranslated = [m for m in expected if not catalog[m].strip()]
    assert untranslated == []
    wrong = [m for m in expected if placeholders(catalog[m]) != placeholders(m)]
    assert wrong == []


@pytest.mark.parametrize(
    ("locale", "day", "volume", "share", "stamp"),
    [
        ("en", "20 Nov 2026", "2,200 mL", "20.7 %", "20 Nov 2026, 10:00 UTC-04:00"),
        ("de_AT", "20. Nov. 2026", "2.200 mL", "20,7\xa0%", "20. Nov. 2026, 10:00 GMT-04:00"),
        ("de_DE", "20. Nov. 2026", "2.200 mL", "20,7\xa0%", "20. Nov. 2026, 10:00 GMT-04:00"),
        ("fr", "20 nov. 2026", "2\u202f200 mL", "20,7\xa0%", "20 nov. 2026, 10:00 UTC-04:00"),
    ],
)
def test_dates_and_numbers_are_written_the_locales_way(
    locale: str, day: str, volume: str, share: str, stamp: str
) -> None:
    """CLDR dates, thousands, decimals, percent spacing and UTC offsets per locale."""
    when = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    with using_locale(locale):
        assert fmt.date(when.date()) == day
        assert fmt.ml(2200) == volume
        assert fmt.percent(20.7) == share
        assert fmt.datetime(when) == stamp
        assert fmt.signed(-0.04, 1) == fmt.number(0, 1)
    assert fmt.ml(2200) == "2,200 mL"  # and English again outside the block


def test_vocabulary_and_messages_follow_the_active_locale() -> None:
    """Labels and messages are English outside a render call and translated inside."""
    assert Modality.MANUAL_LYMPHATIC_DRAINAGE.label == "Manual lymphatic drainage (MLD)"
    with using_locale("de_AT"):
        assert Modality.MANUAL_LYMPHATIC_DRAINAGE.label == "Manuelle Lymphdrainage (MLD)"
        assert gettext("Page {number} of {total}", number=1, total=3) == "Seite 1 von 3"
    with using_locale("fr_FR"):
        assert Modality.MANUAL_LYMPHATIC_DRAINAGE.label == "Drainage lymphatique manuel (DLM)"
    assert Side.LEFT.label == "Left"


@pytest.mark.parametrize("locale", ["de_AT", "fr_FR"])
def test_a_translated_note_is_byte_identical_and_fully_covered_by_the_fonts(
    lymphedema_note: Note, locale: str
) -> None:
    """Same note, same locale, same bytes; every character of the translation has a glyph."""
    note = lymphedema_note
    options = RenderOptions(locale=locale, strict_fonts=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first = render_note_bytes(note, options=options, findings=validate(note))
    assert first == render_note_bytes(note, options=options, findings=validate(note))
    assert first != render_note_bytes(note, findings=validate(note))


def test_the_pdf_language_follows_the_locale(lymphedema_note: Note) -> None:
    """A German note says /Lang de-AT unless the caller names a language."""
    note = lymphedema_note
    assert b"/Lang (de-AT)" in render_note_bytes(note, options=RenderOptions(locale="de_AT"))
    chosen = RenderOptions(locale="de_AT", language="de-CH")
    assert b"/Lang (de-CH)" in render_note_bytes(note, options=chosen)


def test_mo_files_are_not_committed() -> None:
    """Only the .po sources are in the tree; the wheel build compiles them."""
    repo = Path(__file__).resolve().parent.parent
    ignored = (repo / ".gitignore").read_text("utf-8")
    assert "*.mo" in ignored.splitlines()


def _english_labels() -> list[str]:
    """The English catalog strings a translated page must not show: translated differently,
    without placeholders, at least one word of four letters."""
    catalog = _catalog("de")
    french = _catalog("fr")
    return [
        m
        for m in english_messages()
        if not placeholders(m)
        and catalog[m] != m
        and french[m] != m
        and any(len(word) >= 4 and word.isalpha() for word in m.split())
    ]


def _record_text(note: Note, findings: list[str]) -> str:
    """Every string of the record (the therapist's own words, printed as written) and the
    finding messages, lower case, to tell them from our labels."""
    import soapnotes

    out: list[str] = list(findings)

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(soapnotes.to_dict(note))
    return " ".join(" ".join(out).split()).lower()


_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: Every example: the four shipped notes and the invalid ones, which load but break rules
#: (so that their PDFs print findings of every family, and the draft its marks).
_EVERY_EXAMPLE = sorted(
    [p.relative_to(_EXAMPLES).as_posix() for p in _EXAMPLES.glob("*.toml")]
    + [p.relative_to(_EXAMPLES).as_posix() for p in (_EXAMPLES / "invalid").glob("*.toml")]
)


@pytest.mark.parametrize("locale", ["de_AT", "fr_FR"])
@pytest.mark.parametrize("example", _EVERY_EXAMPLE)
def test_no_english_label_is_left_on_a_translated_page(example: str, locale: str) -> None:
    """Every example in German and French: no English catalog string in the text layer
    (except where the record's own English text says the same words), no English finding
    message and no English draft mark; each finding is printed in the locale."""
    import soapnotes
    from soapnotes.i18n import format_finding
    from soapnotes.models.draft import DRAFT_MARK

    note = soapnotes.load(_EXAMPLES / example)
    findings = validate(note)
    data = render_note_bytes(note, options=RenderOptions(locale=locale), findings=findings)
    reader = PdfReader(io.BytesIO(data))
    page_text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    english = _record_text(note, [])
    # A German word can be spelled as an English label ("Absolute Kontraindikation"): the
    # findings' own translated words are not English left over.
    translated = " ".join(format_finding(f, locale) for f in findings)
    left = [
        m
        for m in _english_labels()
        if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", page_text)
        and m.lower() not in english
        and not re.search(rf"(?<!\w){re.escape(m)}(?!\w)", translated)
    ]
    assert left == []
    assert DRAFT_MARK not in page_text
    for finding in findings:
        assert " ".join(finding.message.split())[:40] not in page_text, finding.code
        assert " ".join(format_finding(finding, locale).split())[:30] in page_text, finding.code


@pytest.mark.parametrize("locale", ["de_AT", "fr_FR"])
def test_the_progress_report_is_translated_too(locale: str) -> None:
    """The example course's report: summary sentences, charts, session table, no English
    catalog string left, and the same bytes twice."""
    import soapnotes
    from soapnotes.render import render_progress_bytes

    course = soapnotes.load_course(
        [Path(__file__).resolve().parent.parent / "examples" / "course-left-arm"]
    )
    options = RenderOptions(locale=locale)
    data = render_progress_bytes(course, options)
    assert data == render_progress_bytes(course, options)
    reader = PdfReader(io.BytesIO(data))
    page_text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    english = " ".join(_record_text(note, []) for note in course.notes)
    left = [
        m
        for m in _english_labels()
        if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", page_text) and m.lower() not in english
    ]
    assert left == []
    summary = {"de_AT": "Zusammenfassung", "fr_FR": "Synthèse"}[locale]
    assert summary in page_text


@pytest.mark.parametrize(
    ("locale", "landmark", "distances"),
    [
        (
            "de_AT",
            "ab Bezugspunkt „Fingerspitze“ statt „Handgelenk“ gemessen",
            "an anderen Messpunkten gemessen (0-40 cm alle 4 cm statt 0, 4, 10,5 cm)",
        ),
        (
            "fr_FR",
            "mesuré à partir du repère «\xa0bout des doigts\xa0» au lieu de «\xa0poignet\xa0»",
            "mesuré à d'autres distances (0-40 cm tous les 4 cm au lieu de 0, 4, 10,5 cm)",
        ),
    ],
)
def test_progress_gap_footnotes_are_translated(locale: str, landmark: str, distances: str) -> None:
    """A session measured at other points than the baseline: the footnote's reason in the
    report's language, its landmarks and numbers too; English as the progress data says."""
    from soapnotes.progress._volumes import GAP_DISTANCES, GAP_LANDMARK, gap_wording

    by_landmark = GAP_LANDMARK.format(landmark="fingertip", baseline="wrist")
    by_distance = GAP_DISTANCES.format(distances="0-40 cm every 4 cm", baseline="0, 4, 10.5 cm")
    assert gap_wording(by_landmark) == by_landmark  # English outside a render call
    with using_locale(locale):
        assert gap_wording(by_landmark) == landmark
        assert gap_wording(by_distance) == distances
        assert gap_wording("not measured") != "not measured"


@pytest.mark.parametrize(("locale", "unit"), [("de_AT", "Std./Tag"), ("fr_FR", "h/jour")])
def test_goal_units_are_translated(lymphedema_note: Note, locale: str, unit: str) -> None:
    """A garment-wear goal's unit reads 'Std./Tag' and 'h/jour', not 'h/day'."""
    data = render_note_bytes(lymphedema_note, options=RenderOptions(locale=locale))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert unit in text
    assert "h/day" not in text


@pytest.mark.parametrize(
    ("locale", "garment", "side"),
    [("de_AT", "Armstrumpf", "Links"), ("fr_FR", "Manchon", "Gauche")],
)
def test_the_garment_side_fits_its_column(
    lymphedema_note: Note, locale: str, garment: str, side: str
) -> None:
    """The garment table's side ("Gauche" broke as "Gauch" / "e") is one word on one line."""
    data = render_note_bytes(lymphedema_note, options=RenderOptions(locale=locale))
    lines = [
        line
        for page in PdfReader(io.BytesIO(data)).pages
        for line in page.extract_text().splitlines()
    ]
    (row,) = [line for line in lines if line.startswith(garment + " ")]
    assert row.split()[1] == side


@pytest.mark.parametrize(
    ("locale", "headline"),
    [
        ("de_AT", "UNTERSCHRIFT NICHT GÜLTIG: der Inhalt wurde nach der Unterschrift geändert"),
        ("fr_FR", "SIGNATURE NON VÉRIFIÉE : le contenu a changé après la signature"),
    ],
)
def test_a_signature_that_does_not_verify_is_headlined_in_the_locale(
    lymphedema_note: Note, locale: str, headline: str
) -> None:
    """A note changed after signing: the warning in the footer and the signature block is
    in the note's language (the mismatch details stay the lifecycle's English). The text
    layer's spaces are compared as plain ones."""
    import attrs

    from soapnotes.lifecycle import sign

    when = dt.datetime(2026, 11, 20, 11, 5, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    signed = sign(lymphedema_note, "Maren Albrecht", "RMT", when)
    changed = attrs.evolve(signed, session=attrs.evolve(signed.session, duration_minutes=61))
    data = render_note_bytes(changed, options=RenderOptions(locale=locale))
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )
    assert headline in text
    assert "SIGNATURE DOES NOT VERIFY" not in text
    english = render_note_bytes(changed)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(english)).pages)
    assert "SIGNATURE DOES NOT VERIFY: the content changed after signing" in text
