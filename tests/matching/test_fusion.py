"""Tests of matching.fusion: the logistic palm+face model and the certification rules.

The model is checked against what it must achieve (better separation than either modality, by EER
from matching.metrics), and ``decide`` against a hand-made table that reaches every rule and code.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.errors import MatchingError
from matching.fusion import (
    DECISIONS,
    Decision,
    Evidence,
    LogisticFusion,
    Policy,
    decide,
    score_fused,
)
from matching.metrics import error_rates

NINF = -math.inf
THRESHOLDS = {"palm": 0.6, "face": 0.7, "fused": 0.85, "palm_floor": 0.5}
MODEL = LogisticFusion(weights=(4.0, 4.0), bias=-4.0)  # fused = expit(4 * (palm + face - 1))


def gaussian_pairs(seed: int, n: int = 4_000) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal((0.7, 0.8), 0.1, (n, 2)), rng.normal((0.1, 0.2), 0.1, (n, 2))


def test_fused_score_separates_better_than_either_modality() -> None:
    genuine, impostor = gaussian_pairs(0)
    model = LogisticFusion.fit(genuine, impostor)
    fused_genuine = np.array([model.score(p, f) for p, f in genuine])
    fused_impostor = np.array([model.score(p, f) for p, f in impostor])
    assert ((fused_genuine >= 0) & (fused_genuine <= 1)).all()
    palm_eer = error_rates(genuine[:, 0], impostor[:, 0]).eer
    face_eer = error_rates(genuine[:, 1], impostor[:, 1]).eer
    fused_eer = error_rates(fused_genuine, fused_impostor).eer
    assert palm_eer > 0 and face_eer > 0  # else the comparison below would prove nothing
    assert fused_eer < min(palm_eer, face_eer)
    assert model.weights[0] == pytest.approx(model.weights[1], rel=0.2)  # symmetric problem


def test_fit_is_deterministic_and_ignores_failed_rows() -> None:
    genuine, impostor = gaussian_pairs(1, 500)
    first = LogisticFusion.fit(genuine, impostor)
    assert LogisticFusion.fit(genuine.copy(), impostor.copy()) == first
    with_failures = np.vstack([genuine, [[NINF, 0.9], [0.8, NINF]]])
    assert LogisticFusion.fit(with_failures, impostor) == first


def test_uninformative_direction_gets_zero_weight() -> None:
    genuine, impostor = gaussian_pairs(2, 500)
    genuine[:, 1], impostor[:, 1] = 1 - genuine[:, 1], 1 - impostor[:, 1]  # face now points the wrong way
    model = LogisticFusion.fit(genuine, impostor)
    assert model.weights[0] > 0 and model.weights[1] == 0.0


@pytest.mark.parametrize(
    ("genuine", "impostor"),
    [(np.zeros((3, 3)), np.zeros((3, 2))), ([[NINF, 0.5]], [[0.1, 0.1]]), ([[math.nan, 0.5]], [[0.1, 0.1]])],
)
def test_fit_refuses_bad_input(genuine: object, impostor: object) -> None:
    with pytest.raises(ValueError):
        LogisticFusion.fit(genuine, impostor)  # type: ignore[arg-type]


def test_score_and_round_trip() -> None:
    assert MODEL.score(0.5, 0.5) == pytest.approx(0.5)
    assert MODEL.score(NINF, 0.9) == NINF and MODEL.score(0.9, NINF) == NINF
    with pytest.raises(ValueError):
        MODEL.score(math.nan, 0.5)
    model = LogisticFusion.fit(*gaussian_pairs(3, 300))
    stored = json.loads(json.dumps(model.to_dict()))
    assert LogisticFusion.from_dict(stored) == model
    for broken in [
        {},
        stored | {"version": 2},
        stored | {"weights": [1.0]},
        stored | {"weights": [1.0, "2"]},
        stored | {"weights": [-1.0, 1.0]},
        stored | {"bias": None},
    ]:
        with pytest.raises(MatchingError) as caught:
            LogisticFusion.from_dict(broken)
        assert caught.value.code == "fusion.bad"


def test_policy_validation_and_round_trip() -> None:
    policy = Policy(palm_alone_far=1e-3, max_attempts=5)
    assert Policy.from_dict(json.loads(json.dumps(policy.to_dict()))) == policy
    assert Policy.from_dict({}) == Policy()
    bad_policies: list[dict[str, object]] = [
        {"fused_far": 0.0},
        {"fused_palm_floor_far": 1.0},
        {"retry_margin": -0.1},
        {"max_attempts": 0},
        {"colour": "red"},
    ]
    for bad in bad_policies:
        with pytest.raises(MatchingError) as caught:
            Policy.from_dict(bad)
        assert caught.value.code == "policy.bad"


# --- decide --------------------------------------------------------------------------------------
# Policy(): margin 0.05, max_attempts 3. Thresholds: palm 0.6, face 0.7, fused 0.85 (on MODEL:
# palm + face >= 1.434), palm floor for a fused accept 0.5. Fused 0.80..0.85 is a near miss: palm +
# face in [1.347, 1.434).
CASES = [
    # palm, face, attempt, fusion?, outcome, code
    (0.65, None, 1, True, "accept", "decision.palm_match"),
    (0.6, 0.1, 1, True, "accept", "decision.palm_match"),  # the threshold itself accepts
    (0.5, 0.95, 1, True, "accept", "decision.fused_match"),  # fused 0.858, palm on the floor
    (0.45, 1.0, 1, True, "needs_review", "decision.face_only_review"),  # fused 0.858, palm under it
    (0.5, 0.95, 1, False, "needs_review", "decision.face_only_review"),  # no model: face alone
    (None, 0.8, 1, True, "needs_review", "decision.face_only_review"),
    (NINF, 0.8, 1, True, "needs_review", "decision.face_only_review"),  # failed palm = missing
    (0.57, None, 1, True, "retry", "decision.retry_low_score"),
    (0.57, 0.8, 2, True, "retry", "decision.retry_low_score"),  # a palm retake may still accept
    (0.5, 0.9, 1, True, "retry", "decision.retry_low_score"),  # fused 0.832: near miss
    (None, 0.67, 1, True, "retry", "decision.retry_low_score"),
    (0.57, None, 3, True, "needs_review", "decision.too_many_attempts"),
    (0.5, 0.9, 4, True, "needs_review", "decision.too_many_attempts"),
    (0.2, 0.3, 1, True, "reject", "decision.no_match"),
    (0.2, None, 3, True, "reject", "decision.no_match"),  # a clear mismatch is not retried
    (None, 0.1, 1, False, "reject", "decision.no_match"),
    (None, None, 1, True, "retry", "decision.no_evidence"),
    (NINF, NINF, 2, True, "retry", "decision.no_evidence"),
    (NINF, None, 3, True, "needs_review", "decision.no_evidence"),
]


@pytest.mark.parametrize(("palm", "face", "attempt", "fused", "outcome", "code"), CASES)
def test_decision_table(
    palm: float | None, face: float | None, attempt: int, fused: bool, outcome: str, code: str
) -> None:
    evidence = Evidence(palm=palm, face=face, attempt=attempt)
    decision = decide(evidence, Policy(), THRESHOLDS, MODEL if fused else None)
    assert (decision.outcome, decision.code) == (outcome, code), decision.reason
    assert decision.fused_score == score_fused(evidence, MODEL if fused else None)
    assert decision.reason


def test_every_code_and_outcome_is_reached() -> None:
    assert {case[4] for case in CASES} == set(DECISIONS)
    assert len({case[5] for case in CASES}) == 7


def test_reason_names_the_far() -> None:
    decision = decide(Evidence(palm=0.9, face=None), Policy(), THRESHOLDS, None)
    assert decision == Decision("accept", "palm matches (FAR 1e-4)", "decision.palm_match", None)
    fused = decide(Evidence(palm=0.5, face=0.95), Policy(fused_far=2.5e-5), THRESHOLDS, MODEL)
    assert fused.reason == "palm and face together match (FAR 2.5e-5)"


def test_missing_threshold_is_an_error() -> None:
    with pytest.raises(MatchingError) as caught:
        decide(Evidence(palm=0.5, face=0.5), Policy(), {"palm": 0.6, "face": 0.7}, MODEL)
    assert caught.value.code == "decision.no_threshold"
    assert decide(Evidence(palm=0.5, face=0.5), Policy(), {"palm": 0.6, "face": 0.7}, None).outcome


def test_nan_score_or_threshold_is_refused() -> None:
    with pytest.raises(ValueError):
        decide(Evidence(palm=math.nan, face=None), Policy(), THRESHOLDS, None)
    with pytest.raises(ValueError):
        decide(Evidence(palm=0.5, face=None), Policy(), THRESHOLDS | {"palm": math.nan}, None)


scores = st.one_of(st.none(), st.just(NINF), st.floats(0.0, 1.0))


@settings(max_examples=300, deadline=None)
@given(
    palm=scores,
    face=scores,
    raise_palm=st.booleans(),
    new_value=st.floats(0.0, 1.0),
    attempt=st.integers(1, 4),
    weights=st.tuples(st.floats(0.0, 10.0), st.floats(0.0, 10.0)),
    bias=st.floats(-10.0, 10.0),
    cut=st.tuples(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0)),
    margin=st.floats(0.0, 0.2),
    use_model=st.booleans(),
)
def test_raising_a_score_never_undoes_an_accept(
    palm: float | None,
    face: float | None,
    raise_palm: bool,
    new_value: float,
    attempt: int,
    weights: tuple[float, float],
    bias: float,
    cut: tuple[float, float, float, float],
    margin: float,
    use_model: bool,
) -> None:
    model = LogisticFusion(weights=weights, bias=bias) if use_model else None
    policy = Policy(retry_margin=margin)
    thresholds = dict(zip(("palm", "face", "fused", "palm_floor"), cut, strict=True))
    before = decide(Evidence(palm=palm, face=face, attempt=attempt), policy, thresholds, model)
    assert before.outcome in DECISIONS
    old = palm if raise_palm else face
    if old is None or new_value < old:
        return  # from None is adding evidence, not raising a score
    raised = Evidence(palm=new_value, face=face, attempt=attempt)
    if not raise_palm:
        raised = Evidence(palm=palm, face=new_value, attempt=attempt)
    after = decide(raised, policy, thresholds, model)
    if before.outcome == "accept":
        assert after.outcome == "accept", (before, after)
