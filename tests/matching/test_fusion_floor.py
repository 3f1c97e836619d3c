"""``python -m matching.fusion_floor`` counts accepts the way ``fusion.decide`` makes them."""

from __future__ import annotations

import numpy as np

from matching.decision_data import load_decision_data, policy_thresholds
from matching.fusion import Evidence, Policy, decide
from matching.fusion_floor import _accepts


def test_the_counted_accepts_are_decides_accepts() -> None:
    sets, model = load_decision_data()
    policy = Policy()
    thresholds = policy_thresholds(sets, policy)
    rng = np.random.default_rng(7)
    rows = np.column_stack([rng.uniform(0.0, 0.4, 3000), rng.uniform(0.3, 1.0, 3000)])
    counted = _accepts(rows, thresholds, model, floor=True)
    decided = np.array(
        [decide(Evidence(p, f), policy, thresholds, model).outcome == "accept" for p, f in rows]
    )
    assert (counted == decided).all()
    without = _accepts(rows, thresholds, model, floor=False)
    assert without.sum() > counted.sum() > 0  # the floor removes some fused accepts, not all
