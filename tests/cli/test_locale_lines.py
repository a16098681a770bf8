"""The command line's lines for humans in German and French (issue 17); JSON stays English."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from soapnotes.cli import main
from soapnotes.cli._i18n import VERDICTS
from soapnotes.i18n._catalog import catalog
from soapnotes.lifecycle import _results
from tests.conftest import EXAMPLES_DIR

TIMING = str(EXAMPLES_DIR / "invalid" / "timing.toml")
ARM = str(EXAMPLES_DIR / "lymphedema-left-arm.toml")
SWEDISH = str(EXAMPLES_DIR / "swedish-fibromyalgia.toml")


def test_validate_writes_its_lines_in_the_locale(capsys: pytest.CaptureFixture[str]) -> None:
    """--locale de_AT: German severity words and messages; codes and paths as they are."""
    assert main(["validate", "--locale", "de_AT", TIMING, SWEDISH]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{TIMING}: Fehler SN-TM-004 $.client.consent: "
        "Keine Einwilligung nach Aufklärung dokumentiert"
    )
    assert out[1].startswith(f"{TIMING}: Fehler SN-TM-001 $.session.duration_minutes: Die ")
    assert out[-1] == f"{SWEDISH}: in Ordnung"


def test_validate_in_french_keeps_the_no_break_spaces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """French puts a no-break space before ':' and '%'; it is printed, not escaped."""
    assert main(["validate", "--locale", "fr_FR", ARM]) == 0
    out = capsys.readouterr().out
    assert "excès de volume 377 mL, 20,7\xa0%" in out
    assert "\\xa0" not in out


def test_validate_is_english_by_default_whatever_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No --locale: the English lines scripts read, even with LANG set to German."""
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    monkeypatch.setenv("LC_ALL", "de_AT.UTF-8")
    assert main(["validate", TIMING]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{TIMING}: error SN-TM-004 $.client.consent: No informed consent is on file"


def test_validate_json_stays_english_with_a_locale(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json is machine output: the same English rows whatever --locale says."""
    assert main(["validate", "--format", "json", TIMING]) == 1
    english = capsys.readouterr().out
    assert main(["validate", "--format", "json", "--locale", "fr", TIMING]) == 1
    assert capsys.readouterr().out == english
    assert json.loads(english)[0]["message"] == "No informed consent is on file"


def test_validate_refuses_an_unknown_locale(capsys: pytest.CaptureFixture[str]) -> None:
    """An unsupported locale exits 2 naming the supported ones."""
    assert main(["validate", "--locale", "es_ES", TIMING]) == 2
    assert "en_*, de_*, fr_*" in capsys.readouterr().err


def test_verify_writes_its_verdict_in_the_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify --locale fr: the verdict line in French, the hashes as they are."""
    draft = tmp_path / "note.json"
    shutil.copy(EXAMPLES_DIR / "lymphedema-left-arm.json", draft)
    signed = tmp_path / "signed.json"
    sign = ["--signer", "Maren Albrecht", "--credential", "RMT"]
    assert (
        main(["sign", str(draft), *sign, "--at", "2026-11-20T11:05:00-04:00", "-o", str(signed)])
        == 0
    )
    capsys.readouterr()
    assert main(["verify", str(signed)]) == 0
    english = capsys.readouterr().out
    assert main(["verify", "--locale", "fr", str(signed)]) == 0
    french = capsys.readouterr().out
    assert english.startswith(f"{signed}: ok, intact, not authenticated (content ")
    assert french.startswith(f"{signed}\xa0: conforme, intacte, non authentifiée (contenu ")
    assert english.split("head ")[1] == french.split("tête ")[1]


def test_every_verdict_of_the_lifecycle_is_translated() -> None:
    """The verdicts verify can print are message ids both catalogs translate."""
    verdicts = {
        _results.NOT_VERIFIED,
        _results.INTACT_UNAUTHENTICATED,
        _results.INTACT_SIGNED,
        _results.AUTHENTICATED,
    }
    assert verdicts == set(VERDICTS)
    for language in ("de", "fr"):
        assert all(catalog(language)[v] for v in verdicts)


def test_render_and_progress_status_lines_follow_the_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The success lines of render and progress are in the document's language."""
    out = tmp_path / "notiz.pdf"
    assert main(["render", ARM, "-o", str(out), "--locale", "de_AT"]) == 0
    assert capsys.readouterr().out.strip() == f"{ARM}: {out} erstellt"
    report = tmp_path / "rapport.pdf"
    course = str(EXAMPLES_DIR / "course-left-arm")
    assert main(["progress", course, "-o", str(report), "--locale", "fr"]) == 0
    assert capsys.readouterr().out.strip() == f"{report}\xa0: rapport d'évolution de 13 séances"


def test_letter_is_written_in_the_locale_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``letter --locale`` writes the letter and its success line in that language."""
    from pypdf import PdfReader

    course = str(EXAMPLES_DIR / "course-left-arm")
    letter = tmp_path / "bericht.pdf"
    assert main(["letter", course, "-o", str(letter), "--locale", "de_AT", "--to", "Dr. A"]) == 0
    assert capsys.readouterr().out.strip() == f"{letter}: Therapiebericht über 13 Behandlungen"
    text = "".join(page.extract_text() for page in PdfReader(letter).pages)
    assert catalog("de")["Letter to the referring physician"] in text
    assert "Letter to the referring physician" not in text
    other = ["letter", course, "-o", str(tmp_path / "x.pdf"), "--to", "Dr. A", "--locale", "xx"]
    assert main(other) == 2
