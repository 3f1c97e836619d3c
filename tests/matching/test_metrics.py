"""Tests of matching.metrics: verification error rates from score records, and the DET plot.

Expected values come from hand computation or closed forms (normal distributions), and the property
test compares against a brute-force count of FAR/FRR at each threshold, never the code under test.
"""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from matching.metrics import (
    det_points,
    draw_det_plot,
    error_rates,
    far_frr_curve,
    threshold_for_far,
)

NINF = -np.inf


def brute_far_frr(genuine: list[float], impostor: list[float], t: float) -> tuple[float, float]:
    """FAR and FRR at ``t`` by counting, straight from the definitions."""
    far = sum(1 for s in impostor if s >= t) / len(impostor)
    frr = sum(1 for s in genuine if s < t) / len(genuine)
    return far, frr


def test_default_keys_are_the_short_decimal_forms() -> None:
    rates = error_rates(np.array([0.9]), np.linspace(0.0, 0.5, 20_000))
    assert list(rates.frr_at_far) == ["0.01", "0.001", "0.0001"]
    assert list(rates.threshold_at_far) == ["0.01", "0.001", "0.0001"]
    assert (rates.genuine_pairs, rates.impostor_pairs) == (1, 20_000)


def test_perfect_separation() -> None:
    rng = np.random.default_rng(1)
    genuine, impostor = rng.uniform(0.6, 1.0, 5_000), rng.uniform(0.0, 0.4, 20_000)
    rates = error_rates(genuine, impostor)
    assert rates.eer == 0.0
    assert rates.frr_at_far == {"0.01": 0.0, "0.001": 0.0, "0.0001": 0.0}
    assert rates.eer_threshold == genuine.min()  # first operating point where FAR = FRR = 0


def test_identical_distributions_give_eer_one_half() -> None:
    rng = np.random.default_rng(2)
    scores = rng.uniform(0.0, 1.0, 50_000)
    assert error_rates(scores, scores.copy()).eer == pytest.approx(0.5, abs=1e-4)
    assert error_rates(rng.uniform(0, 1, 50_000), rng.uniform(0, 1, 50_000)).eer == pytest.approx(
        0.5, abs=0.01
    )


def test_two_normals_match_closed_form() -> None:
    rng = np.random.default_rng(3)
    rates = error_rates(rng.normal(1.0, 1.0, 200_000), rng.normal(-1.0, 1.0, 200_000))
    # note: by symmetry the curves cross at t = 0, where FAR = FRR = Phi(-1).
    assert rates.eer == pytest.approx(norm.cdf(-1.0), abs=0.005)
    assert rates.eer_threshold == pytest.approx(0.0, abs=0.02)
    # FAR(t) = 1 - Phi(t + 1) = 0.01  =>  t = ppf(0.99) - 1;  FRR(t) = Phi(t - 1) = Phi(ppf(0.99) - 2).
    t = norm.ppf(0.99) - 1.0
    assert rates.threshold_at_far["0.01"] == pytest.approx(t, abs=0.02)
    assert rates.frr_at_far["0.01"] == pytest.approx(norm.cdf(t - 1.0), abs=0.01)


def test_hand_computed_example_with_ties() -> None:
    genuine = np.array([0.2, 0.5, 0.5, 0.8, 0.9])
    impostor = np.array([0.1, 0.2, 0.2, 0.5, 0.6])
    # t:     0.1  0.2  0.5  0.6  0.8  0.9  inf
    # FAR:   5/5  4/5  2/5  1/5  0    0    0
    # FRR:   0    0    1/5  3/5  3/5  4/5  1
    thresholds, far, frr = far_frr_curve(genuine, impostor)
    np.testing.assert_array_equal(thresholds, [0.1, 0.2, 0.5, 0.6, 0.8, 0.9, np.inf])
    np.testing.assert_allclose(far, [1.0, 0.8, 0.4, 0.2, 0, 0, 0])
    np.testing.assert_allclose(frr, [0, 0, 0.2, 0.6, 0.6, 0.8, 1.0])
    # FAR - FRR goes +0.2 (t=0.5) -> -0.4 (t=0.6): a = 0.2 / 0.6 = 1/3 of the way,
    # EER = 0.4 + (0.2 - 0.4)/3 = 0.2 + (0.6 - 0.2)/3 = 1/3, threshold = 0.5 + 0.1/3.
    rates = error_rates(genuine, impostor, fars=(0.1, 0.2, 0.4, 0.6))
    assert rates.eer == pytest.approx(1 / 3)
    assert rates.eer_threshold == pytest.approx(0.5 + 0.1 / 3)
    # FAR 0.1 < 1/5: not resolvable. FAR 0.2: one false accept allowed, so reject the 2nd highest
    # impostor (0.5) and with it the genuine 0.2, 0.5, 0.5 -> FRR 3/5. FAR 0.4: reject 0.2 and below,
    # FRR 1/5. FAR 0.6 would allow 3 but the tie at 0.2 forces the same threshold (actual FAR 0.4).
    assert rates.frr_at_far == {"0.1": None, "0.2": pytest.approx(0.6), "0.4": 0.2, "0.6": 0.2}
    assert rates.threshold_at_far["0.1"] is None
    assert rates.threshold_at_far["0.2"] == np.nextafter(0.5, 1.0)
    assert rates.threshold_at_far["0.4"] == rates.threshold_at_far["0.6"] == np.nextafter(0.2, 1.0)


