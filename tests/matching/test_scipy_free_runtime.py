"""The field code paths run without scipy (the packaged app leaves it out); the replacements give the
same numbers as scipy, which the tests still have."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.ndimage import minimum_filter1d
from scipy.special import expit as scipy_expit
from scipy.stats import norm

from matching.fusion import expit
from matching.metrics import _probit_unit
from matching.palm_roi import circular_minimum


@pytest.mark.parametrize("length,size", [(1, 3), (7, 3), (50, 11), (360, 41), (5, 13), (1000, 1)])
def test_circular_minimum_matches_scipy(length: int, size: int) -> None:
    values = np.random.default_rng(length * size).normal(size=length)
    assert np.array_equal(circular_minimum(values, size), minimum_filter1d(values, size=size, mode="wrap"))


def test_expit_matches_scipy_to_the_last_bit_or_one_ulp() -> None:
    x = np.concatenate([np.linspace(-800, 800, 4001), np.random.default_rng(1).normal(scale=30, size=5000)])
    ours, theirs = expit(x), scipy_expit(x)
    # scipy rounds some values one ulp apart (2e-16 relative): far below any threshold's precision
    assert np.allclose(ours, theirs, rtol=4e-16, atol=0)


def test_probit_axis_matches_scipy() -> None:
    from matching import metrics

    p = np.logspace(-7, 0, 200)
    expected = (norm.ppf(np.clip(p, *metrics._RANGE)) - norm.ppf(metrics._RANGE[0])) / (
        norm.ppf(metrics._RANGE[1]) - norm.ppf(metrics._RANGE[0])
    )
    assert np.allclose(_probit_unit(p), expected, rtol=0, atol=1e-12)


def test_matching_and_the_field_workflows_import_without_scipy() -> None:
    code = (
        "import sys; sys.modules['scipy'] = None\n"
        "import matching.palm, matching.fusion, matching.metrics, matching.calibrate\n"
        "import fieldkit.workflows.certification, fieldkit.workflows.enrollment\n"
        "from fieldkit.workflows.policy import decision_context; decision_context()\n"
        "from matching.synthetic_palm import synthetic_hand\n"
        "matching.palm.analyse_palm(synthetic_hand(1, 0))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
