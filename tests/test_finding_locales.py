"""Finding messages in German and French (issue 17): every rule's message is a catalog
template with typed parameters, written in the requested locale."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import soapnotes
from soapnotes import strategies as sst
from soapnotes.findings import Finding, FindingParam
from soapnotes.i18n import format_finding
from soapnotes.i18n._catalog import catalog
from soapnotes.i18n._messages import english_messages, placeholders
from soapnotes.models.note import Note
from soapnotes.models.vocabulary import Answer
from soapnotes.rules import RuleOptions, validate
from tests.rules.helpers import NOW, check_localised

RULES = Path(__file__).resolve().parent.parent / "soapnotes" / "rules"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _at_calls() -> list[tuple[str, ast.Call]]:
    """Every ``CODE.at(...)`` call of the rules, with its file:line."""
    out = []
    for path in sorted(RULES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "at"
            ):
                out.append((f"{path.name}:{node.lineno}", node))
    return out


def _literals(node: ast.expr) -> list[str] | None:
    """The message texts an argument can be: a literal, or a choice of two literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def test_every_rule_message_is_a_literal_template_with_its_parameters() -> None:
    """Each CODE.at call names its message literally (so the catalogs list it) and passes a
    parameter for each placeholder: every finding a rule can make is in the catalogs."""
    calls = _at_calls()
    assert len(calls) > 80
    known = set(english_messages())
    wrong = []
    for place, call in calls:
        texts = _literals(call.args[1]) if len(call.args) >= 2 else None
        names = {k.arg for k in call.keywords if k.arg is not None}
        spread = any(k.arg is None for k in call.keywords)  # **params: checked at run time
        if texts is None:
            wrong.append((place, "message is not a literal"))
            continue
        for text in texts:
            if text not in known:
                wrong.append((place, "not in the catalogs"))
            if not spread and not placeholders(text) <= names:
                wrong.append((place, f"missing {placeholders(text) - names}"))
    assert wrong == []


@pytest.mark.parametrize("language", ["de", "fr"])
def test_every_rule_message_is_translated(language: str) -> None:
    """The German and French catalogs translate every rule message, same placeholders."""
    translations = catalog(language)
    for _, call in _at_calls():
        for text in _literals(call.args[1]) or []:
            assert placeholders(translations[text]) == placeholders(text), text


def _example_findings() -> list[Finding]:
    found: list[Finding] = []
    for path in sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES / "invalid").glob("*.toml")):
        found += validate(soapnotes.load(path), RuleOptions(now=NOW))
    return found


def test_every_example_finding_is_written_in_german_and_french() -> None:
    """The findings of every example (the invalid ones break rules of every family) come
    out translated, their English message unchanged."""
    findings = _example_findings()
    assert len({f.code for f in findings}) > 25
    for finding in findings:
        check_localised(finding)


@st.composite
def _broken_notes(draw: st.DrawFn) -> Note:
    """A valid note from the strategies, then broken the ways a careless note is: the
    treatment reversed, the session cut short, screening answers changed at random."""
    note = draw(sst.notes(removed_nodes=draw(st.booleans()), many_regions=True))
    session = note.session
    if draw(st.booleans()):
        session = attrs.evolve(session, treatment=session.treatment[::-1])
    if draw(st.booleans()):
        session = attrs.evolve(session, duration_minutes=max(1, session.duration_minutes // 3))
    client = note.client
    if client.screening is not None and draw(st.booleans()):
        answers = [
            attrs.evolve(a, answer=draw(st.sampled_from(list(Answer))))
            for a in client.screening.answers
        ]
        screening = attrs.evolve(client.screening, answers=answers)
        client = attrs.evolve(client, screening=screening)
    return attrs.evolve(note, client=client, session=session)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_broken_notes())
def test_findings_of_generated_notes_are_written_in_every_locale(note: Note) -> None:
    """Whatever the rules find in a generated note, German and French word it whole."""
    for finding in validate(note, RuleOptions(now=NOW)):
        check_localised(finding)


def test_vocabulary_numbers_and_dates_in_a_finding_follow_the_locale() -> None:
    """Regions and node groups are translated terms; dates and numbers CLDR's."""
    note = soapnotes.load(EXAMPLES / "invalid" / "drainage.toml")
    finding = next(f for f in validate(note, RuleOptions(now=NOW)) if f.code == "SN-DR-001")
    german, french = format_finding(finding, "de_AT"), format_finding(finding, "fr_FR")
    assert german.startswith("Oberarm links wird zu „Axilläre Lymphknoten links“ drainiert")
    assert "umleiten: axilläre Lymphknoten rechts, inguinale Lymphknoten links" in german
    assert french.startswith("Bras (segment brachial), côté gauche\xa0: drainage vers")
    assert "«\xa0ganglions axillaires gauches\xa0»" in french
    dated = Finding(
        code="SN-DT-001",
        severity=soapnotes.Severity.ERROR,
        path="$.x",
        message="Dated 20 Nov 2026, after the session on 2 Jan 2026",
        message_id="dated {on}, after the session on {day}",
        params=(
            FindingParam(name="on", kind="date", value="2026-11-20"),
            FindingParam(name="day", kind="date", value="2026-01-02"),
        ),
    )
    assert format_finding(dated, "en") == dated.message
    assert (
        format_finding(dated, "de_AT")
        == "Datiert 20. Nov. 2026, nach der Behandlung am 2. Jän. 2026"
    )
    assert (
        format_finding(dated, "fr_FR") == "Daté du 20 nov. 2026, après la séance du 2 janv. 2026"
    )
    share = FindingParam(name="share", kind="number", value=2204.5, spec=".1f")
    measured = attrs.evolve(dated, message_id="{share}", params=(share,))
    assert format_finding(measured, "en") == "2204.5"
    assert format_finding(measured, "de_DE") == "2.204,5"


def test_a_finding_made_by_hand_keeps_its_message() -> None:
    """A Finding built without a template is its message in every locale."""
    finding = Finding(
        code="SN-XX-001", severity=soapnotes.Severity.INFO, path="$", message="Just this"
    )
    assert finding.message_id == "Just this"
    assert finding.params == ()
    assert format_finding(finding, "de") == "Just this"


def test_the_json_form_rebuilds_the_finding() -> None:
    """to_dict carries message_id and typed params: a clinic system rebuilds the finding
    from JSON (Finding.from_dict) and writes it in another locale; an older row without
    them is its message."""
    for finding in _example_findings():
        rebuilt = Finding.from_dict(json.loads(json.dumps(finding.to_dict())))
        assert rebuilt == finding
        assert format_finding(rebuilt, "fr") == format_finding(finding, "fr")
    old = Finding.from_dict(
        {"code": "SN-TM-004", "severity": "error", "path": "$", "message": "M"}
    )
    assert old.message_id == "M"
    assert old.params == ()


def test_finding_messages_stay_english_inside_a_render_call() -> None:
    """Validation inside a German render call still gives English messages."""
    from soapnotes.i18n import using_locale

    note = soapnotes.load(EXAMPLES / "invalid" / "timing.toml")
    english = [f.message for f in validate(note, RuleOptions(now=NOW))]
    with using_locale("de_AT"):
        assert [f.message for f in validate(note, RuleOptions(now=NOW))] == english


def test_format_finding_refuses_an_unknown_locale() -> None:
    """An unsupported locale is the usual UsageError."""
    finding = _example_findings()[0]
    with pytest.raises(soapnotes.errors.UsageError, match="unsupported locale"):
        format_finding(finding, "es_ES")
