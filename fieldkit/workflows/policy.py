"""The decision thresholds every workflow uses, taken from the calibrated data shipped with matching.

Why one place: enrolment checks (do the samples of one hand agree? is this palm already enrolled?
does the face match the card photo?) and certification decisions must use thresholds measured for a
stated false-accept rate, never numbers typed into the code. The policy (which FAR for what) is
configuration; the default is the certification policy of ``matching.fusion.Policy``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from matching.calibration import threshold_for
from matching.decision_data import load_decision_data, policy_thresholds
from matching.errors import MatchingError
from matching.fusion import LogisticFusion, Policy

CONSISTENCY_FAR = 1e-3  # samples of one hand must agree at least this well
DUPLICATE_FAR = 1e-5  # one-to-many: per comparison, so a 10,000-palm gallery gives ~0.1 false hit per search
ID_PHOTO_FAR = 1e-3  # live face vs the card's chip photo (a mismatch opens a review case, never blocks)


@dataclass(frozen=True)
class DecisionContext:
    """Policy, its thresholds, the fusion model, and the enrolment-check thresholds."""

    policy: Policy
    thresholds: dict[str, float]
    fusion: LogisticFusion
    palm_consistency: float
    palm_duplicate: float
    face_id_photo: float


def _required(sets: object, kind: str, far: float) -> float:
    threshold = threshold_for(sets, kind, far)  # type: ignore[arg-type]
    if threshold.threshold is None:
        raise MatchingError(
            f"No {kind} threshold for FAR {far:g} in the calibration data.", code="thresholds.unsupported"
        )
    return threshold.threshold


@cache
def decision_context(policy: Policy | None = None) -> DecisionContext:
    """Load (once) the shipped calibration and derive every threshold the workflows need."""
    policy = policy or Policy()
    sets, fusion = load_decision_data()
    return DecisionContext(
        policy=policy,
        thresholds=policy_thresholds(sets, policy),
        fusion=fusion,
        palm_consistency=_required(sets, "palm", CONSISTENCY_FAR),
        palm_duplicate=_required(sets, "palm", DUPLICATE_FAR),
        face_id_photo=_required(sets, "face_id_photo", ID_PHOTO_FAR),
    )
