"""Issue 19 item 12: NaN, Infinity, over-long numbers, repeated keys and blank list items are
reported at the exact ``$.path``, not at ``$`` or at the list."""

from __future__ import annotations

import json

import pytest

import soapnotes
from soapnotes.errors import InvalidRecord
from tests.reliability._helpers import ARM_JSON, arm_data

POINT = "$.session.objective.circumferences[0].points[0].circumference_cm"


def _problems(text: str) -> list[str]:
    with pytest.raises(InvalidRecord) as caught:
        soapnotes.loads(text)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NaN", "NaN is not a number allowed in a note"),
        ("Infinity", "Infinity is not a number allowed in a note"),
        ("-Infinity", "-Infinity is not a number allowed in a note"),
        ("1" + "0" * 5000, "is a number too long to read"),
    ],
)
def test_bad_numbers_are_reported_at_their_field(value: str, message: str) -> None:
    """A number no note allows is reported at the field that holds it."""
    text = ARM_JSON.read_text(encoding="utf-8")
    text = text.replace('"circumference_cm": 16.5', f'"circumference_cm": {value}', 1)
    assert _problems(text) == [f"{POINT}: {message}"]


def test_a_repeated_key_is_reported_at_the_key() -> None:
    """An object repeating a key is reported at that key's path."""
    text = ARM_JSON.read_text(encoding="utf-8")
    text = text.replace('"given_name": ', '"family_name": "X", "given_name": ', 1)
    assert _problems(text) == ["$.client.family_name: this key is repeated in its object"]


def test_a_lone_surrogate_is_reported_at_its_field() -> None:
    """A lone surrogate escaped into a name is reported at the name."""
    text = ARM_JSON.read_text(encoding="utf-8")
    text = text.replace('"given_name": "', '"given_name": "\\ud800', 1)
    assert _problems(text) == [
        "$.client.given_name: contains a lone surrogate code point, which is not text"
    ]


def test_a_blank_list_item_is_reported_at_the_item() -> None:
    """A blank symptom is reported at its index in the list."""
    data = arm_data()
    data["session"]["subjective"]["symptoms"] = ["heaviness", "  "]
    assert _problems(json.dumps(data)) == [
        "$.session.subjective.symptoms[1]: must not be empty or blank"
    ]
