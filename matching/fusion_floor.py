"""What the fused rule's palm floor buys and costs, measured on evaluation data.

    python -m matching.fusion_floor --palm DIR [DIR ...] --face DIR [DIR ...] [--pairs N]

Why: the fusion model is fitted on pairs where palm and face are both genuine or both impostor. The
attack the floor is for is neither: the retiree's face (a held-up photo or a screen scores like the
real face) with somebody else's palm. This prints, for the shipped model and thresholds under the
default policy, the share of such "face genuine, palm impostor" pairs that certify with and
without the floor, and the share of genuine pairs that lose their accept because of it (they go to
a supervisor instead). Scores come from the same harness as ``matching.calibrate`` (palm:
out-of-fold records of the cross-validation; face: every pair), drawn as chimeric pairs because
the palm and face sets hold different people. The floor is a FAR on the palm scores, not a number
tuned to this data; the data it is read from is the calibration's, so the attack figure is
"1 % of impostor palms" by construction and the genuine cost is the thing to look at.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matching.calibrate import _collect, _fused_scores, chimeric_pairs
from matching.decision_data import load_decision_data, policy_thresholds
from matching.errors import MatchingError
from matching.fusion import LogisticFusion, Policy

_SEED = 20261206


def _accepts(
    rows: npt.NDArray[np.float64], thresholds: dict[str, float], model: LogisticFusion, *, floor: bool
) -> npt.NDArray[np.bool_]:
    """Which (palm, face) rows ``fusion.decide`` accepts (rule 2 or 3; both scores present)."""
    fused = _fused_scores(model, rows)
    palm = rows[:, 0]
    by_fusion = fused >= thresholds["fused"]
    if floor:
        by_fusion &= palm >= thresholds["palm_floor"]
    return (palm >= thresholds["palm"]) | by_fusion


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m matching.fusion_floor", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--palm", type=Path, nargs="+", required=True, help="palm evaluation folders")
    parser.add_argument("--face", type=Path, nargs="+", required=True, help="face evaluation folders")
    parser.add_argument("--pairs", type=int, default=1_000_000, help="chimeric pairs per row of the table")
    args = parser.parse_args(argv)
    try:
        palm_genuine, palm_impostor = _collect(args.palm, "palm")
        face_genuine, face_impostor = _collect(args.face, "face")
        sets, model = load_decision_data()
        policy = Policy()
        thresholds = policy_thresholds(sets, policy)
    except MatchingError as exc:
        print(f"fusion_floor: {exc.message}", file=sys.stderr)
        return 1
    rng = np.random.default_rng(_SEED)
    rows = {
        "genuine palm + genuine face": (palm_genuine, face_genuine),
        "impostor palm + genuine face (photo attack)": (palm_impostor, face_genuine),
        "impostor palm + impostor face": (palm_impostor, face_impostor),
    }
    print(
        f"thresholds (default policy): palm {thresholds['palm']:.4f} (FAR {policy.palm_alone_far:g}), "
        f"fused {thresholds['fused']:.4f} (FAR {policy.fused_far:g}), "
        f"palm floor {thresholds['palm_floor']:.4f} (FAR {policy.fused_palm_floor_far:g}); "
        f"{args.pairs:,} chimeric pairs per row"
    )
    print(f"{'pairs':<46} {'accepted, no floor':>20} {'accepted, floor':>18}")
    for label, (palm, face) in rows.items():
        pairs = chimeric_pairs(palm, face, args.pairs, rng)
        pairs = pairs[np.isfinite(pairs).all(axis=1)]
        without = _accepts(pairs, thresholds, model, floor=False)
        with_floor = _accepts(pairs, thresholds, model, floor=True)
        print(
            f"{label:<46} {without.mean() * 100:>19.4f}% {with_floor.mean() * 100:>17.4f}%"
            f"   ({int(without.sum()):,} / {int(with_floor.sum()):,} of {len(pairs):,})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
