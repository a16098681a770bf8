"""The one table of codes the FHIR export uses, each with its source (``docs/fhir.md``).

No LOINC or SNOMED CT code is made up here. LOINC document and section codes are those of
the HL7 C-CDA Progress Note; SNOMED CT body sites are members of the DICOM value set CID
4031 "Common Anatomic Region" (PS3.16), laterality the qualifiers of DICOM CID 244
"Laterality", joined as a post-coordinated SNOMED CT expression with the Laterality
attribute. Where no published code exists (a limb circumference at N cm from a landmark,
a Stemmer sign, an L-Dex reading), the soapnotes CodeSystem below names it, always with
``text`` beside it.
"""

from __future__ import annotations

from typing import NamedTuple

from soapnotes.models.outcomes import Instrument, OutcomeDomain
from soapnotes.models.vocabulary import BodyRegion, EdemaArea, Laterality, Limb, Side

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
CPT = "http://www.ama-assn.org/go/cpt"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
SIGNATURE_TYPE = "urn:iso-astm:E1762-95:2013"

#: Where soapnotes publishes its own FHIR artefacts (CodeSystem, extensions, identifiers).
BASE = "https://soapnotes.dev/fhir"
SOAPNOTES = f"{BASE}/CodeSystem/soapnotes"
CLIENT_ID = f"{BASE}/sid/client-id"
SESSION_ID = f"{BASE}/sid/session-id"
#: Export layout 1 (0.2.0 development bundles): the whole note, read back by from_bundle.
NOTE_EXTENSION = f"{BASE}/StructureDefinition/interchange-note"
#: Export layout 2: the note with what the Bundle's own resources carry (keyed signatures,
#: outcome scores, height, reported garment wear) replaced by references to them.
NOTE_REMAINDER_EXTENSION = f"{BASE}/StructureDefinition/interchange-note-remainder"
DISTANCE_EXTENSION = f"{BASE}/StructureDefinition/distance-from-landmark"


class Code(NamedTuple):
    """A coding and where it comes from."""

    system: str
    code: str
    display: str
    source: str

    def coding(self) -> dict[str, str]:
        """The FHIR Coding."""
        return {"system": self.system, "code": self.code, "display": self.display}


_CCDA = "HL7 C-CDA R2.1 Progress Note (LOINC)"
_VITALS = "FHIR R4 Vital Signs profile (LOINC)"
_CID4031 = "DICOM PS3.16 CID 4031 Common Anatomic Region (SNOMED CT)"
_CID244 = "DICOM PS3.16 CID 244 Laterality (SNOMED CT)"

#: Document types: the clinic chooses (``to_bundle(note_type=...)``).
NOTE_TYPES: dict[str, Code] = {
    "progress": Code(LOINC, "11506-3", "Progress note", _CCDA),
    "physical_therapy": Code(LOINC, "11508-9", "Physical therapy Progress note", "LOINC"),
}

#: The four SOAP sections (never the combined 51847-2 beside separate A and P).
SECTIONS: dict[str, Code] = {
    "subjective": Code(LOINC, "61150-9", "Subjective Narrative", _CCDA),
    "objective": Code(LOINC, "61149-1", "Objective Narrative", _CCDA),
    "assessment": Code(LOINC, "51848-0", "Evaluation note", _CCDA),
    "plan": Code(LOINC, "18776-5", "Plan of care note", _CCDA),
}

PAIN = Code(
    LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", _VITALS
)
BODY_WEIGHT = Code(LOINC, "29463-7", "Body weight", _VITALS)
BODY_HEIGHT = Code(LOINC, "8302-2", "Body height", _VITALS)
BMI = Code(LOINC, "39156-5", "Body mass index (BMI) [Ratio]", _VITALS)
LYMPHEDEMA = Code(SNOMED, "234097001", "Lymphedema", "SNOMED CT International")
AMBULATORY = Code(ACT_CODE, "AMB", "ambulatory", "HL7 v3 ActCode (FHIR R4 Encounter.class)")
AUTHOR_SIGNATURE = Code(
    SIGNATURE_TYPE, "1.2.840.10065.1.12.1.1", "Author's Signature", "ASTM E1762-95 (FHIR R4)"
)
#: CPT manual therapy techniques: only when the clinic opts in for US billing.
CPT_MANUAL_THERAPY = Code(CPT, "97140", "Manual therapy techniques", "AMA CPT")
LATERALITY = Code(SNOMED, "272741003", "Laterality", "SNOMED CT concept model attribute")
PROVENANCE_AUTHOR = Code(
    "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
    "author",
    "Author",
    "FHIR R4 Provenance participant type",
)
CONDITION_ACTIVE = Code(CONDITION_CLINICAL, "active", "Active", "FHIR R4 (required binding)")
PROBLEM_LIST_ITEM = Code(
    CONDITION_CATEGORY, "problem-list-item", "Problem List Item", "FHIR R4 Condition category"
)
CONSENT_TREATMENT = Code(CONSENT_SCOPE, "treatment", "Treatment", "FHIR R4 Consent scope")
#: An addendum's Provenance revises the document the Provenance before it recorded.
ENTITY_REVISION = Code(
    "http://terminology.hl7.org/CodeSystem/provenance-entity-role",
    "revision",
    "Revision",
    "FHIR R4 Provenance entity role (required binding)",
)


