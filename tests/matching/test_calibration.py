"""Tests of matching.calibration: thresholds at FAR targets with their confidence, and the file.

Expected values come from closed forms (uniform impostor scores, the rule of three, scipy's beta
quantile) or from brute-force counting, never from the code under test.
"""

from __future__ import annotations

import json
import math
import os
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import beta

from matching.calibration import (
    ABOVE_ALL_IMPOSTORS,
    AT_TARGET,
    NO_IMPOSTOR_SCORES,
    THRESHOLDS_FORMAT,
    THRESHOLDS_VERSION,
    CalibrationSet,
    Threshold,
    calibrate,
    calibration_set,
    far_upper_bound,
    read_thresholds,
    threshold_for,
    write_thresholds,
)
from matching.errors import MatchingError

NINF = -np.inf


@pytest.fixture(scope="module")
def uniform_impostor() -> np.ndarray:
    return np.random.default_rng(7).uniform(0.0, 1.0, 100_000)


def by_far(thresholds: list[Threshold]) -> dict[float, Threshold]:
    return {t.far_target: t for t in thresholds}


def test_uniform_impostors_give_the_quantile(uniform_impostor: np.ndarray) -> None:
    genuine = np.random.default_rng(8).uniform(0.9, 1.0, 1_000)
    result = by_far(calibrate(genuine, uniform_impostor))
    assert list(result) == [1e-2, 1e-3, 1e-4, 1e-5]
    at_1e2 = result[1e-2]
    assert at_1e2.threshold is not None
    assert at_1e2.threshold == pytest.approx(0.99, abs=0.002)
    assert at_1e2.false_accepts <= 1000
    assert at_1e2.false_accepts / 100_000 <= 1e-2
    assert at_1e2.false_accepts == int((uniform_impostor >= at_1e2.threshold).sum())
    assert at_1e2.frr == pytest.approx(float((genuine < at_1e2.threshold).mean()))
    assert at_1e2.supported and at_1e2.basis == AT_TARGET
    assert at_1e2.impostor_pairs == 100_000
    at_1e5 = result[1e-5]  # far * N == 1: one false accept allowed, resolvable but not vouched for
    assert at_1e5.basis == AT_TARGET
    assert at_1e5.false_accepts <= 1
    assert at_1e5.far_upper_95 == pytest.approx(beta.ppf(0.95, at_1e5.false_accepts + 1, 100_000 - 1))
    assert not at_1e5.supported  # the bound ~4.7e-5 is above 3e-5


def test_too_few_impostors_use_the_rule_of_three() -> None:
    impostor = np.random.default_rng(3).uniform(0.0, 0.8, 1_000)
    (result,) = calibrate([0.9, 0.95], impostor, far_targets=[1e-4])
    assert result.basis == ABOVE_ALL_IMPOSTORS
    assert result.false_accepts == 0
    assert result.threshold is not None and result.threshold > impostor.max()
    assert result.threshold == np.nextafter(impostor.max(), np.inf)
    assert result.far_upper_95 == pytest.approx(1 - 0.05 ** (1 / 1000), abs=1e-6)
    assert result.far_upper_95 == pytest.approx(0.0029912, abs=1e-6)  # -ln(0.05) / 1000 = 0.0029957
    assert not result.supported
    assert result.frr == 0.0


def test_zero_false_accepts_are_supported_from_about_one_over_far_impostors() -> None:
    impostor = np.linspace(0.0, 0.5, 1_000)
    impostor[-1] = impostor[-2]  # a tie at the top: rejecting the 2nd highest rejects both
    (tied,) = calibrate([1.0], impostor, far_targets=[1e-3])
    assert (tied.basis, tied.false_accepts) == (AT_TARGET, 0)
    assert tied.far_upper_95 == pytest.approx(0.0029912, abs=1e-6) and tied.supported  # <= 3e-3
    (short,) = calibrate([1.0], impostor[:999], far_targets=[1e-3])  # 999 pairs: 1 - 0.05**(1/999) < 3e-3
    assert short.basis == ABOVE_ALL_IMPOSTORS and short.supported
    (shorter,) = calibrate([1.0], impostor[:990], far_targets=[1e-3])
    assert shorter.basis == ABOVE_ALL_IMPOSTORS and not shorter.supported


