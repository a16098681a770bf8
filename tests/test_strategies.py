"""The public strategies: every record has one, notes are clinically valid, options deliver.

Each property that draws whole notes is written once (``_name``) and run twice: ``test_name``
on a few examples in every run, ``test_name_thorough`` on many, marked ``slow``.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any, cast

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import soapnotes
from soapnotes import (
    Answer,
    ContraindicationClass,
    Laterality,
    Limb,
    Modality,
    NodeGroup,
    NodeState,
    Note,
    Severity,
    validate,
)
from soapnotes import strategies as sst
from soapnotes.errors import UsageError
from soapnotes.models import anatomy

from .conftest import quick, thorough

RECORDS = [
    getattr(soapnotes, name)
    for name in soapnotes.models.__all__
    if attrs.has(getattr(soapnotes.models, name))
]

FACTORIES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    soapnotes.Practice: sst.practices,
    soapnotes.Therapist: sst.therapists,
    soapnotes.Client: sst.clients,
    soapnotes.Condition: sst.conditions,
    soapnotes.NodeStatus: sst.node_statuses,
    soapnotes.Screening: sst.screenings,
    soapnotes.ScreeningAnswer: sst.screening_answers,
    soapnotes.Clearance: sst.clearances,
    soapnotes.Consent: sst.consents,
    soapnotes.Session: sst.sessions,
    soapnotes.Subjective: sst.subjectives,
    soapnotes.Objective: sst.objectives,
    soapnotes.Assessment: sst.assessments,
    soapnotes.Plan: sst.plans,
    soapnotes.TreatedRegion: sst.treated_regions,
    soapnotes.CircumferenceSeries: sst.circumference_series,
    soapnotes.Note: sst.notes,
}


#: Notes with any mix of the clinical edge-case options.
edge_case_notes = st.fixed_dictionaries(
    {
        "removed_nodes": st.booleans(),
        "cleared_relative": st.booleans(),
        "bilateral_edema": st.booleans(),
        "many_regions": st.booleans(),
    }
).flatmap(lambda options: sst.notes(**cast(dict[str, Any], options)))


def _errors(note: Note) -> list[str]:
    return [str(f) for f in validate(note) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("record", list(FACTORIES), ids=lambda r: r.__name__)
@settings(max_examples=5)
@given(data=st.data())
def test_each_factory_draws_its_record(record: type, data: st.DataObject) -> None:
    """Every public record the issue names has a factory drawing instances of it."""
    assert isinstance(data.draw(FACTORIES[record]()), record)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
@settings(max_examples=5)
@given(data=st.data())
def test_from_type_gives_every_record(record: type, data: st.DataObject) -> None:
    """st.from_type knows every record class once soapnotes.strategies is imported."""
    assert isinstance(data.draw(st.from_type(record)), record)


def test_strategies_lists_every_public_name() -> None:
    """soapnotes.strategies re-exports exactly its __all__, and nothing from it is in soapnotes."""
    public = {n for n in dir(sst) if not n.startswith("_") and n != "annotations"}
    assert public - {"hypothesis"} == set(sst.__all__)
    assert not set(sst.__all__) & set(soapnotes.__all__)


def _default_notes_have_no_error_or_warning(note: Note) -> None:
    """A default note is one a supervisor signs: validate() finds no error and no warning."""
    assert [str(f) for f in validate(note) if f.severity is not Severity.INFO] == []


@quick(20)
@given(sst.notes())
def test_default_notes_have_no_error_or_warning(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _default_notes_have_no_error_or_warning(note)


@pytest.mark.slow
@thorough()
@given(sst.notes())
def test_default_notes_have_no_error_or_warning_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _default_notes_have_no_error_or_warning(note)


def _notes_with_edge_cases_have_no_error(note: Note) -> None:
    """The edge-case options still give clinically valid notes."""
    assert _errors(note) == []


@quick(20)
@given(edge_case_notes)
def test_notes_with_edge_cases_have_no_error(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _notes_with_edge_cases_have_no_error(note)


@pytest.mark.slow
@thorough()
@given(edge_case_notes)
def test_notes_with_edge_cases_have_no_error_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _notes_with_edge_cases_have_no_error(note)


def _removed_nodes_option(note: Note) -> None:
    """removed_nodes: some node group is not working, and the treatment drains around it."""
    assert any(status.state is not NodeState.WORKING for status in note.client.node_status)
    assert _errors(note) == []


@quick(20)
@given(sst.notes(removed_nodes=True))
def test_removed_nodes_option(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _removed_nodes_option(note)


@pytest.mark.slow
@thorough()
@given(sst.notes(removed_nodes=True))
def test_removed_nodes_option_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _removed_nodes_option(note)


def _cleared_relative_option(note: Note) -> None:
    """cleared_relative: a relative contraindication is yes, with a clearance."""
    assert note.client.screening is not None
    assert any(
        a.answer is Answer.YES
        and a.question.contraindication_class is ContraindicationClass.RELATIVE
        and a.clearance is not None
        for a in note.client.screening.answers
    )


@quick(20)
@given(sst.notes(cleared_relative=True))
def test_cleared_relative_option(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _cleared_relative_option(note)


@pytest.mark.slow
@thorough()
@given(sst.notes(cleared_relative=True))
def test_cleared_relative_option_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _cleared_relative_option(note)


def _bilateral_edema_option(note: Note) -> None:
    """bilateral_edema: a limb condition on both sides."""
    assert any(c.side is Laterality.BILATERAL for c in note.client.conditions)


@quick(20)
@given(sst.notes(bilateral_edema=True))
def test_bilateral_edema_option(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _bilateral_edema_option(note)


@pytest.mark.slow
@thorough()
@given(sst.notes(bilateral_edema=True))
def test_bilateral_edema_option_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _bilateral_edema_option(note)


def _many_regions_option(note: Note) -> None:
    """many_regions: an MLD session with at least ten regions, in the right order."""
    assert note.session.modality is Modality.MANUAL_LYMPHATIC_DRAINAGE
    assert len(note.session.treatment) >= 10
    assert _errors(note) == []


@quick(20)
@given(sst.notes(many_regions=True))
def test_many_regions_option(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _many_regions_option(note)


@pytest.mark.slow
@thorough()
@given(sst.notes(many_regions=True))
def test_many_regions_option_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _many_regions_option(note)


#: For "some drawn value has this": stop at the first one found (shrinking it only costs time).
_EXISTS = settings(max_examples=1000, database=None, phases=[Phase.generate])


def test_long_text_option() -> None:
    """long_text: free text can be thousands of characters long."""
    find(sst.assessments(long_text=True), lambda a: len(a.summary) >= 1000, settings=_EXISTS)


def test_any_unicode_option() -> None:
    """any_unicode: text reaches outside the Basic Multilingual Plane and holds control codes."""
    find(
        sst.assessments(any_unicode=True),
        lambda a: any(ord(ch) > 0xFFFF for ch in a.summary),
        settings=_EXISTS,
    )
    find(
        sst.assessments(any_unicode=True),
        lambda a: any(ord(ch) < 0x20 and ch != "\n" for ch in a.summary),
        settings=_EXISTS,
    )


def _signed_option(signed: Note, draft: Note) -> None:
    """signed=True gives signed notes only, signed=False drafts only."""
    assert signed.is_signed
    assert not draft.is_signed


@quick(15)
@given(sst.notes(signed=True), sst.notes(signed=False))
def test_signed_option(signed: Note, draft: Note) -> None:
    """The property above on a few examples, in every run."""
    _signed_option(signed, draft)


@pytest.mark.slow
@thorough()
@given(sst.notes(signed=True), sst.notes(signed=False))
def test_signed_option_thorough(signed: Note, draft: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _signed_option(signed, draft)


def _modality_option(note: Note) -> None:
    """modality fixes the massage given; other massages record regions without MLD phases."""
    assert note.session.modality is Modality.SWEDISH
    assert all(r.phase is None and r.drains_to is None for r in note.session.treatment)


@quick(20)
@given(sst.notes(modality=Modality.SWEDISH))
def test_modality_option(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _modality_option(note)


@pytest.mark.slow
@thorough()
@given(sst.notes(modality=Modality.SWEDISH))
def test_modality_option_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _modality_option(note)


def _locally_contraindicated_regions_are_never_treated(note: Note) -> None:
    """A region with a local contraindication answered yes is never in the treatment."""
    screening = note.client.screening
    assert screening is not None
    areas = [ref for a in screening.answers if a.answer is Answer.YES for ref in a.areas]
    for treated in note.session.treatment:
        assert not any(ref.covers(treated.region, treated.side) for ref in areas)


@quick(20)
@given(sst.notes())
def test_locally_contraindicated_regions_are_never_treated(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _locally_contraindicated_regions_are_never_treated(note)


@pytest.mark.slow
@thorough()
@given(sst.notes())
def test_locally_contraindicated_regions_are_never_treated_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _locally_contraindicated_regions_are_never_treated(note)


def test_simplest_note_is_small_and_readable() -> None:
    """The note examples shrink toward is small and reads like a real record."""
    # The first example Hypothesis generates is the simplest one: what shrinking aims for.
    note = find(
        sst.notes(),
        lambda n: True,
        settings=settings(database=None, max_examples=1, phases=[Phase.generate]),
    )
    assert note.client.full_name == "Ann Lee"
    assert note.session.subjective.chief_complaint == "Heaviness in the arm"
    assert note.practice.name == "Harbourside Lymphatic Therapy"
    assert len(note.session.treatment) <= 2
    assert len(soapnotes.dumps(note, "toml").splitlines()) < 100
    assert _errors(note) == []


def test_minimal_invalid_data_is_one_fault() -> None:
    """Invalid data shrinks toward a single fault (the simplest example has one)."""
    bad = find(
        sst.invalid_note_data(),
        lambda d: True,
        settings=settings(database=None, max_examples=1, phases=[Phase.generate]),
    )
    assert len(bad.faults) == 1


def test_options_are_checked() -> None:
    """Nonsense sizes are refused with a message saying what is allowed: a UsageError, which
    is still the ValueError it always was."""
    with pytest.raises(ValueError, match="min_points") as info:
        sst.circumference_series(min_points=1)
    assert isinstance(info.value, UsageError)
    with pytest.raises(ValueError, match="max_faults") as info:
        sst.invalid_note_data(max_faults=0)
    assert isinstance(info.value, UsageError)


@given(sst.treated_regions())
def test_treated_regions_drain_where_anatomy_says(treated: soapnotes.TreatedRegion) -> None:
    """A region with a regional node group drains there (anatomy.home_targets), a node area
    to the group it opens, any other region to the terminus."""
    target = treated.drains_to
    assert target is not None
    home = anatomy.home_targets(treated.region, treated.side)
    if home:
        assert target == home[0]
    else:
        assert anatomy.opens(treated.region, treated.side, target) or (
            target.group is NodeGroup.SUPRACLAVICULAR
        )


def _limbs_drain_along_anatomy(note: Note) -> None:
    """Every limb segment of an MLD treatment drains to one of its anatomy.home_targets that
    works for the client, and that group was opened (anatomy.opens) earlier in the session."""
    client, treatment = note.client, note.session.treatment
    for index, treated in enumerate(treatment):
        target = treated.drains_to
        if treated.region.limb is None or target is None:
            continue
        assert target in anatomy.home_targets(treated.region, treated.side)
        assert client.node_state(target.group, target.side) is NodeState.WORKING
        assert any(anatomy.opens(t.region, t.side, target) for t in treatment[:index])


@quick(20)
@given(sst.notes(removed_nodes=True, modality=Modality.MANUAL_LYMPHATIC_DRAINAGE))
def test_limbs_drain_along_anatomy(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _limbs_drain_along_anatomy(note)


@pytest.mark.slow
@thorough()
@given(sst.notes(removed_nodes=True, modality=Modality.MANUAL_LYMPHATIC_DRAINAGE))
def test_limbs_drain_along_anatomy_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _limbs_drain_along_anatomy(note)


@given(sst.circumference_series(limb=Limb.LEG, min_points=3, max_points=5))
def test_circumference_series_options(series: soapnotes.CircumferenceSeries) -> None:
    """circumference_series honours limb and point counts and starts at the landmark."""
    assert series.limb is Limb.LEG
    assert 3 <= len(series.points) <= 5
    assert series.points[0].distance_cm == 0


@dataclasses.dataclass(frozen=True)
class Visit:
    """A clinic application's own record that holds a soapnotes note."""

    note: Note
    session: soapnotes.Session
    billed: bool


