"""Fuzz render_note_bytes with atheris driving Hypothesis: structurally valid notes render.

Run (see docs/fuzzing.md)::

    python tests/fuzz/fuzz_render.py -max_total_time=180

Atheris mutates bytes; Hypothesis's ``fuzz_one_input`` turns them into notes from
``soapnotes.strategies.notes`` with every edge-case option mixed in (any Unicode, long text,
many regions, removed nodes, ...). A note must render to a PDF, twice to the same bytes, with
no exception but the MissingGlyphWarning for characters no font has.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any, cast


def build_test(max_examples: int = 100) -> Any:
    """The property as a Hypothesis test, ``max_examples`` notes when run on its own."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from soapnotes import Note
    from soapnotes import strategies as sst
    from soapnotes.render import MissingGlyphWarning, render_note_bytes

    options = st.fixed_dictionaries(
        {
            name: st.booleans()
            for name in (
                "removed_nodes",
                "cleared_relative",
                "bilateral_edema",
                "many_regions",
                "long_text",
                "any_unicode",
            )
        }
    )

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(options.flatmap(lambda o: sst.notes(**cast(dict[str, Any], o))))
    def renders(note: Note) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MissingGlyphWarning)
            first = render_note_bytes(note)
            assert render_note_bytes(note) == first
        assert first.startswith(b"%PDF-")

    return renders


def main() -> None:
    if sys.argv[1:2] == ["--hypothesis"]:
        # settings go in build_test: a test decorated twice is refused by Hypothesis
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
        build_test(max_examples=count)()
        return
    import atheris

    with atheris.instrument_imports():
        import soapnotes.render  # noqa: F401 - instrumented for coverage feedback
    test = build_test()
    atheris.Setup(sys.argv, test.hypothesis.fuzz_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
