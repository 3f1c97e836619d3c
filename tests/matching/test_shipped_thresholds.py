"""The thresholds and fusion model shipped in matching/data: present, consistent, and usable by the
default certification policy."""

from __future__ import annotations

import pytest

from matching.decision_data import load_decision_data, policy_thresholds
from matching.errors import MatchingError
from matching.fusion import Evidence, Policy, decide


def test_shipped_files_load_and_name_their_data() -> None:
    sets, model = load_decision_data()
    assert set(sets) == {"palm", "face", "face_id_photo", "fused"}
    for calibration in sets.values():
        assert calibration.datasets and calibration.genuine_pairs > 0 and calibration.impostor_pairs > 0
        thresholds = [t.threshold for t in calibration.thresholds if t.threshold is not None]
        assert thresholds == sorted(thresholds)  # a stricter FAR never has a lower threshold
    assert all(w >= 0 for w in model.weights)


def test_default_policy_is_supported_and_decides() -> None:
    sets, model = load_decision_data()
    policy = Policy()
    thresholds = policy_thresholds(sets, policy)
    accepted = decide(Evidence(palm=min(1.0, thresholds["palm"] + 0.1), face=None), policy, thresholds, model)
    assert accepted.outcome == "accept"
    face_only = decide(
        Evidence(palm=None, face=min(1.0, thresholds["face"] + 0.05)), policy, thresholds, model
    )
    assert face_only.outcome == "needs_review"
    stranger = decide(Evidence(palm=0.05, face=0.3), policy, thresholds, model)
    assert stranger.outcome == "reject"


def test_a_far_the_data_cannot_vouch_for_is_refused() -> None:
    sets, _ = load_decision_data()
    with pytest.raises(MatchingError) as info:
        policy_thresholds(sets, Policy(face_alone_far=1e-5))
    assert info.value.code == "thresholds.unsupported"


def test_a_strong_face_does_not_carry_a_strangers_palm() -> None:
    """A held-up photo scores like the real face; with a palm far below any genuine score it must
    not certify (before the palm floor, face 0.9 with palm 0.05 was a fused accept)."""
    sets, model = load_decision_data()
    policy = Policy()
    thresholds = policy_thresholds(sets, policy)
    assert thresholds["palm_floor"] < thresholds["palm"]
    photo = decide(Evidence(palm=0.05, face=0.9), policy, thresholds, model)
    assert photo.outcome == "needs_review" and photo.code == "decision.face_only_review"
    assert model.score(0.05, 0.9) >= thresholds["fused"]  # the fused score alone would have accepted
    helped = decide(Evidence(palm=thresholds["palm_floor"] + 0.01, face=0.9), policy, thresholds, model)
    assert helped.outcome == "accept" and helped.code == "decision.fused_match"
