"""The fast structuring path: generated, per-record code that builds sound input quickly.

For every record class, Python source is generated (as cattrs does) that reads each field
from a plain ``dict``, checks its type inline (``type(v) is int``, never ``isinstance``),
looks enums up by value, builds nested records with their own generated code and then runs
the field checks: the common validators of :mod:`soapnotes.models._fields` inline from their
parameters, every other validator by calling it, then the record's cross-field check.
Dates and date-times go through the detailed path's own leaf hooks
(:mod:`soapnotes.io._scalars`), so both read them alike.

It only ever answers "here is the record" or "not sure" (any exception). On "not sure" the
caller, :func:`soapnotes.io.from_dict`, takes the detailed cattrs path, which decides and
reports every problem with its ``$.path``. The fast path is stricter than the detailed one
(it also doubts mappings that are not dicts, tuples for lists, str subclasses, ...), so the
two accept exactly the same inputs and build equal records; ``tests/test_fast_path.py``
checks that with Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from soapnotes.io._datetime import DATE_RE
from soapnotes.io._scalars import structure_date, structure_datetime
from soapnotes.io._types import tuple_item
from soapnotes.io._v1 import V1_FIELDS
from soapnotes.models import _fields
from soapnotes.models.vocabulary import _Vocabulary

__all__ = ["structurer"]

Structurer = Callable[[Any], Any]


class _Unsupported(Exception):
    """A field type the generator does not know: that record takes the detailed path."""


class _Doubt(Exception):
    """Raised by generated code when the input is not plainly sound."""


# What _fields.identifier allows: 1-64 ASCII letters, digits, '-', '_', '.'.
_IDENTIFIER = re.compile(r"[A-Za-z0-9._-]{1,64}")
_MISSING = object()
_cache: dict[type, Structurer | None] = {}


def structurer(cls: type) -> Structurer | None:
    """The fast structurer of record class ``cls``, or None when it has none.

    The structurer takes plain data and returns the record, or raises some exception when
    the input is not plainly sound (then the detailed path must decide).
    """
    if cls not in _cache:
        try:
            _cache[cls] = _Generator().record(cls)
        except _Unsupported:
            _cache[cls] = None
    return _cache[cls]


def _optional_inner(tp: Any) -> Any | None:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
        raise _Unsupported(tp)
    return None


class _Generator:
    """Writes the source of one record's structurer; nested records get their own."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            # The class, not one shared instance: re-raising a shared instance grows its
            # traceback on every doubt, keeping every doubted input alive.
            "_DOUBT": _Doubt,
            "_MISSING": _MISSING,
            "_new": object.__new__,
        }
        self.lines: list[str] = []
        self.counter = 0

    def _name(self, prefix: str, value: object) -> str:
        self.counter += 1
        name = f"_{prefix}{self.counter}"
        self.namespace[name] = value
        return name

    def record(self, cls: type) -> Structurer:
        if not attrs.has(cls):
            raise _Unsupported(cls)
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        cls_name = self._name("cls", cls)
        known = self._name("known", frozenset(field.name for field in fields))
        body = [
            "def structure(d):",
            f"    if type(d) is not dict or not d.keys() <= {known}:",
            "        raise _DOUBT",
        ]
        trusted: dict[int, str] = {}  # field index -> the name of its trusted default
        lines = [
            self._field(field, hints[field.name], index, trusted)
            for index, field in enumerate(fields)
        ]
        tail = _added_tail(cls, trusted)
        for index in range(len(fields) - len(tail)):
            body.extend("    " + line for line in lines[index])
        if tail:
            # The fields schema 2 added, at the end of the record: a version-1 note has none
            # of them, so one set test gives them all their defaults.
            added = self._name("added", frozenset(fields[i].name for i in tail))
            body.append(f"    if d.keys().isdisjoint({added}):")
            body.extend(f"        f{i} = {trusted[i]}" for i in tail)
            body.append("    else:")
            for index in tail:
                body.extend("        " + line for line in lines[index])
        body.append(f"    inst = _new({cls_name})")
        for index, field in enumerate(fields):
            setter = self._name("set", _slot_setter(cls, field.name))
            body.append(f"    {setter}(inst, f{index})")
        for index, field in enumerate(fields):
            if field.validator is not None:
                attribute = self._name("attr", field)
                checks = self._checks(field.validator, hints[field.name], f"f{index}", attribute)
                if checks and index in trusted:
                    # The very default object (or an equal singleton: None, (), an enum
                    # member, a small int) needs no check; anything else is checked.
                    body.append(f"    if f{index} is not {trusted[index]}:")
                    body.extend("        " + line for line in checks)
                else:
                    body.extend("    " + line for line in checks)
        if hasattr(cls, "__attrs_post_init__"):
            body.append("    inst.__attrs_post_init__()")
        body.append("    return inst")
        source = "\n".join(body) + "\n"
        namespace = dict(self.namespace)
        filename = f"<soapnotes fast structurer {cls.__qualname__}>"
        exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own generated code
        function: Structurer = namespace["structure"]
        return function

    def _field(
        self, field: attrs.Attribute[Any], tp: Any, index: int, trusted: dict[int, str]
    ) -> list[str]:
        """Read and convert one field into ``f{index}``; a trusted default goes in
        ``trusted``."""
        var = f"f{index}"
        value = self._value(tp, var)
        if field.default is attrs.NOTHING or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            return [
                f"{var} = d.get({field.name!r}, _MISSING)",
                f"if {var} is _MISSING:",
                "    raise _DOUBT",
                *value,
            ]
        if _default_passes(field):
            # A missing key means the default, which passed the field's validator when this
            # code was generated: it is used as it is, unchecked (as attrs does).
            default = trusted[index] = self._name("default", field.default)
            lines = [
                f"{var} = d.get({field.name!r}, _MISSING)",
                f"if {var} is _MISSING:",
                f"    {var} = {default}",
            ]
            if value:
                lines += ["else:", *("    " + line for line in value)]
            return lines
        # A default its own validator refuses: check it like any value (and doubt).
        default = self._name("default", field.default)
        return [f"{var} = d.get({field.name!r}, {default})", *value]

    # -- structuring: type checks and conversion, leaving the result in `var` -------------

    def _value(self, tp: Any, var: str) -> list[str]:
        inner = _optional_inner(tp)
        if inner is not None:
            return [f"if {var} is not None:", *("    " + line for line in self._value(inner, var))]
        item = tuple_item(tp)
        if item is not None:
            item_function = self._name("item", self._item_function(item))
            return [
                f"if type({var}) is not list and type({var}) is not tuple:",
                "    raise _DOUBT",
                f"{var} = tuple(map({item_function}, {var}))",
            ]
        if tp is str or tp is int or tp is bool:
            return [f"if type({var}) is not {tp.__name__}:", "    raise _DOUBT"]
        if tp is float:
            # As the detailed path: an int where a float belongs becomes that float.
            return [
                f"if type({var}) is not float:",
                f"    if type({var}) is not int:",
                "        raise _DOUBT",
                f"    {var} = float({var})",
            ]
        if isinstance(tp, type) and issubclass(tp, _Vocabulary):
            members = self._name("members", dict(tp._value2member_map_))
            return [
                f"if type({var}) is not str:",
                "    raise _DOUBT",
                f"{var} = {members}.get({var})",
                f"if {var} is None:",
                "    raise _DOUBT",
            ]
        if tp is dt.date:
            # A JSON date string as the detailed hook reads it (YYYY-MM-DD, then a real
            # date), inline; anything else (a TOML date, a doubt) through the hook itself.
            match = self._name("date_re", DATE_RE.match)
            parse = self._name("fromisoformat", dt.date.fromisoformat)
            hook = self._name("hook", structure_date)
            return [
                f"if type({var}) is str and {match}({var}) is not None:",
                f"    {var} = {parse}({var})",
                "else:",
                f"    {var} = {hook}({var}, None)",
            ]
        if tp is dt.datetime:
            # Date-times are few; the detailed hook itself parses them (raising on doubt).
            return [f"{var} = {self._name('hook', structure_datetime)}({var}, None)"]
        if isinstance(tp, type) and attrs.has(tp):
            function = structurer(tp)
            if function is None:
                raise _Unsupported(tp)
            return [f"{var} = {self._name('record', function)}({var})"]
        raise _Unsupported(tp)  # other enums, other types: the detailed path decides

    def _item_function(self, tp: Any) -> Structurer:
        if isinstance(tp, type) and attrs.has(tp):
            nested = structurer(tp)
            if nested is None:
                raise _Unsupported(tp)
            return nested
        lines = ["def item(v):", *("    " + line for line in self._value(tp, "v")), "    return v"]
        namespace = dict(self.namespace)
        exec(compile("\n".join(lines) + "\n", "<soapnotes fast item>", "exec"), namespace)  # noqa: S102
        function: Structurer = namespace["item"]
        return function

    # -- validators: inline when their meaning is known, called otherwise -------------------

    def _checks(self, validator: Any, tp: Any, var: str, attribute: str) -> list[str]:
        inner = _optional_inner(tp)
        if isinstance(validator, _fields._Optional) and inner is not None:
            checks = self._checks(validator.check, inner, var, attribute)
            return (
                [f"if {var} is not None:", *("    " + line for line in checks)] if checks else []
            )
        # attrs composes a list of validators into one; unpack it when it looks as expected
        # (otherwise it is simply called, which is slower but as correct).
        parts = getattr(validator, "_validators", None)
        if type(validator).__name__ == "_AndValidator" and isinstance(parts, tuple):
            return [line for part in parts for line in self._checks(part, tp, var, attribute)]
        if isinstance(validator, _fields._InstanceOf) and validator.kind is tp:
            return []  # built as exactly that type
        if isinstance(validator, _fields._Text) and (
            tp is str or (inner is str and not validator.required)
        ):
            # ASCII text holds no surrogate: the search runs only for other text.
            surrogate = self._name("surrogate", _fields.has_surrogate)
            test = (
                f"not {var}.strip() or len({var}) > {validator.max_chars} or "
                f"(not {var}.isascii() and {surrogate}({var}))"
            )
            if tp is str:
                return [f"if {test}:", "    raise _DOUBT"]
            return [f"if {var} is not None and ({test}):", "    raise _DOUBT"]
        if validator is _fields.identifier and tp is str:
            match = self._name("identifier", _IDENTIFIER.fullmatch)
            return [f"if {match}({var}) is None:", "    raise _DOUBT"]
        if validator is _fields.calendar_date and tp is dt.date:
            return []  # the date hook returns dates only
        if validator is _fields.aware_datetime and tp is dt.datetime:
            return []  # the date-time hook returns aware date-times only
        if isinstance(validator, _fields._IntRange) and tp is int:
            test = f"{var} < {validator.low}"
            if validator.high is not None:
                test += f" or {var} > {validator.high}"
            return [f"if {test}:", "    raise _DOUBT"]
        if isinstance(validator, _fields._NumberRange) and tp is float:
            low = self._name("low", validator.low)
            high = self._name("high", validator.high)
            compare = "<" if validator.low_open else "<="
            # NaN fails both comparisons and infinity the upper one: non-finite doubts.
            return [f"if not ({low} {compare} {var} <= {high}):", "    raise _DOUBT"]
        item = tuple_item(tp)
        if isinstance(validator, _fields._TupleOf) and item is validator.kind:
            lines = [
                f"if not {validator.min_len} <= len({var}) <= {validator.max_len}:",
                "    raise _DOUBT",
            ]
            if validator.element is not None:
                element = self._checks(validator.element, item, "x", attribute)
                lines += [f"for x in {var}:", *("    " + line for line in element)]
            return lines
        if isinstance(validator, _fields._UniqueBy) and item is not None:
            key = self._name("key", validator.key)
            return [
                f"if len({var}) > 1 and len({{{key}(x) for x in {var}}}) != len({var}):",
                "    raise _DOUBT",
            ]
        name = self._name("validator", validator)
        return [f"{name}(inst, {attribute}, {var})"]


def _added_tail(cls: type, trusted: dict[int, str]) -> list[int]:
    """The indices of the fields schema 2 added at the end of a version-1 record, when there
    are two or more and each has a trusted default; else none."""
    v1 = V1_FIELDS.get(cls.__name__)
    if v1 is None:
        return []
    fields = attrs.fields(cls)
    tail: list[int] = []
    for index in range(len(fields) - 1, -1, -1):
        if fields[index].name in v1 or index not in trusted:
            break
        tail.insert(0, index)
    return tail if len(tail) >= 2 else []


def _default_passes(field: attrs.Attribute[Any]) -> bool:
    """True when a field's default passes the field's own validator."""
    if field.validator is None:
        return True
    try:
        field.validator(None, field, field.default)
    except Exception:
        return False
    return True


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    """The slot's own setter: what attrs' frozen ``__init__`` uses, without the lookup."""
    for klass in cls.__mro__:
        descriptor = klass.__dict__.get(name)
        if descriptor is not None:
            if isinstance(descriptor, types.MemberDescriptorType):
                setter: Callable[[object, object], None] = descriptor.__set__
                return setter
            break
    raise _Unsupported(cls)