def test_threshold_for_far_is_smallest() -> None:
    impostor = np.array([0.1, 0.2, 0.2, 0.5, 0.6])
    assert threshold_for_far(impostor, 0.2) == np.nextafter(0.5, 1.0)
    assert threshold_for_far(impostor, 0.0) == np.nextafter(0.6, 1.0)
    assert threshold_for_far(impostor, 1.0) == -np.finfo(np.float64).max
    # 0.29 * 100 is 28.999... in floats; the decimal 0.29 allows 29 false accepts out of 100.
    assert threshold_for_far(np.arange(100.0), 0.29) == np.nextafter(70.0, 100.0)
    with pytest.raises(ValueError):
        threshold_for_far(impostor, 1.5)


def test_genuine_failures_are_always_false_rejects() -> None:
    rng = np.random.default_rng(4)
    genuine = np.concatenate([rng.uniform(0.6, 1.0, 900), np.full(100, NINF)])
    rates = error_rates(genuine, rng.uniform(0.0, 0.4, 10_000))
    assert rates.frr_at_far == {"0.01": 0.1, "0.001": 0.1, "0.0001": 0.1}
    # FRR is 0.1 at every threshold up to the first genuine score, so FAR meets it at 0.1 exactly.
    assert rates.eer == pytest.approx(0.1)
    _, _, frr = far_frr_curve(genuine, rng.uniform(0.0, 0.4, 10))
    assert frr.min() == 0.1


def test_impostor_failures_are_never_false_accepts() -> None:
    rng = np.random.default_rng(5)
    genuine = rng.uniform(0.0, 1.0, 1_000)
    impostor = np.concatenate([rng.uniform(0.0, 0.5, 300), np.full(700, NINF)])
    thresholds, far, _ = far_frr_curve(genuine, impostor)
    assert np.isfinite(thresholds[:-1]).all()
    assert far.max() == pytest.approx(0.3)
    # 30 % of impostors are real comparisons: any FAR target >= 0.3 accepts every real score.
    assert error_rates(genuine, impostor, fars=(0.5,)).frr_at_far["0.5"] == 0.0
    # All impostors failed: nothing is ever falsely accepted; EER is the (zero) FRR.
    rates = error_rates(genuine, np.full(1_000, NINF))
    assert rates.eer == 0.0 and rates.frr_at_far["0.01"] == 0.0


@pytest.mark.parametrize(
    ("genuine", "impostor"),
    [
        ([0.5, np.nan], [0.1]),
        ([0.5], [np.nan]),
        ([], [0.1]),
        ([0.5], []),
        ([np.inf], [0.1]),
        ([[0.5]], [0.1]),
    ],
)
def test_invalid_scores_raise(genuine: list[float], impostor: list[float]) -> None:
    with pytest.raises(ValueError):
        error_rates(np.array(genuine), np.array(impostor))
    with pytest.raises(ValueError):
        far_frr_curve(np.array(genuine), np.array(impostor))


def test_duplicate_far_keys_raise() -> None:
    with pytest.raises(ValueError, match="repeat"):
        error_rates(np.array([0.9]), np.array([0.1]), fars=(0.01, 0.0100000001))


