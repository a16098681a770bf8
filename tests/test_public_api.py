"""The public surface: one table behind __all__ and the lazy names, a typed package.

What `import soapnotes` leaves unloaded is tested in tests/test_lazy_imports.py; that every
snapshot name is reachable from `soapnotes` on a fresh interpreter, in
tests/test_api_snapshot.py.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import soapnotes
from soapnotes.models import __all__ as models_all

INIT = Path(soapnotes.__file__)


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


def _type_checking_imports() -> dict[str, set[str]]:
    """What the ``if TYPE_CHECKING:`` block of soapnotes/__init__.py imports, by module."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )  # fmt: skip
    imports: dict[str, set[str]] = {}
    for node in block.body:
        if isinstance(node, ast.AnnAssign):  # `__all__: list[str]`, computed on first use
            continue
        assert isinstance(node, ast.ImportFrom)
        assert node.module is not None
        if [alias.name for alias in node.names] == ["*"]:
            assert node.module == "soapnotes.models"  # the records, by their own __all__
            continue
        for alias in node.names:
            # `X as X`: an explicit re-export, so type checkers see the name on soapnotes.
            assert alias.asname == alias.name, alias.name
            imports.setdefault(node.module, set()).add(alias.name)
    return imports


def test_one_table_drives_all_lazy_names_and_type_checkers() -> None:
    """__all__ and the lazy names come from _FACE; the TYPE_CHECKING imports agree with it."""
    face = soapnotes._FACE
    imports = _type_checking_imports()
    submodules = imports.pop("soapnotes")
    assert {module: set(names) for module, names in face.items()} == imports
    assert submodules == set(soapnotes._SUBMODULES)
    names = [name for names in face.values() for name in names]
    assert len(names) == len(set(names)), "a name is served from two modules"
    assert sorted(soapnotes.__all__) == sorted({"__version__", *names, *models_all})
    assert {name: module for module, ns in face.items() for name in ns} == soapnotes._LAZY


def test_every_subpackage_is_an_attribute_on_a_fresh_import() -> None:
    """`import soapnotes; soapnotes.progress.open_findings` works with nothing else imported."""
    code = (
        "import soapnotes, sys; "
        "print(soapnotes.progress.open_findings.__name__); "
        f"print(all(hasattr(soapnotes, name) for name in {soapnotes._SUBMODULES!r})); "
        "print('render' in dir(soapnotes))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["open_findings", "True", "True"]


def test_unknown_names_are_attribute_errors() -> None:
    """A name that is neither served nor a subpackage raises AttributeError, as usual."""
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        soapnotes.nope  # noqa: B018 - the access is the test


def test_package_is_typed() -> None:
    """py.typed ships so type checkers use the annotations."""
    assert (INIT.parent / "py.typed").is_file()