def _builds_infers_valid_records_for_a_callers_class(visit: Visit) -> None:
    """st.builds on a caller's class fills soapnotes-typed fields with valid records."""
    assert _errors(visit.note) == []
    assert visit.session.treatment_minutes <= visit.session.duration_minutes


@quick(15)
@given(st.builds(Visit))
def test_builds_infers_valid_records_for_a_callers_class(visit: Visit) -> None:
    """The property above on a few examples, in every run."""
    _builds_infers_valid_records_for_a_callers_class(visit)


@pytest.mark.slow
@thorough()
@given(st.builds(Visit))
def test_builds_infers_valid_records_for_a_callers_class_thorough(visit: Visit) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _builds_infers_valid_records_for_a_callers_class(visit)


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


def test_missing_hypothesis_names_the_extra() -> None:
    """Without Hypothesis, importing soapnotes.strategies says which extra to install."""
    result = _run(
        "import sys; sys.modules['hypothesis'] = None\n"
        "import soapnotes\n"
        "try:\n    import soapnotes.strategies\n"
        "except ImportError as e:\n    print(e)\n"
    )
    assert "pip install 'soapnotes[strategies]'" in result.stdout, result.stderr


def test_no_plugins_leaves_soapnotes_importable() -> None:
    """HYPOTHESIS_NO_PLUGINS=1: soapnotes and its strategies still import and work."""
    result = _run(
        "import hypothesis, soapnotes, soapnotes.strategies as s\n"
        "print(type(s.notes().example()).__name__)",
        HYPOTHESIS_NO_PLUGINS="1",
    )
    assert result.stdout.strip() == "Note", result.stderr


