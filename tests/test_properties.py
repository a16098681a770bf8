"""Properties of the whole library over generated notes: round trips, validation, rules.

Each expensive property is written once (``_name``) and run twice: ``test_name`` on a few
examples in every run, ``test_name_thorough`` on many, marked ``slow`` (``pytest -m slow``).
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import re
import string
import warnings
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import soapnotes
from soapnotes import (
    Answer,
    Contraindication,
    InvalidRecord,
    NodeGroup,
    NodeState,
    NodeStatus,
    Note,
    ScreeningAnswer,
    Severity,
    Side,
    validate,
)
from soapnotes import strategies as sst
from soapnotes.strategies import FaultKind, InvalidNoteData

from .conftest import quick, thorough

T = TypeVar("T")

#: Notes with any mix of the edge-case options (text options included).
any_notes = st.fixed_dictionaries(
    {
        "removed_nodes": st.booleans(),
        "cleared_relative": st.booleans(),
        "bilateral_edema": st.booleans(),
        "many_regions": st.booleans(),
        "long_text": st.booleans(),
        "any_unicode": st.booleans(),
    }
).flatmap(lambda options: sst.notes(**cast(dict[str, Any], options)))

#: Anything JSON can hold (TOML-loaded data is a subset, plus dates).
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


# -- round trips --------------------------------------------------------------------------------


def _round_trip_dict_json_toml(note: Note) -> None:
    """dict, JSON and TOML dump then load give an equal note, for every generated note."""
    assert soapnotes.from_dict(soapnotes.to_dict(note)) == note
    assert soapnotes.loads(soapnotes.dumps(note, "json"), "json") == note
    assert soapnotes.loads(soapnotes.dumps(note, "toml"), "toml") == note


@quick(25)
@given(any_notes)
def test_round_trip_dict_json_toml(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _round_trip_dict_json_toml(note)


@pytest.mark.slow
@thorough()
@given(any_notes)
def test_round_trip_dict_json_toml_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _round_trip_dict_json_toml(note)


def _json_dump_is_stable(note: Note) -> None:
    """Dumping the loaded note again gives the same text (a fixed point after one trip)."""
    text = soapnotes.dumps(note, "json")
    assert soapnotes.dumps(soapnotes.loads(text), "json") == text


@quick(25)
@given(any_notes)
def test_json_dump_is_stable(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _json_dump_is_stable(note)


@pytest.mark.slow
@thorough()
@given(any_notes)
def test_json_dump_is_stable_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _json_dump_is_stable(note)


# -- validation ---------------------------------------------------------------------------------


def _generated_notes_have_no_errors(note: Note) -> None:
    """Every generated note, whatever the options, passes the clinical rules without error."""
    assert [str(f) for f in validate(note) if f.severity is Severity.ERROR] == []


@quick(30)
@given(any_notes)
def test_generated_notes_have_no_errors(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _generated_notes_have_no_errors(note)


@pytest.mark.slow
@thorough()
@given(any_notes)
def test_generated_notes_have_no_errors_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _generated_notes_have_no_errors(note)


def _every_injected_fault_is_reported_at_its_path(bad: InvalidNoteData) -> None:
    """Each injected fault is reported with its $.path, and nothing else is reported."""
    with pytest.raises(InvalidRecord) as info:
        soapnotes.from_dict(bad.data)
    reported = {p.path: p.message for p in info.value.problems}
    assert set(reported) == bad.paths
    for fault in bad.faults:
        message = reported[fault.path]
        if fault.kind is FaultKind.MISSING_KEY:
            assert message == "is required but missing"
        elif fault.kind is FaultKind.UNKNOWN_KEY:
            assert message.startswith("is not a field of")
        elif fault.kind is FaultKind.NAIVE_DATETIME:
            assert message.startswith("has no UTC offset")
        elif fault.kind is FaultKind.BAD_ENUM:
            assert message.startswith(("is not a known value", "must be one of"))


@quick(30)
@given(sst.invalid_note_data())
def test_every_injected_fault_is_reported_at_its_path(bad: InvalidNoteData) -> None:
    """The property above on a few examples, in every run."""
    _every_injected_fault_is_reported_at_its_path(bad)


@pytest.mark.slow
@thorough()
@given(sst.invalid_note_data())
def test_every_injected_fault_is_reported_at_its_path_thorough(bad: InvalidNoteData) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _every_injected_fault_is_reported_at_its_path(bad)


def _faults_are_reported_the_same_through_json_text(bad: InvalidNoteData) -> None:
    """The injected data is plain JSON: loading its text reports the same paths."""
    with pytest.raises(InvalidRecord) as info:
        soapnotes.loads(json.dumps(bad.data))
    assert {p.path for p in info.value.problems} == bad.paths


@quick(30)
@given(sst.invalid_note_data())
def test_faults_are_reported_the_same_through_json_text(bad: InvalidNoteData) -> None:
    """The property above on a few examples, in every run."""
    _faults_are_reported_the_same_through_json_text(bad)


@pytest.mark.slow
@thorough()
@given(sst.invalid_note_data())
def test_faults_are_reported_the_same_through_json_text_thorough(bad: InvalidNoteData) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _faults_are_reported_the_same_through_json_text(bad)


@given(json_values)
def test_loading_any_json_like_value_raises_only_invalid_record(value: object) -> None:
    """from_dict on arbitrary nested JSON-like data returns a note or raises InvalidRecord."""
    with contextlib.suppress(InvalidRecord):
        soapnotes.from_dict(value)


def _grafting_any_json_into_a_note_raises_only_invalid_record(
    note: Note, data: st.DataObject
) -> None:
    """A valid note with any subtree replaced by arbitrary JSON loads or raises InvalidRecord."""
    tree = soapnotes.to_dict(note)
    node: Any = tree
    while isinstance(node, (dict, list)) and node:
        key = data.draw(
            st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
        )
        if not isinstance(node[key], (dict, list)) or data.draw(st.booleans()):
            node[key] = data.draw(json_values)
            break
        node = node[key]
    with contextlib.suppress(InvalidRecord):
        soapnotes.from_dict(tree)


@quick(30)
@given(sst.notes(), st.data())
def test_grafting_any_json_into_a_note_raises_only_invalid_record(
    note: Note, data: st.DataObject
) -> None:
    """The property above on a few examples, in every run."""
    _grafting_any_json_into_a_note_raises_only_invalid_record(note, data)


@pytest.mark.slow
@thorough()
@given(sst.notes(), st.data())
def test_grafting_any_json_into_a_note_raises_only_invalid_record_thorough(
    note: Note, data: st.DataObject
) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _grafting_any_json_into_a_note_raises_only_invalid_record(note, data)


@given(st.text() | st.binary(), st.sampled_from(["json", "toml"]))
def test_loads_any_text_raises_only_invalid_record(text: str | bytes, fmt: str) -> None:
    """loads on any text or bytes, as JSON or TOML, raises nothing but InvalidRecord."""
    with contextlib.suppress(InvalidRecord):
        soapnotes.loads(text, fmt)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000],
    ids=["lists", "objects"],
)
def test_deeply_nested_json_is_invalid_record(text: str) -> None:
    """JSON nested deeper than the parser can follow is an InvalidRecord, not a crash."""
    with pytest.raises(InvalidRecord):
        soapnotes.loads(text)


@pytest.mark.parametrize(
    "text",
    ["a = " + "[" * 100_000 + "]" * 100_000, "a = " + "{b = " * 50_000 + "1" + "}" * 50_000],
)
def test_deeply_nested_toml_is_invalid_record(text: str) -> None:
    """TOML nested deeper than the parser can follow is an InvalidRecord, not a crash."""
    with pytest.raises(InvalidRecord):
        soapnotes.loads(text, "toml")


def test_huge_integer_where_a_number_belongs_is_invalid_record(lymphedema_note: Note) -> None:
    """An integer too large for a float (JSON allows it) is reported, not an OverflowError."""
    data = soapnotes.to_dict(lymphedema_note)
    data["session"]["objective"]["circumferences"][0]["interval_cm"] = 10**400
    with pytest.raises(InvalidRecord) as info:
        soapnotes.from_dict(data)
    assert [p.path for p in info.value.problems] == [
        "$.session.objective.circumferences[0].interval_cm"
    ]


# -- rules --------------------------------------------------------------------------------------


@st.composite
def flawed_notes(draw: st.DrawFn) -> Note:
    """Valid notes with zero to three clinical flaws, so the rules have something to find."""
    note = draw(
        st.fixed_dictionaries(
            {"removed_nodes": st.booleans(), "cleared_relative": st.booleans()}
        ).flatmap(lambda o: sst.notes(**cast(dict[str, Any], o)))
    )
    client, session = note.client, note.session
    flaws = draw(st.lists(st.integers(0, 5), max_size=3, unique=True))
    if 0 in flaws:  # a node group the treatment drains to is removed after all
        taken = {(s.group, s.side) for s in client.node_status}
        targets = [
            r.drains_to
            for r in session.treatment
            if r.drains_to is not None and (r.drains_to.group, r.drains_to.side) not in taken
        ]
        if targets:
            target = draw(st.sampled_from(targets))
            status = NodeStatus(group=target.group, side=target.side, state=NodeState.REMOVED)
            client = attrs.evolve(client, node_status=(*client.node_status, status))
    if 1 in flaws:
        client = attrs.evolve(client, consent=None)
    if 2 in flaws and client.screening is not None:  # a relative contraindication, uncleared
        answers = [
            a for a in client.screening.answers if a.question is not Contraindication.ASTHMA
        ]
        answers.append(ScreeningAnswer(question=Contraindication.ASTHMA, answer=Answer.YES))
        client = attrs.evolve(client, screening=attrs.evolve(client.screening, answers=answers))
    if 3 in flaws:
        session = attrs.evolve(session, treatment=session.treatment[::-1])
    if 4 in flaws:
        session = attrs.evolve(session, duration_minutes=max(1, session.duration_minutes // 3))
    if 5 in flaws and session.treatment:
        session = attrs.evolve(session, treatment=session.treatment * 2)
        session = attrs.evolve(session, duration_minutes=min(480, session.duration_minutes))
    return attrs.evolve(note, client=client, session=session)


def _verdict(note: Note) -> collections.Counter[tuple[str, Severity]]:
    return collections.Counter((f.code, f.severity) for f in validate(note))


def _shuffle_keys(value: Any, data: st.DataObject) -> Any:
    if isinstance(value, dict):
        keys = data.draw(st.permutations(list(value)))
        return {k: _shuffle_keys(value[k], data) for k in keys}
    if isinstance(value, list):
        return [_shuffle_keys(v, data) for v in value]
    return value


def _rules_do_not_depend_on_key_order(note: Note, data: st.DataObject) -> None:
    """Loading the same note from JSON with keys in any order gives the same findings."""
    shuffled = _shuffle_keys(soapnotes.to_dict(note), data)
    again = soapnotes.from_dict(shuffled)
    assert again == note
    assert validate(again) == validate(note)


@quick(25)
@given(flawed_notes(), st.data())
def test_rules_do_not_depend_on_key_order(note: Note, data: st.DataObject) -> None:
    """The property above on a few examples, in every run."""
    _rules_do_not_depend_on_key_order(note, data)


@pytest.mark.slow
@thorough()
@given(flawed_notes(), st.data())
def test_rules_do_not_depend_on_key_order_thorough(note: Note, data: st.DataObject) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _rules_do_not_depend_on_key_order(note, data)


def _rules_do_not_depend_on_order_of_unrelated_lists(note: Note, data: st.DataObject) -> None:
    """Reordering conditions, node status, screening answers and measurements changes no verdict.

    Only the treatment's order means something clinically; every other list is a set.
    """
    client = note.client
    objective = note.session.objective

    def perm(items: tuple[T, ...]) -> tuple[T, ...]:
        return tuple(data.draw(st.permutations(items)))

    if client.screening is not None:
        client = attrs.evolve(
            client,
            screening=attrs.evolve(client.screening, answers=perm(client.screening.answers)),
        )
    client = attrs.evolve(
        client, conditions=perm(client.conditions), node_status=perm(client.node_status)
    )
    objective = attrs.evolve(
        objective,
        circumferences=perm(objective.circumferences),
        stemmer=perm(objective.stemmer),
        pitting=perm(objective.pitting),
    )
    session = attrs.evolve(note.session, objective=objective)
    reordered = attrs.evolve(note, client=client, session=session)
    assert _verdict(reordered) == _verdict(note)


@quick(25)
@given(flawed_notes(), st.data())
def test_rules_do_not_depend_on_order_of_unrelated_lists(note: Note, data: st.DataObject) -> None:
    """The property above on a few examples, in every run."""
    _rules_do_not_depend_on_order_of_unrelated_lists(note, data)


@pytest.mark.slow
@thorough()
@given(flawed_notes(), st.data())
def test_rules_do_not_depend_on_order_of_unrelated_lists_thorough(
    note: Note, data: st.DataObject
) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _rules_do_not_depend_on_order_of_unrelated_lists(note, data)


def _drainage_errors(note: Note) -> set[str]:
    return {f.path for f in validate(note) if f.code == "SN-DR-001"}


def _removing_a_removed_node_flag_never_adds_a_drainage_error(
    note: Note, data: st.DataObject
) -> None:
    """Marking a node group working again can only remove drainage errors, never add one."""
    statuses = note.client.node_status
    if not statuses:
        extra = NodeStatus(
            group=data.draw(st.sampled_from([NodeGroup.AXILLARY, NodeGroup.INGUINAL])),
            side=data.draw(st.sampled_from(Side)),
            state=NodeState.REMOVED,
        )
        statuses = (extra,)
        note = attrs.evolve(note, client=attrs.evolve(note.client, node_status=statuses))
    index = data.draw(st.integers(0, len(statuses) - 1))
    fewer = statuses[:index] + statuses[index + 1 :]
    lighter = attrs.evolve(note, client=attrs.evolve(note.client, node_status=fewer))
    assert _drainage_errors(lighter) <= _drainage_errors(note)


@quick(25)
@given(flawed_notes(), st.data())
def test_removing_a_removed_node_flag_never_adds_a_drainage_error(
    note: Note, data: st.DataObject
) -> None:
    """The property above on a few examples, in every run."""
    _removing_a_removed_node_flag_never_adds_a_drainage_error(note, data)


@pytest.mark.slow
@thorough()
@given(flawed_notes(), st.data())
def test_removing_a_removed_node_flag_never_adds_a_drainage_error_thorough(
    note: Note, data: st.DataObject
) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _removing_a_removed_node_flag_never_adds_a_drainage_error(note, data)


def test_flawed_notes_do_find_errors() -> None:
    """The flaws used above are real: a flawed note has errors, so the properties bite."""
    from hypothesis import find

    find(
        flawed_notes(),
        lambda n: {f.code for f in validate(n)} >= {"SN-DR-001", "SN-TM-004"},
        settings=settings(database=None, phases=[Phase.generate], max_examples=1000),
    )


# -- rendering ----------------------------------------------------------------------------------

render = pytest.importorskip("soapnotes.render")
IPA_GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")


def _render_options() -> Any:
    """Default options, plus IPA Gothic for CJK names where the machine has it (CI does)."""
    from soapnotes.render.fonts import FallbackFont, FontSet

    if IPA_GOTHIC.is_file():
        fonts = FontSet(fallbacks=(FallbackFont(source=str(IPA_GOTHIC)),))
        return render.RenderOptions(fonts=fonts)
    return render.RenderOptions()


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _every_note_renders_deterministically(note: Note) -> None:
    """Every generated note renders, and rendering it twice gives the same bytes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", render.MissingGlyphWarning)
        first = render.render_note_bytes(note)
        assert render.render_note_bytes(note) == first
    assert first.startswith(b"%PDF-")


