"""Every English message soapnotes can print: the message ids the catalogs must translate.

Two kinds: the literal first argument of each ``gettext(...)``/``tr(...)`` call in the
package and the literal message of each rule's ``CODE.at(path, "...")`` (found in the source,
never by running it), and the wording of every vocabulary
value and node target, which :attr:`label` translates as a whole (enumerated from the enums).
:mod:`soapnotes.i18n._update` writes them into the ``.po`` files; the tests check that each
catalog translates every one with the same placeholders.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from soapnotes.models.vocabulary._base import _Vocabulary as _Vocab

_PACKAGE = Path(__file__).resolve().parent.parent
_CALLS = frozenset({"gettext", "tr", "gettext_noop"})


def source_messages() -> dict[str, list[str]]:
    """Each literal message id in the package's source, with the ``file:line`` places."""
    found: dict[str, list[str]] = {}
    for path in sorted(_PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if isinstance(node.func, ast.Attribute) and node.func.attr == "at":
                name = "at"  # RuleCode.at(path, message): a finding's message id
            args = node.args
            if name == "at" and len(args) >= 2 and isinstance(args[1], ast.IfExp):
                # CODE.at(path, "one" if x else "other"): both are message ids
                branches = [[args[0], args[1].body], [args[0], args[1].orelse]]
            else:
                branches = [args]
            for branch in branches:
                key = _literal_key(name, branch)
                if key is not None:
                    place = f"{path.relative_to(_PACKAGE.parent).as_posix()}:{node.lineno}"
                    found.setdefault(key, []).append(place)
    return found


def _literal_key(name: str | None, args: list[ast.expr]) -> str | None:
    """The message key of a call with literal text: ``gettext("...")``, ``tr("...")``,
    ``gettext_noop("...")``, a rule's ``CODE.at(path, "...")``, or
    ``pgettext("context", "...")`` (``context\x04message``)."""

    def text(node: ast.expr) -> str | None:
        ok = isinstance(node, ast.Constant) and isinstance(node.value, str)
        return node.value if ok else None  # type: ignore[attr-defined]

    if name in _CALLS:
        return text(args[0])
    if name == "at" and len(args) >= 2:
        return text(args[1])
    if name == "pgettext" and len(args) >= 2:
        context, message = text(args[0]), text(args[1])
        if context is not None and message is not None:
            return f"{context}\x04{message}"
    return None


def label_messages() -> set[str]:
    """The English label of every vocabulary value and every node target."""
    import soapnotes.models  # noqa: F401  (every vocabulary enum is defined on import)
    from soapnotes.models import (  # noqa: F401
        compression,
        diagnosis,
        intake,
        measured,
        outcomes,
    )
    from soapnotes.models.session import NodeTarget
    from soapnotes.models.vocabulary import NodeGroup, Side
    from soapnotes.models.vocabulary._base import _Vocabulary

    labels = {
        member.english_label
        for enum in _vocabularies(_Vocabulary)
        for member in enum.__members__.values()
    }
    for group in NodeGroup:
        sides: tuple[Side | None, ...] = (None,) if group.is_midline else tuple(Side)
        labels.update(NodeTarget(group=group, side=side).english_label for side in sides)
    return labels


def _vocabularies(base: type[_Vocab]) -> Iterator[type[_Vocab]]:
    sub: type[_Vocab]
    for sub in base.__subclasses__():
        yield sub
        yield from _vocabularies(sub)


def english_messages() -> list[str]:
    """Every message id, sorted."""
    return sorted(set(source_messages()) | label_messages())


def placeholders(message: str) -> set[str]:
    """The ``{name}`` fields of a message (without conversions or format specs)."""
    message = message.rpartition("\x04")[2]
    return {field for _, field, _, _ in string.Formatter().parse(message) if field is not None}