def test_far_below_one_over_n_is_none() -> None:
    rng = np.random.default_rng(6)
    rates = error_rates(rng.uniform(0.5, 1.0, 100), rng.uniform(0.0, 0.6, 1_000))
    assert rates.frr_at_far["0.0001"] is None and rates.threshold_at_far["0.0001"] is None
    assert rates.frr_at_far["0.001"] is not None  # exactly 1/N is resolvable
    assert rates.frr_at_far["0.01"] is not None


def test_two_million_impostors_are_fast() -> None:
    rng = np.random.default_rng(7)
    genuine, impostor = rng.normal(0.7, 0.1, 20_000), rng.normal(0.3, 0.1, 2_000_000)
    start = time.perf_counter()
    rates = error_rates(genuine, impostor)
    elapsed = time.perf_counter() - start
    assert rates.eer == pytest.approx(norm.cdf(-2.0), abs=0.005)
    assert elapsed < 3.0  # note: ~0.4 s vectorised; a Python loop over the scores takes far longer


scores = st.lists(
    st.one_of(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, NINF]), st.floats(0.0, 1.0)),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(genuine=scores, impostor=scores)
def test_properties_against_brute_force(genuine: list[float], impostor: list[float]) -> None:
    thresholds, far, frr = far_frr_curve(np.array(genuine), np.array(impostor))
    for t, a, r in zip(thresholds, far, frr, strict=True):
        assert (a, r) == pytest.approx(brute_far_frr(genuine, impostor, t))
    assert np.all(np.diff(thresholds) > 0) and thresholds[-1] == np.inf
    fars = (0.05, 0.1, 0.2, 0.5, 1.0)
    rates = error_rates(np.array(genuine), np.array(impostor), fars=fars)
    assert 0.0 <= rates.eer <= 1.0
    # The EER is sandwiched: never above the best max(FAR, FRR), never below the largest min(FAR, FRR).
    assert np.max(np.minimum(far, frr)) - 1e-12 <= rates.eer <= np.min(np.maximum(far, frr)) + 1e-12
    resolved = [value for f in fars if (value := rates.frr_at_far[f"{f:g}"]) is not None]
    assert resolved == sorted(resolved, reverse=True)  # a looser FAR target never costs more FRR
    for f in fars:
        t = threshold_for_far(np.array(impostor), f)
        assert brute_far_frr(genuine, impostor, t)[0] <= f
        if t > -np.finfo(np.float64).max:  # minimality: one float lower breaks the target
            assert brute_far_frr(genuine, impostor, float(np.nextafter(t, -np.inf)))[0] > f
        value = rates.frr_at_far[f"{f:g}"]
        assert (value is None) == (f * len(impostor) < 1 - 1e-9)
        if value is not None:
            assert value == pytest.approx(brute_far_frr(genuine, impostor, t)[1])


def test_det_points_follow_the_curve() -> None:
    far, frr = det_points(np.array([0.2, 0.5, 0.5, 0.8, 0.9]), np.array([0.1, 0.2, 0.2, 0.5, 0.6]))
    np.testing.assert_allclose(far, [1.0, 0.8, 0.4, 0.2, 0, 0, 0])
    np.testing.assert_allclose(frr, [0, 0, 0.2, 0.6, 0.6, 0.8, 1.0])


def test_draw_det_plot_writes_a_readable_png(tmp_path: Path) -> None:
    rng = np.random.default_rng(8)
    curves = {
        "palm vein": det_points(rng.normal(0.7, 0.1, 5_000), rng.normal(0.3, 0.1, 50_000)),
        "face": det_points(rng.normal(0.6, 0.12, 5_000), rng.normal(0.35, 0.1, 50_000)),
    }
    target = tmp_path / "det.png"
    draw_det_plot(curves, target, title="DET test")
    image = cv2.imread(str(target))
    assert image is not None and image.shape == (700, 800, 3)
    assert (image < 250).any()
    blue, red = image[..., 0].astype(int), image[..., 2].astype(int)
    assert ((blue - red) > 100).sum() > 200  # first curve (blue) is drawn
    assert ((red - blue) > 100).sum() > 200  # second curve (red) is drawn
    empty = tmp_path / "empty.png"
    draw_det_plot({}, empty)
    reread = cv2.imread(str(empty))
    assert reread is not None and reread.shape == (700, 800, 3)
    with pytest.raises(ValueError):
        draw_det_plot({"bad": (np.zeros(3), np.zeros(2))}, tmp_path / "bad.png")
