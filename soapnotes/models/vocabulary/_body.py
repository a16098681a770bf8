"""The body: sides, node groups and their states, regions, limbs, why a client comes."""

from __future__ import annotations

from soapnotes.models.vocabulary._base import _Vocabulary


class Side(_Vocabulary):
    """A side of the body."""

    LEFT = "left"
    RIGHT = "right"


class Laterality(_Vocabulary):
    """Which side(s) a condition affects."""

    LEFT = "left"
    RIGHT = "right"
    BILATERAL = "bilateral"


class Sex(_Vocabulary):
    """Sex as recorded by the clinic (optional on a client)."""

    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    UNDISCLOSED = "undisclosed"


class NodeGroup(_Vocabulary):
    """Regional lymph node groups that a region can drain to (Földi 2012; the routes are in
    :mod:`soapnotes.models.anatomy`).

    ``abdominal`` (deep abdominal / cisterna chyli) and ``para_aortic`` (lumbar) are midline
    and have no side; every other group exists on the left and on the right. ``pelvic`` is
    the iliac chain the inguinal nodes drain to.
    """

    CERVICAL = "cervical"
    SUPRACLAVICULAR = "supraclavicular"
    AXILLARY = "axillary"
    CUBITAL = "cubital"
    INGUINAL = "inguinal"
    POPLITEAL = "popliteal"
    ABDOMINAL = "abdominal"
    PELVIC = "pelvic"
    PARA_AORTIC = "para_aortic"
    PARASTERNAL = "parasternal"
    INFRACLAVICULAR = "infraclavicular"
    OCCIPITAL = "occipital"
    SUBMANDIBULAR = "submandibular"

    @property
    def is_midline(self) -> bool:
        """True for groups that have no left and right (abdominal, para-aortic)."""
        return self in _MIDLINE_GROUPS


class NodeState(_Vocabulary):
    """What has happened to a node group. Set by the clinician; never inferred from surgery.

    Irradiated is not removed: irradiated nodes still drain, with reduced capacity (Földi
    2012, Zuther 2017), so draining toward them is a caution, never an impossible route.
    """

    WORKING = "working"
    REMOVED = "removed"
    IRRADIATED = "irradiated"

    @property
    def drains(self) -> bool:
        """True when lymph can still be moved toward nodes in this state (not removed)."""
        return self is not NodeState.REMOVED


class BodyRegion(_Vocabulary):
    """A region that can be treated, named as a therapist charts it.

    Node areas (``supraclavicular``, ``neck``, ``axilla``, ``groin``) are regions too: they are
    cleared before the limb that drains into them.
    """

    SUPRACLAVICULAR = "supraclavicular"
    NECK = "neck"
    FACE = "face"
    AXILLA = "axilla"
    CHEST = "chest"
    BREAST = "breast"
    ABDOMEN = "abdomen"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    GLUTEAL = "gluteal"
    SHOULDER = "shoulder"
    UPPER_ARM = "upper_arm"
    FOREARM = "forearm"
    HAND = "hand"
    GROIN = "groin"
    THIGH = "thigh"
    KNEE = "knee"
    LOWER_LEG = "lower_leg"
    FOOT = "foot"
    LATERAL_TRUNK = "lateral_trunk"
    GENITAL = "genital"
    HEAD = "head"
    FINGERS = "fingers"
    TOES = "toes"
    POPLITEAL_FOSSA = "popliteal_fossa"

    @property
    def is_midline(self) -> bool:
        """True for regions charted without a side (a side may still be given)."""
        return self in _MIDLINE_REGIONS

    @property
    def limb(self) -> Limb | None:
        """The limb this region is a segment of, or None for trunk and head regions."""
        return _REGION_LIMB.get(self)


class Limb(_Vocabulary):
    """A limb, for measurements and limb segments."""

    ARM = "arm"
    LEG = "leg"


_MIDLINE_GROUPS = frozenset({NodeGroup.ABDOMINAL, NodeGroup.PARA_AORTIC})

_MIDLINE_REGIONS = frozenset(
    {
        BodyRegion.NECK,
        BodyRegion.FACE,
        BodyRegion.ABDOMEN,
        BodyRegion.UPPER_BACK,
        BodyRegion.LOWER_BACK,
        BodyRegion.GENITAL,
        BodyRegion.HEAD,
    }
)

_REGION_LIMB = {
    BodyRegion.SHOULDER: Limb.ARM,
    BodyRegion.UPPER_ARM: Limb.ARM,
    BodyRegion.FOREARM: Limb.ARM,
    BodyRegion.HAND: Limb.ARM,
    BodyRegion.THIGH: Limb.LEG,
    BodyRegion.KNEE: Limb.LEG,
    BodyRegion.LOWER_LEG: Limb.LEG,
    BodyRegion.FOOT: Limb.LEG,
    BodyRegion.FINGERS: Limb.ARM,
    BodyRegion.TOES: Limb.LEG,
    BodyRegion.POPLITEAL_FOSSA: Limb.LEG,
}


class EdemaArea(_Vocabulary):
    """Where a lymphedema sits."""

    ARM = "arm"
    LEG = "leg"
    TRUNK = "trunk"
    BREAST = "breast"
    HEAD_AND_NECK = "head_and_neck"
    GENITAL = "genital"


class ConditionKind(_Vocabulary):
    """Why a client comes: the condition a session treats (relaxation included)."""

    LYMPHEDEMA = "lymphedema"
    LIPEDEMA = "lipedema"
    CHRONIC_VENOUS_INSUFFICIENCY = "chronic_venous_insufficiency"
    FIBROMYALGIA = "fibromyalgia"
    RHEUMATOID_ARTHRITIS = "rheumatoid_arthritis"
    POST_SURGICAL_SWELLING = "post_surgical_swelling"
    DIGESTIVE = "digestive"
    RELAXATION = "relaxation"
    OTHER = "other"
