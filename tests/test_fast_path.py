"""The fast structuring path and the detailed one accept exactly the same inputs.

Hypothesis mutates the shipped examples (wrong types, booleans and floats for integers,
missing and extra keys, unknown enum values, naive date-times, out-of-range numbers, nested
junk, repeated or removed list items) and feeds each input to both paths.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import soapnotes
from soapnotes import InvalidRecord, Note
from soapnotes.io import _fast
from soapnotes.io._converter import structure_detailed
from soapnotes.io._migrate import upgrade
from soapnotes.models import __all__ as models_all
from soapnotes.models import vocabulary
from tests.conftest import EXAMPLE_NAMES, EXAMPLES_DIR

EXAMPLES = {
    name: soapnotes.to_dict(soapnotes.load(EXAMPLES_DIR / f"{name}.toml"))
    for name in EXAMPLE_NAMES
}
ENUM_VALUES = sorted(
    {
        member.value
        for module in (vocabulary, soapnotes.models)  # the schema-2 enums live with records
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, vocabulary._Vocabulary)
        for member in cls
    }
)
Path = tuple[str | int, ...]


def _paths(value: object, prefix: Path = ()) -> list[Path]:
    """Every place in a nested dict/list, the root excluded."""
    out: list[Path] = []
    items: Any = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        out.append((*prefix, key))
        out.extend(_paths(item, (*prefix, key)))
    return out


def _get(data: Any, path: Path) -> Any:
    for key in path:
        data = data[key]
    return data


junk_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, -1, 1, 3, 4, 10, 11, 24, 50, 200, 300, 480, 481, 2**70]),
    st.integers(-1000, 1000),
    st.sampled_from([0.0, -0.5, 60.0, 1e308, math.inf, -math.inf, math.nan, 22.5]),
    st.floats(-500, 500),
    st.sampled_from(ENUM_VALUES),
    st.sampled_from(
        [
            "",
            "   ",
            "x",
            "OG-077",
            "has space",
            "é" * 65,
            "2026-11-20",
            "2026-02-30",
            "12/04/1968",
            "2026-11-20T10:00:00",
            "2026-11-20T10:00:00Z",
            "2026-11-20 10:00+01:00",
            "2026-11-20T25:00:00+01:00",
            "2026-11-20T10:00:00.1234567+01:00",
            "٢٠٢٦-١١-٢٠",
        ]
    ),
    st.text(max_size=6),
    st.just(dt.date(2026, 11, 20)),
    st.just(dt.datetime(2026, 11, 20, 10)),  # noqa: DTZ001 - a naive one on purpose
    st.just(dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone.utc)),
)
junk = st.recursive(
    junk_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["kind", "side", "x", "minutes", "region"]), inner, max_size=3
        ),
    ),
    max_leaves=6,
)


@st.composite
def mutated_notes(draw: st.DrawFn) -> Any:
    """An example note's dict with one to three mutations, some of which keep it valid."""
    data = copy.deepcopy(EXAMPLES[draw(st.sampled_from(EXAMPLE_NAMES))])
    for _ in range(draw(st.integers(0, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        parent: Any = _get(data, path[:-1])
        key: Any = path[-1]
        action = draw(
            st.sampled_from(["replace", "replace", "replace", "delete", "extra", "dup", "swap"])
        )
        if action == "replace":
            parent[key] = draw(junk)
        elif action == "delete":
            del parent[key]
        elif action == "extra" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["fax", "Kind", "", "notes"]))] = draw(junk)
        elif action == "dup" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif action == "swap" and isinstance(parent, list) and len(parent) > 1:
            parent.reverse()
    return data