def _soapnotes(code: str, display: str) -> Code:
    return Code(SOAPNOTES, code, display, "soapnotes CodeSystem (no published code)")


CIRCUMFERENCE_SERIES = _soapnotes("limb-circumference-series", "Limb circumference series")
CIRCUMFERENCE_AT = _soapnotes("circumference-at-distance", "Circumference at a distance")
TAPE_VOLUME = _soapnotes("limb-volume-from-tape", "Limb volume computed from tape")
DEVICE_VOLUME = _soapnotes("limb-volume-measured", "Limb volume measured by a device")
STEMMER = _soapnotes("stemmer-sign", "Stemmer sign")
STEMMER_GRADE = _soapnotes("stemmer-grade", "Stemmer grade (Pannier)")
PITTING = _soapnotes("pitting-edema-grade", "Pitting edema grade")
PITTING_DEPTH = _soapnotes("pitting-depth", "Pitting depth")
PITTING_REBOUND = _soapnotes("pitting-rebound", "Pitting rebound time")
LDEX = _soapnotes("l-dex", "L-Dex bioimpedance reading")
GARMENT_WEAR = _soapnotes("garment-wear-reported", "Compression garment wear, reported")
ADDENDA = _soapnotes("addenda", "Addenda")
#: Outcome instruments: no LOINC code was found for LYMQOL or ULL-27 (docs/fhir.md).
INSTRUMENTS: dict[Instrument, Code] = {
    Instrument.LYMQOL_ARM: _soapnotes("lymqol-arm", "LYMQOL arm (Keeley 2010)"),
    Instrument.LYMQOL_LEG: _soapnotes("lymqol-leg", "LYMQOL leg (Keeley 2010)"),
    Instrument.ULL27: _soapnotes("ull-27", "ULL-27 (Launois 2002)"),
}
DOMAINS: dict[OutcomeDomain, Code] = {
    domain: _soapnotes(f"outcome-domain-{domain.value}", f"Outcome domain: {domain.value}")
    for domain in OutcomeDomain
}
OUTCOME_OVERALL = _soapnotes("outcome-overall", "Overall quality of life rating (0-10)")

