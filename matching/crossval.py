"""Subject-disjoint cross-validation: figures for people the engine has never seen.

Why: a figure measured on the people whose images chose the engine's settings predicts nothing about
the retirees it will meet. Identities are split into K disjoint folds with a fixed seed. For each
fold held back, every choice that is tuned — which candidate configuration (probe search, enrolment
fusion rule) and the decision thresholds at each FAR target — is made on the comparisons among the
*other* folds' identities only; the held-back fold's comparisons (both sides in that fold) are then
scored with those choices. Reported: per-fold EER and the FRR/FAR actually obtained on the held-back
fold at the thresholds chosen on the training folds (mean and spread over folds), and the pooled
out-of-fold records (every held-back comparison, each scored by its own fold's choice), whose
EER/FRR at FAR are the figures to quote. The all-data figures (choose and measure on everything)
are printed beside them so the gap shows.

A comparison between a held-back identity and a training identity is in neither set: the training
side would then have seen one of the two people.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching import metrics
from matching.score_records import PairRecords

FOLD_SEED = 20261205
FAR_TARGETS = (1e-2, 1e-3, 1e-4)
OBJECTIVE_FAR = 1e-3  # the training folds pick the candidate with the lowest FRR here (then EER)


def assign_folds(identity_count: int, folds: int, seed: int = FOLD_SEED) -> npt.NDArray[np.int64]:
    """Fold number of each identity index: a seeded permutation dealt round-robin (sizes differ by ≤ 1)."""
    order = np.random.default_rng(seed).permutation(identity_count)
    fold_of = np.empty(identity_count, dtype=np.int64)
    fold_of[order] = np.arange(identity_count) % folds
    return fold_of


def _usable(records: PairRecords) -> bool:
    return bool(records.genuine.any() and (~records.genuine).any())


def objective(records: PairRecords) -> tuple[float, float]:
    """What the training folds minimise: FRR at FAR 1e-3 (EER if not resolvable), then EER."""
    rates = metrics.error_rates(records.genuine_scores, records.impostor_scores, (OBJECTIVE_FAR,))
    frr = rates.frr_at_far[f"{OBJECTIVE_FAR:g}"]
    return (rates.eer if frr is None else frr, rates.eer)


def choose(candidates: Mapping[str, PairRecords], mask_of: Mapping[str, npt.NDArray[np.bool_]]) -> str:
    """The candidate with the best objective on the masked records (ties: first in order)."""
    best_name, best_value = "", (float("inf"), float("inf"))
    for name, records in candidates.items():
        value = objective(records.select(mask_of[name]))
        if value < best_value:
            best_name, best_value = name, value
    return best_name


@dataclass
class FoldResult:
    """One held-back fold: what training chose and what it gave on the held-back identities."""

    fold: int
    identities: int
    chosen: str
    eer: float | None
    frr_at_train_threshold: dict[str, float | None]
    far_at_train_threshold: dict[str, float | None]
    genuine_pairs: int
    impostor_pairs: int


def _held_back(
    fold: int, fold_of: npt.NDArray[np.int64], candidates: Mapping[str, PairRecords]
) -> tuple[str, PairRecords, PairRecords]:
    train_ids, test_ids = fold_of != fold, fold_of == fold
    chosen = choose(candidates, {n: r.within(train_ids) for n, r in candidates.items()})
    records = candidates[chosen]
    return chosen, records.select(records.within(train_ids)), records.select(records.within(test_ids))


def _fold_result(
    fold: int, identities: int, chosen: str, train: PairRecords, test: PairRecords
) -> FoldResult:
    train_rates = metrics.error_rates(train.genuine_scores, train.impostor_scores, FAR_TARGETS)
    frr: dict[str, float | None] = {}
    far: dict[str, float | None] = {}
    usable = _usable(test)
    for key, threshold in train_rates.threshold_at_far.items():
        if threshold is None or not usable:
            frr[key] = far[key] = None
            continue
        frr[key] = float(np.mean(test.genuine_scores < threshold))
        far[key] = float(np.mean(test.impostor_scores >= threshold))
    eer = metrics.error_rates(test.genuine_scores, test.impostor_scores, ()).eer if usable else None
    return FoldResult(
        fold=fold,
        identities=identities,
        chosen=chosen,
        eer=eer,
        frr_at_train_threshold=frr,
        far_at_train_threshold=far,
        genuine_pairs=int(test.genuine.sum()),
        impostor_pairs=int((~test.genuine).sum()),
    )


def _mean_sd(values: Sequence[float | None]) -> dict[str, float | None]:
    present = [v for v in values if v is not None]
    if not present:
        return {"mean": None, "sd": None}
    return {"mean": statistics.fmean(present), "sd": statistics.pstdev(present) if len(present) > 1 else 0.0}


def _concat(parts: Sequence[PairRecords]) -> PairRecords:
    return PairRecords(
        probe=np.concatenate([p.probe for p in parts]),
        other=np.concatenate([p.other for p in parts]),
        probe_identity=np.concatenate([p.probe_identity for p in parts]),
        other_identity=np.concatenate([p.other_identity for p in parts]),
        genuine=np.concatenate([p.genuine for p in parts]),
        cross_session=np.concatenate([p.cross_session for p in parts]),
        score=np.concatenate([p.score for p in parts]),
    )


def rates_dict(records: PairRecords) -> dict[str, Any]:
    """EER, FRR at the FAR targets and pair counts of a record set (and of its cross-session part)."""
    rates = metrics.error_rates(records.genuine_scores, records.impostor_scores, FAR_TARGETS)
    out: dict[str, Any] = {
        "eer": rates.eer,
        "frr_at_far": rates.frr_at_far,
        "genuine_pairs": rates.genuine_pairs,
        "impostor_pairs": rates.impostor_pairs,
    }
    cross = records.cross_session_scores
    if len(cross) and len(cross) < len(records.genuine_scores):
        cross_rates = metrics.error_rates(cross, records.impostor_scores, FAR_TARGETS)
        out["cross_session"] = {"eer": cross_rates.eer, "frr_at_far": cross_rates.frr_at_far}
    return out


@dataclass
class CrossValidation:
    """The whole run: per-fold results, the pooled out-of-fold records, and the all-data choice."""

    folds: list[FoldResult]
    pooled: PairRecords
    all_data_choice: str

    def summary(self) -> dict[str, Any]:
        keys = [f"{far:g}" for far in FAR_TARGETS]
        return {
            "folds": len(self.folds),
            "seed": FOLD_SEED,
            "chosen_per_fold": [f.chosen for f in self.folds],
            "all_data_choice": self.all_data_choice,
            "out_of_fold": rates_dict(self.pooled),
            "per_fold": {
                "eer": _mean_sd([f.eer for f in self.folds]),
                "frr_at_train_threshold": {
                    k: _mean_sd([f.frr_at_train_threshold[k] for f in self.folds]) for k in keys
                },
                "far_at_train_threshold": {
                    k: _mean_sd([f.far_at_train_threshold[k] for f in self.folds]) for k in keys
                },
            },
        }


def cross_validate(candidates: Mapping[str, PairRecords], identity_count: int, folds: int) -> CrossValidation:
    """Run K-fold subject-disjoint cross-validation over named candidate record sets.

    Every candidate must hold the same comparisons (same rows), scored differently.
    """
    if folds < 2:
        raise ValueError("cross-validation needs at least two folds")
    if identity_count < 2 * folds:
        raise ValueError(f"{identity_count} identities cannot make {folds} folds of two or more")
    fold_of = assign_folds(identity_count, folds)
    results, pooled = [], []
    for fold in range(folds):
        chosen, train, test = _held_back(fold, fold_of, candidates)
        results.append(_fold_result(fold, int(np.sum(fold_of == fold)), chosen, train, test))
        pooled.append(test)
    everything = {n: np.ones(len(r), dtype=np.bool_) for n, r in candidates.items()}
    return CrossValidation(results, _concat(pooled), choose(candidates, everything))
