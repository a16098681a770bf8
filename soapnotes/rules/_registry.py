"""The one list of rules :func:`soapnotes.validate` runs, family by family."""

from __future__ import annotations

from soapnotes.rules import after_effects as ae
from soapnotes.rules import areas as ar
from soapnotes.rules import compression as cp
from soapnotes.rules import contraindications as ci
from soapnotes.rules import draft as df
from soapnotes.rules import drainage as dr
from soapnotes.rules import history as hx
from soapnotes.rules import measurements as ms
from soapnotes.rules import modality as md
from soapnotes.rules import order as od
from soapnotes.rules import referral as px
from soapnotes.rules import timing as tm
from soapnotes.rules._core import Rule

#: Every rule, with the codes it may report. A new rule is added here and in docs/rules.md.
RULES: tuple[Rule, ...] = (
    Rule(check=df.nothing_left_to_fill, codes=(df.STILL_MARKED,)),
    Rule(check=ci.no_screen, codes=(ci.NO_SCREEN,)),
    Rule(
        check=ci.absolute_contraindication,
        codes=(ci.ABSOLUTE_MLD, ci.ABSOLUTE_OTHER, ci.PALLIATIVE),
    ),
    Rule(
        check=ci.relative_contraindication,
        codes=(
            ci.RELATIVE_UNCLEARED,
            ci.CLEARANCE_LATE,
            ci.CLEARANCE_STALE,
            ci.CLEARANCE_NOT_CLINICIAN,
            ci.MODIFIED,
        ),
    ),
    Rule(check=ci.incomplete_screen, codes=(ci.SEED_UNKNOWN, ci.SEED_MISSING)),
    Rule(
        check=ci.absolute_questions_answered,
        codes=(ci.ABSOLUTE_NOT_ASKED, ci.ABSOLUTE_UNKNOWN),
    ),
    Rule(check=ci.specific_question_answered, codes=(ci.SPECIFIC_NOT_RULED_OUT,)),
    Rule(check=ar.local_contraindication, codes=(ar.LOCAL_TREATED, ar.LOCAL_NO_AREA)),
    Rule(check=ar.abdominal_questions_answered, codes=(ar.ABDOMEN_UNSCREENED,)),
    Rule(check=ar.drains_through_blocked, codes=(ar.DRAINS_THROUGH,)),
    Rule(
        check=dr.drains_to_working_group,
        codes=(dr.NOT_WORKING, dr.IRRADIATED, dr.IRRADIATED_TERMINUS),
    ),
    Rule(check=dr.drainage_target_recorded, codes=(dr.NO_TARGET,)),
    Rule(check=dr.plausible_target, codes=(dr.IMPLAUSIBLE,)),
    Rule(check=od.clearing_before_reabsorption, codes=(od.REABSORPTION_FIRST,)),
    Rule(check=od.central_point_first, codes=(od.CENTRAL_NOT_CLEARED,)),
    Rule(check=od.target_group_first, codes=(od.TARGET_NOT_CLEARED,)),
    Rule(check=od.proximal_before_distal, codes=(od.DISTAL_FIRST,)),
    Rule(check=od.phase_recorded, codes=(od.NO_PHASE,)),
    Rule(check=tm.treatment_fits_session, codes=(tm.MINUTES_EXCEED, tm.MINUTES_OVERRUN)),
    Rule(check=tm.regions_plausibly_long, codes=(tm.REGION_TOO_LONG,)),
    Rule(check=tm.session_after_birth, codes=(tm.BEFORE_BIRTH,)),
    Rule(check=tm.session_not_in_future, codes=(tm.IN_FUTURE,)),
    Rule(check=tm.consent_on_file, codes=(tm.NO_CONSENT, tm.CONSENT_LATE)),
    Rule(check=tm.screen_before_session, codes=(tm.SCREEN_LATE,)),
    Rule(check=tm.screen_not_stale, codes=(tm.SCREEN_STALE,)),
    Rule(check=tm.signed_after_session, codes=(tm.SIGNED_EARLY,)),
    Rule(check=ae.red_flags, codes=(ae.RED_FLAG,)),
    Rule(check=ae.after_effect_duration, codes=(ae.PROLONGED, ae.EXPECTED)),
    Rule(check=ms.plausible_circumferences, codes=(ms.IMPLAUSIBLE,)),
    Rule(check=ms.landmark_matches_limb, codes=(ms.WRONG_LANDMARK,)),
    Rule(check=ms.sides_comparable, codes=(ms.SIDES_NOT_COMPARABLE,)),
    Rule(check=ms.previous_comparable, codes=(ms.PREVIOUS_NOT_COMPARABLE,)),
    Rule(check=ms.excess_volume, codes=(ms.EXCESS_VOLUME,)),
    Rule(check=ms.volume_change, codes=(ms.VOLUME_CHANGE,)),
    Rule(check=ms.lymphedema_staged, codes=(ms.NO_STAGE,)),
    Rule(check=ms.stemmer_with_lipedema, codes=(ms.LIPO_LYMPHEDEMA,)),
    Rule(check=ms.pitting_consistent_with_stage, codes=(ms.PITTING_LATENT,)),
    Rule(check=ms.latent_stage_consistent, codes=(ms.LATENT_WITH_EXCESS, ms.LATENT_STEMMER)),
    Rule(check=ms.pitting_depth_consistent, codes=(ms.PITTING_DEPTH,)),
    Rule(check=md.mld_indication, codes=(md.NO_INDICATION,)),
    Rule(check=md.mld_treats_something, codes=(md.NOTHING_TREATED,)),
    Rule(check=md.no_heat_or_pressure_on_limbs_at_risk, codes=(md.HEAT_OR_PRESSURE,)),
    Rule(check=cp.arterial_check_before_compression, codes=(cp.NO_ARTERIAL_CHECK,)),
    Rule(
        check=cp.abpi_band,
        codes=(cp.ABPI_CONTRAINDICATED, cp.ABPI_REDUCED, cp.ABPI_HIGH, cp.ABPI_STALE),
    ),
    Rule(check=cp.home_care_compression, codes=(cp.HOME_CARE_UNCHECKED,)),
    Rule(check=cp.garment_wear, codes=(cp.GARMENT_DUE, cp.GARMENT_UNDERWORN)),
    Rule(
        check=hx.anticoagulant_in_screen,
        codes=(hx.DVT_NOT_ASKED, hx.ANTICOAGULANT_UNEXPLAINED),
    ),
    Rule(check=hx.diuretic_in_screen, codes=(hx.DIURETIC_UNEXPLAINED,)),
    Rule(check=hx.recent_cellulitis, codes=(hx.RECENT_CELLULITIS,)),
    Rule(check=hx.red_flags, codes=(hx.RED_FLAG, hx.RED_FLAG_UNKNOWN)),
    Rule(
        check=px.within_prescription,
        codes=(px.SESSIONS_EXCEEDED, px.OUTSIDE_VALIDITY, px.LAST_AUTHORISED),
    ),
)