CATEGORY_VITALS = Code(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs", "FHIR R4")
CATEGORY_EXAM = Code(OBSERVATION_CATEGORY, "exam", "Exam", "FHIR R4")
CATEGORY_SURVEY = Code(OBSERVATION_CATEGORY, "survey", "Survey", "FHIR R4")

_LIMBS = {
    Limb.ARM: Code(SNOMED, "53120007", "Upper limb", _CID4031),
    Limb.LEG: Code(SNOMED, "61685007", "Lower limb", _CID4031),
}
_AREAS = {
    EdemaArea.ARM: _LIMBS[Limb.ARM],
    EdemaArea.LEG: _LIMBS[Limb.LEG],
    EdemaArea.TRUNK: Code(SNOMED, "22943007", "Trunk", _CID4031),
    EdemaArea.BREAST: Code(SNOMED, "76752008", "Breast", _CID4031),
    EdemaArea.HEAD_AND_NECK: Code(SNOMED, "774007", "Head and Neck", _CID4031),
}
#: Regions CID 4031 names; the others (axilla, groin, supraclavicular, ...) go as text.
_REGIONS = {
    BodyRegion.NECK: Code(SNOMED, "45048000", "Neck", _CID4031),
    BodyRegion.CHEST: Code(SNOMED, "816094009", "Chest", _CID4031),
    BodyRegion.BREAST: Code(SNOMED, "76752008", "Breast", _CID4031),
    BodyRegion.ABDOMEN: Code(SNOMED, "818981001", "Abdomen", _CID4031),
    BodyRegion.SHOULDER: Code(SNOMED, "16982005", "Shoulder", _CID4031),
    BodyRegion.UPPER_ARM: Code(SNOMED, "40983000", "Upper arm", _CID4031),
    BodyRegion.FOREARM: Code(SNOMED, "14975008", "Forearm", _CID4031),
    BodyRegion.HAND: Code(SNOMED, "85562004", "Hand", _CID4031),
    BodyRegion.FINGERS: Code(SNOMED, "7569003", "Finger", _CID4031),
    BodyRegion.THIGH: Code(SNOMED, "68367000", "Thigh", _CID4031),
    BodyRegion.KNEE: Code(SNOMED, "72696002", "Knee", _CID4031),
    BodyRegion.LOWER_LEG: Code(SNOMED, "30021000", "Lower leg", _CID4031),
    BodyRegion.FOOT: Code(SNOMED, "56459004", "Foot", _CID4031),
    BodyRegion.TOES: Code(SNOMED, "29707007", "Toe", _CID4031),
    BodyRegion.HEAD: Code(SNOMED, "69536005", "Head", _CID4031),
}
_LATERALITY = {
    "left": Code(SNOMED, "7771000", "Left", _CID244),
    "right": Code(SNOMED, "24028007", "Right", _CID244),
    "bilateral": Code(SNOMED, "51440002", "Right and left", _CID244),
}

#: Every code above, for docs/fhir.md and its test.
ALL_CODES: tuple[Code, ...] = (
    *NOTE_TYPES.values(),
    *SECTIONS.values(),
    PAIN,
    BODY_WEIGHT,
    BODY_HEIGHT,
    BMI,
    LYMPHEDEMA,
    AMBULATORY,
    AUTHOR_SIGNATURE,
    PROVENANCE_AUTHOR,
    CONDITION_ACTIVE,
    PROBLEM_LIST_ITEM,
    CONSENT_TREATMENT,
    ENTITY_REVISION,
    CPT_MANUAL_THERAPY,
    CIRCUMFERENCE_SERIES,
    CIRCUMFERENCE_AT,
    TAPE_VOLUME,
    DEVICE_VOLUME,
    STEMMER,
    STEMMER_GRADE,
    PITTING,
    PITTING_DEPTH,
    PITTING_REBOUND,
    LDEX,
    GARMENT_WEAR,
    ADDENDA,
    *INSTRUMENTS.values(),
    *DOMAINS.values(),
    OUTCOME_OVERALL,
    CATEGORY_VITALS,
    CATEGORY_EXAM,
    CATEGORY_SURVEY,
    *_LIMBS.values(),
    *(c for c in _AREAS.values() if c not in _LIMBS.values()),
    *(c for c in _REGIONS.values() if c not in _AREAS.values()),
    *_LATERALITY.values(),
    LATERALITY,
)


def body_site(site: Code | None, side: Side | Laterality | None, text: str) -> dict[str, object]:
    """A CodeableConcept for a body site: the CID 4031 code, lateralised by a SNOMED CT
    expression (``14975008:272741003=7771000``, left forearm) when a side is known."""
    out: dict[str, object] = {"text": text}
    if site is not None:
        coding = site.coding()
        if side is not None:
            lateral = _LATERALITY[side.value]
            coding = {
                "system": SNOMED,
                "code": f"{site.code}:{LATERALITY.code}={lateral.code}",
                "display": f"{site.display}, {lateral.display.lower()}",
            }
        out["coding"] = [coding]
    return out


def limb_site(limb: Limb, side: Side | Laterality | None, text: str) -> dict[str, object]:
    """The body site of a limb (upper or lower), on a side."""
    return body_site(_LIMBS[limb], side, text)


def region_site(region: BodyRegion, side: Side | None, text: str) -> dict[str, object]:
    """The body site of a treated region: coded where CID 4031 names it, else text."""
    return body_site(_REGIONS.get(region), side, text)


def area_site(area: EdemaArea, side: Laterality | None, text: str) -> dict[str, object]:
    """The body site of a condition's area (genital: text only)."""
    return body_site(_AREAS.get(area), side, text)
