"""Liveness thresholds chosen on tuning folds and counted on held-out people
(``matching.liveness.threshold_cv``)."""

from __future__ import annotations

import math

import pytest

from matching.crossval import assign_folds
from matching.liveness.threshold_cv import choose_threshold, crossvalidate


def _people(count: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Bona fide around 1.0, attacks around 0.1; person p07's attacks are unusually strong (0.6)."""
    bona = {f"p{i:02d}": [1.0 + 0.01 * i, 0.9] for i in range(count)}
    attacks = {f"p{i:02d}": [0.1, 0.05 + 0.001 * i] for i in range(count)}
    attacks["p07"] = [0.6, 0.6]
    return bona, attacks


def test_choose_threshold_keeps_every_type_under_the_target() -> None:
    assert choose_threshold({"a": [0.1, 0.2, 0.3], "b": [0.5]}, 0.0) == pytest.approx(0.5)
    assert choose_threshold({"a": []}) is None
    only_failures = choose_threshold({"a": [-math.inf, -math.inf]})  # failed attacks: any score beats them
    assert only_failures is not None and only_failures < -1e300


def test_the_held_out_person_is_judged_by_a_threshold_chosen_without_them() -> None:
    bona, attacks = _people(10)
    result = crossvalidate(bona, {"flat": attacks}, folds=5, target=0.0)
    identities = sorted(bona)
    fold_of = dict(zip(identities, assign_folds(len(identities), 5).tolist(), strict=True))
    strong_fold = fold_of["p07"]
    for row in result["per_fold"]:
        if row["fold"] == strong_fold:
            # chosen on the others (attacks ≤ 0.059): p07's strong attacks pass on the held-out fold
            assert row["threshold"] < 0.6
            assert row["held_out"]["apcer"]["flat"]["apcer"] > 0
            assert row["tuned_on"]["apcer"]["flat"]["apcer"] == 0
        else:
            assert row["threshold"] > 0.6  # p07 was in the tuning folds
            assert row["held_out"]["apcer_max"] == 0
    held = result["held_out"]
    assert held["bona_count"] == 20 and held["apcer"]["flat"]["count"] == 20  # everyone once
    assert held["apcer"]["flat"]["apcer"] == pytest.approx(2 / 20)
    assert result["tuned_on"]["apcer"]["flat"]["apcer"] == 0  # the optimism the folds expose


def test_bad_fold_counts_are_refused() -> None:
    bona, attacks = _people(4)  # note: with p07's attacks, 5 identities
    with pytest.raises(ValueError):
        crossvalidate(bona, {"flat": attacks}, folds=6)
    with pytest.raises(ValueError):
        crossvalidate(bona, {"flat": attacks}, folds=1)