def test_upper_bound_is_clopper_pearson() -> None:
    for k, n in [(0, 1), (0, 10), (0, 1000), (1, 100), (5, 1000), (999, 1000)]:
        assert far_upper_bound(k, n) == pytest.approx(beta.ppf(0.95, k + 1, n - k), rel=1e-9)
    assert far_upper_bound(0, 1000) == pytest.approx(1 - math.exp(math.log(0.05) / 1000), rel=1e-12)
    assert far_upper_bound(0, 100_000) == pytest.approx(3 / 100_000, rel=2e-3)  # "rule of three"
    assert far_upper_bound(10, 10) == 1.0
    with pytest.raises(ValueError):
        far_upper_bound(3, 2)


def test_failed_genuine_comparisons_are_rejections() -> None:
    genuine = [NINF, NINF, 0.95, 0.97]
    impostor = np.linspace(0.0, 0.5, 1_000)
    (result,) = calibrate(genuine, impostor, far_targets=[1e-2])
    assert result.frr == 0.5


def test_failed_impostor_comparisons_are_never_false_accepts() -> None:
    impostor = np.concatenate([np.full(900, NINF), np.linspace(0.0, 0.5, 100)])
    (result,) = calibrate([0.9], impostor, far_targets=[1e-2])
    assert result.impostor_pairs == 1000 and result.false_accepts <= 10
    (none,) = calibrate([0.9, NINF], [NINF, NINF, NINF], far_targets=[0.5])
    assert none.threshold is None and none.basis == NO_IMPOSTOR_SCORES
    assert (none.false_accepts, none.frr, none.supported) == (0, 1.0, False)


@pytest.mark.parametrize(
    ("genuine", "impostor", "targets"),
    [
        ([0.5], [0.1, math.nan], [0.1]),
        ([math.inf], [0.1], [0.1]),
        ([], [0.1], [0.1]),
        ([0.5], [[0.1]], [0.1]),
        ([0.5], [0.1], [0.0]),
        ([0.5], [0.1], [1.5]),
        ([0.5], [0.1], [0.1, 0.1]),
    ],
)
def test_bad_input_is_refused(genuine: list[float], impostor: list[float], targets: list[float]) -> None:
    with pytest.raises(ValueError):
        calibrate(genuine, impostor, targets)


@settings(max_examples=60, deadline=None)
@given(
    impostor=st.lists(
        st.one_of(st.just(-math.inf), st.floats(0.0, 1.0), st.sampled_from([0.25, 0.5, 0.75])),
        min_size=1,
        max_size=300,
    ),
    far=st.floats(1e-4, 1.0),
)
def test_observed_far_never_exceeds_the_target(impostor: list[float], far: float) -> None:
    (result,) = calibrate([0.5], impostor, far_targets=[far])
    n = len(impostor)
    assert result.impostor_pairs == n
    if result.threshold is None:
        assert all(s == -math.inf for s in impostor)
        return
    brute = sum(1 for s in impostor if s >= result.threshold)
    assert result.false_accepts == brute
    if far * n >= 1:
        assert brute / n <= far
    else:
        assert brute == 0
    assert result.far_upper_95 >= brute / n
    assert result.supported == (result.far_upper_95 <= 3 * far)


# --- file ----------------------------------------------------------------------------------------
def sample_sets() -> list[CalibrationSet]:
    rng = np.random.default_rng(11)
    palm = calibration_set(
        "palm", ["CASIA", "现场 2024"], rng.uniform(0.5, 1, 200), rng.uniform(0, 0.6, 5000)
    )
    face = calibration_set("face", ["LFW"], [0.9, NINF], [NINF, NINF])
    return [palm, face]


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.json"
    sets = sample_sets()
    write_thresholds(path, sets, created_by="test 1.0")
    loaded = read_thresholds(path)
    assert loaded == {s.kind: s for s in sets}
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == (THRESHOLDS_FORMAT, THRESHOLDS_VERSION)
    assert document["created_by"] == "test 1.0"
    created = datetime.fromisoformat(document["created_at"])
    assert created.utcoffset() == timedelta(0)
    assert list(document) == sorted(document)
    assert os.listdir(tmp_path) == ["thresholds.json"]  # no temporary file left behind


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "thresholds.json"
    write_thresholds(path, sample_sets()[:1], created_by="old")
    before = path.read_bytes()

    def broken_replace(*args: object) -> None:
        raise OSError("disk unplugged")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_thresholds(path, sample_sets(), created_by="new")
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["thresholds.json"]