def _plain(value: object) -> bool:
    """Only the types JSON parsing produces (the fast path's home ground)."""
    if isinstance(value, dict):
        return type(value) is dict and all(type(k) is str and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return type(value) is list and all(_plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def _detailed(data: object) -> Note | InvalidRecord:
    try:
        note: Note = structure_detailed(data, Note, source=None)
        return note
    except InvalidRecord as error:
        return error


def _check_agreement(data: object) -> None:
    fast = _fast.structurer(Note)
    assert fast is not None
    try:
        fast_result: Note | None = fast(copy.deepcopy(data))
    except Exception:  # any doubt
        fast_result = None
    detailed = _detailed(copy.deepcopy(data))
    if fast_result is not None:
        assert detailed == fast_result, "fast accepted what the detailed path built differently"
    event("fast accepted" if fast_result is not None else "fast doubted")
    event("rejected" if isinstance(detailed, InvalidRecord) else "accepted")
    if isinstance(detailed, InvalidRecord):
        assert fast_result is None
    # from_dict migrates schema-1 data first: it reports what the detailed path finds in the
    # migrated data (a version-1 note is not refused for its schema_version).
    migrated = _detailed(upgrade(copy.deepcopy(data)))
    if isinstance(migrated, InvalidRecord):
        with pytest.raises(InvalidRecord) as info:
            soapnotes.from_dict(data)
        assert info.value.problems == migrated.problems
    else:
        assert soapnotes.from_dict(data) == migrated
    if not isinstance(detailed, InvalidRecord) and _plain(data):
        assert fast_result is not None, "the fast path doubted sound JSON-shaped input"


@given(mutated_notes())
def test_fast_and_detailed_paths_agree_on_mutated_examples(data: Any) -> None:
    """Both paths accept the same inputs with equal records; rejections are detailed."""
    _check_agreement(data)


@settings(max_examples=10)
@given(junk)
def test_fast_and_detailed_paths_agree_on_junk(data: Any) -> None:
    """Arbitrary junk in place of a whole note is rejected by both with detailed problems."""
    _check_agreement(data)


def test_fast_path_builds_every_example(example_name: str) -> None:
    """The shipped examples, as dicts, are built by the fast path itself."""
    fast = _fast.structurer(Note)
    assert fast is not None
    data = EXAMPLES[example_name]
    assert fast(copy.deepcopy(data)) == structure_detailed(data, Note, source=None)


def test_every_record_class_has_a_fast_structurer() -> None:
    """No record falls back to the detailed path for want of a generated structurer."""
    for name in soapnotes.__all__:
        value = getattr(soapnotes, name)
        if isinstance(value, type) and hasattr(value, "__attrs_attrs__") and name in models_all:
            assert _fast.structurer(value) is not None, name


def test_doubted_inputs_are_not_kept_alive() -> None:
    """Input the fast path doubts is freed once loading fails (no traceback keeps it)."""
    import gc
    import weakref

    class Marker:
        pass

    marker = Marker()
    ref = weakref.ref(marker)
    data = soapnotes.to_dict(soapnotes.load(EXAMPLES_DIR / "swedish-fibromyalgia.toml"))
    data["practice"]["name"] = marker
    for _ in range(3):
        with pytest.raises(soapnotes.InvalidRecord):
            soapnotes.from_dict(data)
    del data, marker
    gc.collect()
    assert ref() is None


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "２０２６-11-20", "2026-11-20 ", "20261120", "2026-11-20T00:00", "", 20261120],
)
def test_fast_and_detailed_paths_agree_on_date_strings(value: object) -> None:
    """The fast path reads JSON dates inline: it refuses exactly what the detailed hook
    refuses, with the detailed path's message."""
    data = copy.deepcopy(EXAMPLES["lymphedema-left-leg"])
    data["client"]["intake"]["recorded_on"] = value
    with pytest.raises(InvalidRecord) as info:
        soapnotes.from_dict(data)
    assert [p.path for p in info.value.problems] == ["$.client.intake.recorded_on"]
    fast = _fast.structurer(Note)
    assert fast is not None
    with pytest.raises(Exception):  # noqa: B017, PT011 - any doubt at all
        fast(data)


def test_a_version_1_note_with_a_problem_reports_the_problem_not_its_version() -> None:
    """A schema-1 note is migrated before it is judged: its one problem is reported alone."""
    data = soapnotes.to_dict(soapnotes.load(EXAMPLES_DIR / "swedish-fibromyalgia.toml"))
    data["schema_version"] = 1
    data["practice"] = None
    with pytest.raises(InvalidRecord) as info:
        soapnotes.from_dict(data)
    assert [p.path for p in info.value.problems] == ["$.practice"]
