"""The public surface: an explicit __all__, a light import, typed package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import soapnotes


def test_all_lists_every_public_name() -> None:
    """Every public attribute of soapnotes is in __all__ and every __all__ name exists."""
    public = {
        name
        for name in dir(soapnotes)
        if not name.startswith("_") and not isinstance(getattr(soapnotes, name), type(soapnotes))
    }
    assert public <= set(soapnotes.__all__)
    for name in soapnotes.__all__:
        assert hasattr(soapnotes, name), name


def test_import_does_not_load_reportlab_or_hypothesis() -> None:
    """`import soapnotes` stays light: rendering and strategies load only when used."""
    code = (
        "import sys, soapnotes; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'hypothesis')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_package_is_typed() -> None:
    """py.typed ships so type checkers use the annotations."""
    assert (Path(soapnotes.__file__).parent / "py.typed").is_file()
