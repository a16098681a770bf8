"""The detailed path: one private cattrs converter whose hooks collect every problem.

cattrs itself is imported only when the converter is first needed: sound JSON is built by
the fast path without it (``tests/test_lazy_imports.py``).
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from soapnotes.errors import InvalidField
from soapnotes.io import _scalars
from soapnotes.io._problems import Found, Invalid, describe, fail, invalid_record, safe_key
from soapnotes.io._types import is_homogeneous_tuple, is_optional, tuple_item, without_none
from soapnotes.models import _fields
from soapnotes.models.vocabulary import _Vocabulary

if TYPE_CHECKING:
    import cattrs

Hook = Callable[[Any, Any], Any]


def _make_optional_hook(tp: Any, conv: cattrs.Converter) -> Hook:
    inner = without_none(tp)
    inner_hook = conv.get_structure_hook(inner)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else inner_hook(value, inner)

    return structure_optional


def _make_tuple_hook(tp: Any, conv: cattrs.Converter) -> Hook:
    item_type = tuple_item(tp)
    item_hook = conv.get_structure_hook(item_type)

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            fail(f"must be a list, got {describe(value)}")
        items = []
        problems: list[Found] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Invalid as exc:
                problems.extend(((index, *path), msg) for path, msg in exc.problems)
        if problems:
            raise Invalid(problems)
        return tuple(items)

    return structure_tuple


_FIELD_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _field_path(field: str) -> tuple[str | int, ...]:
    """A cross-field check's field name as path parts: ``domains[0].score`` -> (domains, 0,
    score)."""
    return tuple(name if name else int(index) for name, index in _FIELD_PART.findall(field))


def _validator_message(exc: Exception) -> str:
    """What a field validator said, without the field's name (the path gives it)."""
    return exc.problem if isinstance(exc, InvalidField) else str(exc)


def _validator_problems(
    attributes: Mapping[str, attrs.Attribute[Any]], kwargs: Mapping[str, Any]
) -> list[Found]:
    """The slow path, only for bad input: run each field's validator on its own."""
    problems: list[Found] = []
    for name, structured in kwargs.items():
        validator = attributes[name].validator
        if validator is None:
            continue
        try:
            validator(None, attributes[name], structured)
        except (TypeError, ValueError) as exc:
            item = exc.item if isinstance(exc, InvalidField) else None
            problems.append(((name,) if item is None else (name, item), _validator_message(exc)))
    return problems


def _make_record_hook(cls: type, conv: cattrs.Converter) -> Hook:
    """Structure an attrs record, collecting every problem before giving up.

    Every field is structured first. Sound input is then built in one call; only when that
    fails is each field's attrs validator run on its own, so that all field problems are
    reported at once. The record's cross-field check runs once its fields are sound.
    """
    hints = typing.get_type_hints(cls)
    fields = [(a.name, hints[a.name], a.default is attrs.NOTHING) for a in attrs.fields(cls)]
    attributes = {a.name: a for a in attrs.fields(cls)}
    # Problems are reported in field order, unknown keys last.
    order: collections.defaultdict[str, int] = collections.defaultdict(lambda: len(attributes))
    order.update((name, index) for index, name in enumerate(attributes))
    hooks = {name: conv.get_structure_hook(tp) for name, tp, _ in fields}
    known = frozenset(attributes)
    allowed = ", ".join(attributes)

    def structure_fields(value: Mapping[Any, Any]) -> tuple[dict[str, Any], list[Found]]:
        problems: list[Found] = []
        kwargs: dict[str, Any] = {}
        for name, tp, required in fields:
            if name not in value:
                if required:
                    problems.append(((name,), "is required but missing"))
                continue
            try:
                kwargs[name] = hooks[name](value[name], tp)
            except Invalid as exc:
                problems.extend(((name, *path), msg) for path, msg in exc.problems)
        if len(value) > len(kwargs):
            problems.extend(
                ((safe_key(key),), f"is not a field of {cls.__name__}; allowed: {allowed}")
                for key in value
                if key not in known
            )
        return kwargs, problems

    def structure_record(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            fail(f"must be an object (a table in TOML), got {describe(value)}")
        kwargs, problems = structure_fields(value)
        if not problems:
            try:
                return cls(**kwargs)
            except _fields.FieldProblems as exc:  # the record's cross-field check
                raise Invalid(
                    [(_field_path(field), message) for field, message in exc.problems]
                ) from None
            except (TypeError, ValueError):
                pass  # a field validator refused: collect every such problem below
        problems += _validator_problems(attributes, kwargs)
        raise Invalid(sorted(problems, key=lambda p: order[str(p[0][0])]))

    return structure_record


def _make_list_unstructure(item: Callable[[Any], Any]) -> Callable[[Any], list[Any]]:
    def unstructure_list(value: Any) -> list[Any]:
        return [item(v) for v in value]

    return unstructure_list


def _make_converter() -> cattrs.Converter:
    import cattrs

    conv = cattrs.Converter()
    # On str itself: cattrs consults its (singledispatch) primitive hooks before predicate
    # hooks, so a predicate `t is str` never ran and str(value) turned null and 5 into text.
    # The vocabulary enums are str too, but their own hook below is more specific.
    conv.register_structure_hook(str, _scalars.structure_str)
    conv.register_structure_hook(int, _scalars.structure_int)
    conv.register_structure_hook(float, _scalars.structure_float)
    conv.register_structure_hook(bool, _scalars.structure_bool)
    conv.register_structure_hook(dt.datetime, _scalars.structure_datetime)
    conv.register_structure_hook(dt.date, _scalars.structure_date)
    # singledispatch on the enums' own base, more specific than both str and Enum.
    conv.register_structure_hook(_Vocabulary, _scalars.structure_enum)
    conv.register_structure_hook_factory(is_optional, lambda t: _make_optional_hook(t, conv))
    conv.register_structure_hook_factory(is_homogeneous_tuple, lambda t: _make_tuple_hook(t, conv))
    conv.register_structure_hook_factory(attrs.has, lambda t: _make_record_hook(t, conv))

    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(_Vocabulary, _scalars.unstructure_enum)
    conv.register_unstructure_hook_factory(
        is_homogeneous_tuple,
        lambda t: _make_list_unstructure(conv.get_unstructure_hook(tuple_item(t))),
    )
    return conv


_converter_cache: list[cattrs.Converter] = []


def get_converter() -> cattrs.Converter:
    """The converter, built on first use (importing cattrs and building it is most of the
    cost of ``import soapnotes`` otherwise)."""
    if not _converter_cache:
        _converter_cache.append(_make_converter())
    return _converter_cache[0]


def structure_detailed(data: object, record_type: type[Any], *, source: str | None) -> Any:
    """Build the record through the cattrs hooks, reporting every problem with its path.

    Raises:
        InvalidRecord: listing every problem with its ``$.path``.
    """
    try:
        return get_converter().structure(data, record_type)
    except Invalid as exc:
        raise invalid_record(exc, source) from None


def unstructure(record: object) -> dict[str, Any]:
    """The record as plain data in the interchange layout (absent fields as None)."""
    data: dict[str, Any] = get_converter().unstructure(record)
    return data
