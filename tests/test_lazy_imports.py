"""What `import soapnotes` leaves unloaded until it is needed (import cost, issue 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LAZY = ("reportlab", "hypothesis", "cattrs", "tomllib", "tomli_w", "tempfile")


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"import sys; {code}; "
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({LAZY!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_import_leaves_converter_toml_and_rendering_unloaded() -> None:
    """`import soapnotes` loads none of cattrs, TOML, tempfile, reportlab or hypothesis."""
    assert _loaded_after("import soapnotes") == []


def test_loading_sound_json_needs_no_cattrs() -> None:
    """A sound JSON note loads through the fast path without importing cattrs."""
    path = Path(__file__).resolve().parent.parent / "examples" / "lipedema-legs.json"
    assert "cattrs" not in _loaded_after(f"import soapnotes; soapnotes.load({str(path)!r})")