@quick(8)
@given(any_notes)
def test_every_note_renders_deterministically(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _every_note_renders_deterministically(note)


@pytest.mark.slow
@thorough()
@given(any_notes)
def test_every_note_renders_deterministically_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _every_note_renders_deterministically(note)


def _text_layer_has_client_name_and_every_region(note: Note) -> None:
    """The PDF's text layer holds the client's name and the name of every treated region."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", render.MissingGlyphWarning)
        text = _pdf_text(render.render_note_bytes(note, options=_render_options()))
    if not caught:  # a name no installed font covers is drawn as U+FFFD, by design
        assert _squash(note.client.full_name) in text
    for treated in note.session.treatment:
        assert _squash(treated.region.label) in text or _squash(treated.label) in text


@quick(8)
@given(sst.notes())
def test_text_layer_has_client_name_and_every_region(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _text_layer_has_client_name_and_every_region(note)


@pytest.mark.slow
@thorough()
@given(sst.notes())
def test_text_layer_has_client_name_and_every_region_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _text_layer_has_client_name_and_every_region(note)


_PRINTABLE = st.text(
    st.sampled_from(string.ascii_letters + string.digits + string.punctuation),
    min_size=1,
    max_size=30,
)


def _free_text_appears_literally(note: Note, text: str) -> None:
    """Any text in every free-text field is printed as typed (markup stays text)."""
    s = note.session
    treatment = s.treatment
    if treatment:
        treatment = (attrs.evolve(treatment[0], technique=text, notes=text), *treatment[1:])
    session = attrs.evolve(
        s,
        subjective=attrs.evolve(s.subjective, chief_complaint=text, notes=text),
        objective=attrs.evolve(s.objective, observations=text),
        treatment=treatment,
        assessment=attrs.evolve(s.assessment, summary=text, goals_progress=text),
        plan=attrs.evolve(s.plan, notes=text),
    )
    practice = attrs.evolve(note.practice, name=text)
    marked = attrs.evolve(note, practice=practice, session=session)
    with warnings.catch_warnings():  # names no font covers are not what this checks
        warnings.simplefilter("ignore", render.MissingGlyphWarning)
        printed = _pdf_text(render.render_note_bytes(marked))
    fields = 7 + (2 if treatment else 0)
    assert printed.count(_squash(text)) >= fields


@quick(8)
@given(sst.notes(signed=False), _PRINTABLE)
def test_free_text_appears_literally(note: Note, text: str) -> None:
    """The property above on a few examples, in every run."""
    _free_text_appears_literally(note, text)


@pytest.mark.slow
@thorough()
@given(sst.notes(signed=False), _PRINTABLE)
def test_free_text_appears_literally_thorough(note: Note, text: str) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _free_text_appears_literally(note, text)