def test_repeated_kind_is_refused_on_write(tmp_path: Path) -> None:
    palm = sample_sets()[0]
    with pytest.raises(ValueError):
        write_thresholds(tmp_path / "t.json", [palm, palm], created_by="x")


def write_document(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def good_document(tmp_path: Path) -> dict[str, object]:
    write_thresholds(tmp_path / "good.json", sample_sets(), created_by="x")
    document: dict[str, object] = json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))
    return document


def test_newer_version_is_refused(tmp_path: Path) -> None:
    document = good_document(tmp_path) | {"version": THRESHOLDS_VERSION + 1}
    with pytest.raises(MatchingError) as caught:
        read_thresholds(write_document(tmp_path / "t.json", document))
    assert caught.value.code == "thresholds.too_new"


@pytest.mark.parametrize(
    "change",
    [
        {"format": "something-else"},
        {"version": 0},
        {"version": "1"},
        {"sets": "palm"},
        {"sets": [{"kind": "palm"}]},
    ],
)
def test_bad_documents_are_refused(tmp_path: Path, change: dict[str, object]) -> None:
    document = good_document(tmp_path) | change
    with pytest.raises(MatchingError) as caught:
        read_thresholds(write_document(tmp_path / "t.json", document))
    assert caught.value.code == "thresholds.bad"


def test_missing_or_mistyped_threshold_keys_are_refused(tmp_path: Path) -> None:
    document = good_document(tmp_path)
    sets = document["sets"]
    assert isinstance(sets, list)
    for key, value in [
        ("false_accepts", None),
        ("supported", 1),
        ("impostor_pairs", True),
        ("basis", "guess"),
    ]:
        broken = json.loads(json.dumps(sets))
        broken[0]["thresholds"][0][key] = value
        with pytest.raises(MatchingError) as caught:
            read_thresholds(write_document(tmp_path / "t.json", document | {"sets": broken}))
        assert caught.value.code == "thresholds.bad", key
    broken = json.loads(json.dumps(sets))
    del broken[1]["thresholds"][0]["far_upper_95"]
    with pytest.raises(MatchingError, match="far_upper_95"):
        read_thresholds(write_document(tmp_path / "t.json", document | {"sets": broken}))
    with pytest.raises(MatchingError, match="twice"):
        read_thresholds(write_document(tmp_path / "t.json", document | {"sets": [sets[0], sets[0]]}))


def test_malformed_json_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "t.json"
    bad.write_text('{"format": "fieldkit-thresholds", ', encoding="utf-8")
    with pytest.raises(MatchingError) as caught:
        read_thresholds(bad)
    assert caught.value.code == "thresholds.bad"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(MatchingError) as caught:
        read_thresholds(bad)
    assert caught.value.code == "thresholds.bad"
    with pytest.raises(MatchingError) as caught:
        read_thresholds(tmp_path / "absent.json")
    assert caught.value.code == "thresholds.missing"


def test_threshold_for_needs_an_exact_far(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    write_thresholds(path, sample_sets(), created_by="x")
    sets = read_thresholds(path)
    found = threshold_for(sets, "palm", 1e-3)
    assert found.far_target == 1e-3 and found == sets["palm"].thresholds[1]
    with pytest.raises(MatchingError) as caught:
        threshold_for(sets, "palm", 2e-3)
    assert caught.value.code == "thresholds.no_such_far"
    with pytest.raises(MatchingError) as caught:
        threshold_for(sets, "iris", 1e-3)
    assert caught.value.code == "thresholds.no_such_kind"
