"""The shipped decision data — thresholds per FAR and the palm+face fusion model — as the application
loads it at run time.

Why apart from ``matching.calibrate``: calibration is a development command that evaluates whole
data sets (and imports both evaluation harnesses); the application only needs to read the two JSON
files it produced, and should not import the tooling to do so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from matching.calibration import CalibrationSet, read_thresholds, threshold_for
from matching.errors import MatchingError
from matching.fusion import LogisticFusion, Policy

DATA_DIR = Path(__file__).with_name("data")
THRESHOLDS_FILE = "thresholds.json"
FUSION_FILE = "fusion.json"


def load_decision_data(folder: Path = DATA_DIR) -> tuple[dict[str, CalibrationSet], LogisticFusion]:
    """The shipped thresholds and fusion model (MatchingError with a code if missing or malformed)."""
    sets = read_thresholds(folder / THRESHOLDS_FILE)
    try:
        document = json.loads((folder / FUSION_FILE).read_text(encoding="utf-8"))
        model = LogisticFusion.from_dict(document["model"])
    except (OSError, ValueError, KeyError, TypeError):
        raise MatchingError(
            f"The fusion model file {folder / FUSION_FILE} is missing or damaged.", code="fusion.missing"
        ) from None
    return sets, model


def policy_thresholds(sets: Mapping[str, CalibrationSet], policy: Policy) -> dict[str, float]:
    """The score thresholds ``fusion.decide`` needs for a policy, refusing FARs the data cannot vouch for."""
    chosen = {}
    for kind, set_kind, far in (
        ("palm", "palm", policy.palm_alone_far),
        ("fused", "fused", policy.fused_far),
        ("palm_floor", "palm", policy.fused_palm_floor_far),
        ("face", "face", policy.face_alone_far),
    ):
        threshold = threshold_for(sets, set_kind, far)
        if threshold.threshold is None or not threshold.supported:
            raise MatchingError(
                f"The {kind} threshold for FAR {far:g} is not supported by the calibration data "
                f"({threshold.impostor_pairs:,} impostor pairs); choose a higher FAR or recalibrate.",
                code="thresholds.unsupported",
                kind=kind,
                far=far,
            )
        chosen[kind] = threshold.threshold
    return chosen
