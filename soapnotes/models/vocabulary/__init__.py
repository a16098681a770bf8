"""The controlled vocabulary of soapnotes: every enum a record uses.

Enum values are the lowercase strings of the JSON/TOML interchange format and never change
once released; add members, never rename them. ``label`` gives the wording shown to people.

One module per part of the record, every name re-exported here: ``_base`` (the base enum
and the wording it cannot derive), ``_body`` (sides, node groups, regions, limbs,
conditions), ``_screening`` (the contraindication screen and who may clear it),
``_session`` (modality, phases, after-effects, signs, home care).
"""

from __future__ import annotations

from soapnotes.models.vocabulary._base import _LABELS, _Vocabulary
from soapnotes.models.vocabulary._body import (
    BodyRegion,
    ConditionKind,
    EdemaArea,
    Laterality,
    Limb,
    NodeGroup,
    NodeState,
    Sex,
    Side,
)
from soapnotes.models.vocabulary._screening import (
    ABDOMINAL_CONTRAINDICATIONS,
    ABSOLUTE_QUESTIONS,
    BLOCKS_DRAINAGE_THROUGH,
    CONTRAINDICATION_CLASSES,
    FORBIDDEN_REGION,
    MODIFICATION_SUFFICES,
    NECK_CONTRAINDICATIONS,
    ROLE_SYNONYMS,
    SEED_QUESTIONS,
    SPECIFIC_QUESTION,
    Answer,
    ClinicalRole,
    Contraindication,
    ContraindicationClass,
)
from soapnotes.models.vocabulary._session import (
    AFTER_EFFECTS_TO_WATCH,
    RED_FLAG_AFTER_EFFECTS,
    AfterEffectKind,
    CdtPhase,
    HomeCareKind,
    Landmark,
    Modality,
    Phase,
    Response,
    StemmerResult,
)

__all__ = [
    "ABDOMINAL_CONTRAINDICATIONS",
    "ABSOLUTE_QUESTIONS",
    "AFTER_EFFECTS_TO_WATCH",
    "BLOCKS_DRAINAGE_THROUGH",
    "CONTRAINDICATION_CLASSES",
    "FORBIDDEN_REGION",
    "MODIFICATION_SUFFICES",
    "NECK_CONTRAINDICATIONS",
    "RED_FLAG_AFTER_EFFECTS",
    "ROLE_SYNONYMS",
    "SEED_QUESTIONS",
    "SPECIFIC_QUESTION",
    "_LABELS",
    "AfterEffectKind",
    "Answer",
    "BodyRegion",
    "CdtPhase",
    "ClinicalRole",
    "ConditionKind",
    "Contraindication",
    "ContraindicationClass",
    "EdemaArea",
    "HomeCareKind",
    "Landmark",
    "Laterality",
    "Limb",
    "Modality",
    "NodeGroup",
    "NodeState",
    "Phase",
    "Response",
    "Sex",
    "Side",
    "StemmerResult",
    "_Vocabulary",
]