def _entry_point_installed() -> bool:
    points = importlib.metadata.entry_points(group="hypothesis")
    return any(p.value == "soapnotes._hypothesis_plugin:_hypothesis_setup_hook" for p in points)


@pytest.mark.skipif(not _entry_point_installed(), reason="soapnotes is not installed")
def test_entry_point_registers_on_hypothesis_import() -> None:
    """Installed, importing Hypothesis alone makes from_type(Session) valid, lazily."""
    result = _run(
        "import sys, hypothesis.strategies as st, soapnotes\n"
        "print('soapnotes._strategies' in sys.modules)\n"
        "session = st.from_type(soapnotes.Session).example()\n"
        "print(type(session).__name__)"
    )
    assert result.stdout.split() == ["False", "Session"], result.stderr


_HOOK_PROBE = """
import sys, hypothesis.strategies as st, soapnotes
from soapnotes._hypothesis_plugin import _hypothesis_setup_hook
try:
    st.from_type(soapnotes.Note).example()
    print("drawn")
except Exception as error:
    print(type(error).__name__)
_hypothesis_setup_hook()
_hypothesis_setup_hook()
print("soapnotes._strategies" in sys.modules)
note = st.from_type(soapnotes.Note).example()
errors = [f for f in soapnotes.validate(note) if f.severity is soapnotes.Severity.ERROR]
print(len(errors), note.client.id == note.session.client_id)
print("soapnotes._strategies" in sys.modules)
"""


