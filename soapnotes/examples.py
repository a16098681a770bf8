"""The example notes shipped with soapnotes (the files in the repository's ``examples/``).

In an installed wheel they live in ``soapnotes/_examples``; in a source checkout they are read
from ``examples/`` beside the package.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from soapnotes.errors import UsageError
from soapnotes.io import loads
from soapnotes.models.note import Note

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["DEFAULT_EXAMPLE", "example_names", "load_example"]

#: The example the CLI uses when none is named.
DEFAULT_EXAMPLE = "lymphedema-left-arm"


def _folder() -> Traversable:
    packaged = resources.files("soapnotes").joinpath("_examples")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "examples"


def example_names() -> list[str]:
    """The names of the shipped examples, sorted (file names without ``.toml``)."""
    return sorted(
        item.name.removesuffix(".toml")
        for item in _folder().iterdir()
        if item.name.endswith(".toml")
    )


def load_example(name: str = DEFAULT_EXAMPLE) -> Note:
    """Load a shipped example note by name.

    Raises:
        UsageError: no example has that name (a SoapnotesError and a ValueError).

    .. versionadded:: 0.1.0
    """
    if name not in example_names():
        raise UsageError(f"no example named {name!r}; choose one of: {', '.join(example_names())}")
    text = _folder().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return loads(text, "toml", source=f"example {name}")
