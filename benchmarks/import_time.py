"""How long ``import soapnotes`` takes over a bare interpreter.

Run from a checkout: ``python benchmarks/import_time.py [--runs 21]``.

Two measures, each in fresh interpreters with bytecode cached (as after ``pip install``;
the cache goes to a temporary folder, so the checkout stays clean):

- ``-X importtime``: the cumulative microseconds of the top-level ``soapnotes`` import, and
  the modules that cost most;
- in process: ``time.perf_counter()`` around ``import soapnotes`` (the import alone, without
  interpreter start-up and shutdown);
- wall clock: ``python -c "import soapnotes"`` against ``python -c "pass"``, which also counts
  the interpreter tearing the imported modules down at exit (about 10 ms here);
- the same for the first record named (``import soapnotes; soapnotes.Note``: attrs and the
  record classes, which ``import soapnotes`` leaves for first use) and for loading a note
  (``soapnotes.load``), so that what moved to first use is seen too.

The target (issue 16) is at most 45 ms wall over a bare interpreter for ``import soapnotes``,
with none of reportlab, hypothesis or the optional libraries imported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "attrs",
    "reportlab",
    "hypothesis",
    "cattrs",
    "tomllib",
    "tomli_w",
    "tempfile",
    "json",
    "typing",
    "cryptography",
    "pyhanko",
    "pikepdf",
    "babel",
    "distributed",
    "jsonschema",
)
_EXAMPLE = ROOT / "examples" / "lipedema-legs.json"


def _env(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    env["PYTHONPATH"] = str(ROOT)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, *args], env=env, capture_output=True, text=True, check=True
    )


def _importtime(env: dict[str, str]) -> tuple[int, list[tuple[int, int, str]]]:
    """Cumulative microseconds of `import soapnotes`, and (self, cumulative, name) rows."""
    err = _run(["-X", "importtime", "-c", "import soapnotes"], env).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(own), int(cumulative), name.rstrip()))
    total = next(c for _, c, name in rows if name.strip() == "soapnotes")
    return total, rows


def _wall(stmt: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    _run(["-c", stmt], env)
    return time.perf_counter() - start


_IN_PROCESS = (
    "import time; t = time.perf_counter(); import soapnotes; "
    "print((time.perf_counter() - t) * 1000)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = _env(cache)
        _run(["-c", "import soapnotes"], env)  # warm the bytecode cache
        loaded = _run(
            ["-c", "import sys, soapnotes; print(' '.join(sorted(sys.modules)))"], env
        ).stdout.split()
        totals = []
        rows: list[tuple[int, int, str]] = []
        for _ in range(args.runs):
            total, rows = _importtime(env)
            totals.append(total / 1000)
        bare = [_wall("pass", env) * 1000 for _ in range(args.runs)]
        full = [_wall("import soapnotes", env) * 1000 for _ in range(args.runs)]
        inside = [float(_run(["-c", _IN_PROCESS], env).stdout) for _ in range(args.runs)]
        record = [_wall("import soapnotes; soapnotes.Note", env) * 1000 for _ in range(args.runs)]
        load = f"import soapnotes; soapnotes.load({str(_EXAMPLE)!r})"
        loaded_note = [_wall(load, env) * 1000 for _ in range(args.runs)]

    print(f"python {sys.version.split()[0]}, {args.runs} runs each, bytecode cached")
    print(
        f"-X importtime, soapnotes cumulative: median {statistics.median(totals):.1f} ms, "
        f"min {min(totals):.1f} ms"
    )
    print(f"in process: median {statistics.median(inside):.1f} ms, min {min(inside):.1f} ms")
    print(
        f"wall: bare {statistics.median(bare):.1f} ms (min {min(bare):.1f}), "
        f"import soapnotes {statistics.median(full):.1f} ms (min {min(full):.1f}); "
        f"over bare: median {statistics.median(full) - statistics.median(bare):.1f} ms, "
        f"min {min(full) - min(bare):.1f} ms"
    )
    for label, times in (("soapnotes.Note", record), ("soapnotes.load(a JSON note)", loaded_note)):
        print(
            f"wall, import soapnotes + {label}: median {statistics.median(times):.1f} ms; "
            f"over bare {statistics.median(times) - statistics.median(bare):.1f} ms"
        )
    heavy = sorted({m.split(".")[0] for m in loaded if m.split(".")[0] in HEAVY})
    print(f"heavy modules loaded by `import soapnotes`: {heavy or 'none'}")
    print("costliest imports of the last run (cumulative ms, self ms):")
    for own, cumulative, name in sorted(rows, key=lambda r: -r[1])[1:13]:
        print(f"  {cumulative / 1000:6.1f} {own / 1000:6.1f}  {name}")


if __name__ == "__main__":
    main()
