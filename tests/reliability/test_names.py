"""Issue 19 item 9: output names made from ids are never hidden or option-like."""

from __future__ import annotations

import attrs
import pytest

from soapnotes.examples import load_example
from soapnotes.render.batch import output_name


@pytest.mark.parametrize("client_id", [".", "..", ".bashrc", "-rf", "--help"])
def test_output_names_never_start_with_a_dot_or_dash(client_id: str) -> None:
    """Ids such as '.', '..', '.bashrc' and '-rf' give a name starting with '_'."""
    note = load_example()
    note = attrs.evolve(
        note,
        client=attrs.evolve(note.client, id=client_id),
        session=attrs.evolve(note.session, client_id=client_id),
    )
    name = output_name(note)
    assert name.startswith("_" + client_id + "_")
    assert "/" not in name


def test_ordinary_ids_keep_their_names() -> None:
    """An ordinary id is used as it is."""
    note = load_example()
    assert output_name(note).startswith(note.client.id + "_")
