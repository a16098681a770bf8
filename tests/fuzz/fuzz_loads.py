"""Fuzz soapnotes.loads with atheris: any bytes, as JSON or TOML, give a note or InvalidRecord.

Run (see docs/fuzzing.md)::

    python tests/fuzz/fuzz_loads.py --make-corpus /tmp/corpus-loads
    python tests/fuzz/fuzz_loads.py /tmp/corpus-loads -max_total_time=180

The first byte of each input picks the format (even: JSON, odd: TOML); the rest is the text.
A note that loads must dump and load back equal. Without atheris, the same check runs under
Hypothesis with many examples (``python tests/fuzz/fuzz_loads.py --hypothesis 100000``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def check(data: bytes) -> None:
    """The property: loads raises nothing but InvalidRecord, and what loads round-trips."""
    import soapnotes

    if not data:
        return
    fmt: Literal["json", "toml"] = "json" if data[0] % 2 == 0 else "toml"
    try:
        note = soapnotes.loads(data[1:], fmt)
    except soapnotes.InvalidRecord:
        return
    assert soapnotes.loads(soapnotes.dumps(note, fmt), fmt) == note


def make_corpus(folder: Path) -> None:
    """Seed inputs: every shipped example, with its format byte in front."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(EXAMPLES.glob("*.*")):
        prefix = b"\x00" if path.suffix == ".json" else b"\x01"
        (folder / path.name).write_bytes(prefix + path.read_bytes())


def main() -> None:
    if sys.argv[1:2] == ["--make-corpus"]:
        make_corpus(Path(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--hypothesis"]:
        from hypothesis import HealthCheck, given, settings
        from hypothesis import strategies as st

        seeds = [b"\x00" + p.read_bytes() for p in EXAMPLES.glob("*.json")]
        inputs = st.binary() | st.sampled_from(seeds).flatmap(
            lambda seed: st.integers(0, len(seed)).flatmap(
                lambda cut: st.binary(max_size=8).map(lambda junk: seed[:cut] + junk)
            )
        )
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
        settings_ = settings(
            max_examples=count,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        given(inputs)(settings_(check))()
        return
    import atheris

    with atheris.instrument_imports():
        import soapnotes  # noqa: F401 - instrumented for coverage feedback
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
