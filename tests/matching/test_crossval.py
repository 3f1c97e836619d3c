"""Subject-disjoint cross-validation (``matching.crossval``) and score records (``matching.score_records``).

Synthetic score records with known structure check what makes the protocol honest: folds are
disjoint, seeded and balanced; a comparison between a held-back and a training identity is never
used; every choice (candidate, threshold) is made on training folds only, so a candidate that is
perfect on one held-back fold alone is not chosen for it; and the fusion rules behave as documented.
"""

from __future__ import annotations

import numpy as np
import pytest

from matching.crossval import assign_folds, cross_validate
from matching.score_records import FUSION_RULES, PairRecords, all_pairs_records, enroll_verify_records

IDENTITIES = 20
SAMPLES = 4


def _identity() -> np.ndarray:
    return np.repeat(np.arange(IDENTITIES), SAMPLES).astype(np.int64)


def _records(genuine_mean: np.ndarray, seed: int) -> PairRecords:
    """All-pairs records whose genuine scores centre on ``genuine_mean[identity]``, impostors on 0.2."""
    identity = _identity()
    rng = np.random.default_rng(seed)
    n = len(identity)
    matrix = rng.normal(0.2, 0.03, (n, n))
    same = identity[:, None] == identity[None, :]
    matrix[same] = (genuine_mean[identity][:, None] + rng.normal(0, 0.03, (n, n)))[same]
    half = np.tile(np.arange(SAMPLES) < SAMPLES // 2, IDENTITIES)
    return all_pairs_records(identity, half, matrix)


def test_folds_are_disjoint_balanced_and_seeded() -> None:
    fold_of = assign_folds(23, 5)
    assert np.array_equal(fold_of, assign_folds(23, 5))
    sizes = np.bincount(fold_of, minlength=5)
    assert sizes.max() - sizes.min() <= 1 and sizes.sum() == 23
    assert not np.array_equal(fold_of, assign_folds(23, 5, seed=1))


def test_held_back_comparisons_never_mix_with_training_identities() -> None:
    records = _records(np.full(IDENTITIES, 0.6), seed=1)
    cv = cross_validate({"only": records}, IDENTITIES, 4)
    fold_of = assign_folds(IDENTITIES, 4)
    pooled = cv.pooled
    assert np.array_equal(fold_of[pooled.probe_identity], fold_of[pooled.other_identity])
    within = fold_of[records.probe_identity] == fold_of[records.other_identity]
    assert len(pooled) == int(within.sum()) < len(records)
    assert sum(f.genuine_pairs for f in cv.folds) == int(pooled.genuine.sum())


def test_a_candidate_good_only_on_the_held_back_fold_is_not_chosen_for_it() -> None:
    fold_of = assign_folds(IDENTITIES, 4)
    steady = _records(np.full(IDENTITIES, 0.3), seed=2)  # overlaps the impostors
    # "lucky" separates perfectly on fold 0's people and not at all elsewhere
    lucky = _records(np.where(fold_of == 0, 0.9, 0.2), seed=3)
    cv = cross_validate({"steady": steady, "lucky": lucky}, IDENTITIES, 4)
    assert cv.folds[0].chosen == "steady"  # trained on folds 1-3, where lucky is chance
    assert cv.all_data_choice == "steady"
    # and the held-back figures of fold 0 are steady's, not the perfect ones lucky would show there
    assert cv.folds[0].eer is not None and cv.folds[0].eer > 0.0


def test_thresholds_come_from_training_folds() -> None:
    records = _records(np.full(IDENTITIES, 0.5), seed=4)
    summary = cross_validate({"only": records}, IDENTITIES, 4).summary()
    far = summary["per_fold"]["far_at_train_threshold"]["0.01"]
    assert far["mean"] is not None and 0.0 <= far["mean"] < 0.05
    assert set(summary["out_of_fold"]) >= {"eer", "frr_at_far", "genuine_pairs", "impostor_pairs"}


def test_too_few_identities_are_refused() -> None:
    with pytest.raises(ValueError):
        cross_validate({"only": _records(np.full(IDENTITIES, 0.5), 5)}, IDENTITIES, 11)


def test_fusion_rules() -> None:
    scores = np.array([[0.9, 0.5, 0.1], [0.4, -np.inf, -np.inf], [-np.inf, -np.inf, -np.inf]])
    assert np.allclose(FUSION_RULES["max"](scores)[:2], [0.9, 0.4])
    assert np.allclose(FUSION_RULES["mean"](scores)[:2], [0.5, 0.4])
    assert np.allclose(FUSION_RULES["top2"](scores)[:2], [0.7, 0.4])
    for rule in FUSION_RULES.values():
        assert rule(scores)[2] == -np.inf  # nothing enrolled: always a rejection


def test_enroll_verify_records_and_refusing() -> None:
    identity = _identity()
    enrolled = np.tile(np.arange(SAMPLES) < 3, IDENTITIES)
    half = np.tile(np.arange(SAMPLES) < SAMPLES // 2, IDENTITIES)
    matrix = np.random.default_rng(6).uniform(0, 1, (len(identity), len(identity)))
    records = enroll_verify_records(identity, enrolled, half, matrix, "max")
    assert len(records) == IDENTITIES * IDENTITIES  # one probe per identity, against every identity
    assert records.per_sample is not None and records.per_sample.shape[1] == 3
    row = 0
    probe, other = int(records.probe[row]), int(records.other_identity[row])
    expected = matrix[probe, np.flatnonzero(enrolled & (identity == other))].max()
    assert records.score[row] == pytest.approx(expected)
    assert np.allclose(records.fused("mean").score, records.per_sample.mean(axis=1))
