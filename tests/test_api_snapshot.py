"""Every public face, pinned: no public name disappears when the code is reshaped.

``tests/data/public_api.json`` lists, per module, the names a caller may use. A name added
on purpose is added to the snapshot in the same commit; a name that disappears fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SNAPSHOT = json.loads(
    (Path(__file__).resolve().parent / "data" / "public_api.json").read_text("utf-8")
)

_PROBE = """
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
names = json.loads(sys.argv[2])
missing = [n for n in names if not hasattr(module, n)]
listed = getattr(module, "__all__", None)
print(json.dumps({"missing": missing, "all": None if listed is None else sorted(listed)}))
"""


@pytest.mark.parametrize("module", sorted(SNAPSHOT))
def test_public_face_keeps_every_name(module: str) -> None:
    """On a fresh interpreter, every snapshot name of the module resolves and is in __all__."""
    names = SNAPSHOT[module]
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, module, json.dumps(names)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["missing"] == [], f"{module} lost public names"
    if report["all"] is not None:
        assert set(names) <= set(report["all"]), f"{module}.__all__ dropped names"
        added = sorted(set(report["all"]) - set(names))
        assert added == [], f"{module} gained names: add them to tests/data/public_api.json"
