"""One definition of an affected limb, shared by the rules, the note PDF and progress."""

from __future__ import annotations

import io

import attrs
import pytest
from pypdf import PdfReader

import soapnotes
from soapnotes import Condition, ConditionKind, EdemaArea, Laterality, Limb, Note, Side
from soapnotes.progress import course_from_notes, one_sided_limbs


def _with_right_arm(note: Note, kind: ConditionKind) -> Note:
    extra = Condition(kind=kind, area=EdemaArea.ARM, side=Laterality.RIGHT, description="x")
    client = attrs.evolve(note.client, conditions=(*note.client.conditions, extra))
    return attrs.evolve(note, client=client)


def _codes(note: Note) -> set[str]:
    return {f.code for f in soapnotes.validate(note)}


def _pdf_text(note: Note) -> str:
    reader = PdfReader(io.BytesIO(soapnotes.render_note_bytes(note)))
    return " ".join(page.extract_text() for page in reader.pages)


def test_swollen_sides_counts_swelling_conditions_only(lymphedema_note: Note) -> None:
    """Lymphedema, lipedema, CVI and post-surgical swelling make a side affected; RA does not."""
    assert lymphedema_note.client.swollen_sides(Limb.ARM) == {Side.LEFT}
    assert lymphedema_note.client.swollen_sides(Limb.LEG) == frozenset()
    lipedema = _with_right_arm(lymphedema_note, ConditionKind.LIPEDEMA)
    assert lipedema.client.swollen_sides(Limb.ARM) == {Side.LEFT, Side.RIGHT}
    arthritis = _with_right_arm(lymphedema_note, ConditionKind.RHEUMATOID_ARTHRITIS)
    assert arthritis.client.swollen_sides(Limb.ARM) == {Side.LEFT}


@pytest.mark.parametrize(
    ("kind", "one_sided"),
    [(ConditionKind.LIPEDEMA, False), (ConditionKind.RHEUMATOID_ARTHRITIS, True)],
)
def test_rules_note_and_progress_agree(
    lymphedema_note: Note, kind: ConditionKind, one_sided: bool
) -> None:
    """Excess volume appears in all three outputs, or in none, for the same client."""
    note = _with_right_arm(lymphedema_note, kind)
    codes = _codes(note)
    text = _pdf_text(note)
    course_limbs = one_sided_limbs(course_from_notes([note]).client)
    if one_sided:
        assert "SN-MS-005" in codes
        assert "SN-MS-006" not in codes
        assert "Excess volume, left arm" in text
        assert course_limbs == ((Limb.ARM, Side.LEFT),)
    else:
        assert "SN-MS-005" not in codes
        assert "SN-MS-006" in codes
        assert "not computed: both sides" in text
        assert course_limbs == ()