def test_plugin_hook_registers_valid_records_lazily() -> None:
    """The hook the entry point names turns from_type(Note) from failing into valid notes.

    With the entry point off, inferring a Note fails (client and session drawn apart); after
    the hook (twice: registering again is harmless), from_type(Note) draws a note without
    errors whose session is the client's, and the strategies load only on that first draw.
    """
    result = _run(_HOOK_PROBE, HYPOTHESIS_NO_PLUGINS="1")
    lines = result.stdout.splitlines()
    assert lines[0] != "drawn", result.stderr
    assert lines[1:] == ["False", "0 True", "True"], result.stderr


def _default_text_is_readable(note: Note) -> None:
    """Default text has no control characters other than newlines (any_unicode adds them)."""
    client = note.client
    texts = [client.given_name, client.family_name, note.session.subjective.chief_complaint]
    assert all(ch == "\n" or ord(ch) >= 0x20 for text in texts for ch in text)


@quick(20)
@given(sst.notes())
def test_default_text_is_readable(note: Note) -> None:
    """The property above on a few examples, in every run."""
    _default_text_is_readable(note)


@pytest.mark.slow
@thorough()
@given(sst.notes())
def test_default_text_is_readable_thorough(note: Note) -> None:
    """The property above on many examples (``pytest -m slow``)."""
    _default_text_is_readable(note)
