"""What `import soapnotes` leaves unloaded until it is needed (import cost, issues 8 and 16)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: Libraries `import soapnotes` must not load: rendering, strategies, the converter, TOML,
#: temporary files and JSON all wait for first use.
LAZY = ("reportlab", "hypothesis", "cattrs", "tomllib", "tomli", "tomli_w", "tempfile", "json")
#: And soapnotes's own heavier parts: the rules engine, io's detailed path, everything else.
LAZY_OWN = (
    "soapnotes.rules",
    "soapnotes.io",
    "soapnotes.lifecycle",
    "soapnotes.progress",
    "soapnotes.render",
    "soapnotes.strategies",
    "soapnotes.findings",
)


_PROBE = """
import sys
exec(sys.argv[1])
loaded = set(sys.modules)  # before the probe itself imports json
import json
print(json.dumps([
    sorted({m.split(".")[0] for m in loaded} & set(json.loads(sys.argv[2]))),
    sorted(loaded & set(json.loads(sys.argv[3]))),
]))
"""


def _loaded_after(code: str) -> tuple[list[str], list[str]]:
    """(the LAZY libraries, the LAZY_OWN modules) loaded after running ``code``."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, code, json.dumps(LAZY), json.dumps(LAZY_OWN)],
        capture_output=True,
        text=True,
        check=True,
    )
    libraries, modules = json.loads(result.stdout)
    return libraries, modules


def test_import_loads_the_records_only() -> None:
    """`import soapnotes` loads no rendering, strategies, cattrs, TOML, tempfile or JSON, and
    none of the rules engine, io, lifecycle, progress or rendering modules of its own."""
    assert _loaded_after("import soapnotes") == ([], [])


def test_loading_sound_json_needs_no_cattrs() -> None:
    """A sound JSON note loads through the fast path without importing cattrs."""
    path = Path(__file__).resolve().parent.parent / "examples" / "lipedema-legs.json"
    libraries, _ = _loaded_after(f"import soapnotes; soapnotes.load({str(path)!r})")
    assert "cattrs" not in libraries
    assert "reportlab" not in libraries
