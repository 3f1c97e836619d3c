"""Score records that remember who was compared, so figures can be split by identity.

Why: a figure is only honest for people the engine has never seen if the comparisons can be
restricted to identities held back from every choice that was tuned (``matching.crossval``), and a
failure analysis needs the two files behind each score (``matching.worst_pairs``). A record is one
comparison: the probe sample, the other side (a sample for all pairs, an enrolled identity for
enrol-verify), the score (``-inf`` when an image failed: it counts against the system), and whether
it is genuine or cross-session.

Enrol-verify records keep the probe's score against each enrolled sample (``per_sample``), so the
rule that fuses an enrolment's samples into one score ("max", "mean", "top2") is a choice made
later, on training folds, not baked into the records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def _fuse_max(scores: FloatArray) -> FloatArray:
    return np.asarray(scores.max(axis=1), dtype=np.float64)


def _fuse_mean(scores: FloatArray) -> FloatArray:
    """Mean over the enrolled samples that exist (failed ones are -inf and left out)."""
    finite = np.isfinite(scores)
    count = finite.sum(axis=1)
    total = np.where(finite, scores, 0.0).sum(axis=1)
    return np.where(count > 0, total / np.maximum(count, 1), -np.inf)


def _fuse_top2(scores: FloatArray) -> FloatArray:
    """Mean of the two best samples: one odd enrolment sample can neither carry nor sink a match."""
    ordered = np.sort(scores, axis=1)[:, ::-1]
    if ordered.shape[1] < 2:
        return np.asarray(ordered[:, 0], dtype=np.float64)
    second = np.where(np.isfinite(ordered[:, 1]), ordered[:, 1], ordered[:, 0])
    return np.where(np.isfinite(ordered[:, 0]), (ordered[:, 0] + second) / 2, -np.inf)


FUSION_RULES: dict[str, Callable[[FloatArray], FloatArray]] = {
    "max": _fuse_max,
    "mean": _fuse_mean,
    "top2": _fuse_top2,
}


@dataclass(frozen=True)
class PairRecords:
    """One row per comparison; ``per_sample`` only for enrol-verify (rows × enrolled samples)."""

    probe: IntArray  # sample index of the probe
    other: IntArray  # sample index (all pairs) or identity index (enrol-verify)
    probe_identity: IntArray
    other_identity: IntArray
    genuine: BoolArray
    cross_session: BoolArray
    score: FloatArray
    per_sample: FloatArray | None = None

    def __len__(self) -> int:
        return len(self.score)

    def select(self, mask: BoolArray) -> PairRecords:
        """The records where ``mask`` is true."""
        return PairRecords(
            probe=self.probe[mask],
            other=self.other[mask],
            probe_identity=self.probe_identity[mask],
            other_identity=self.other_identity[mask],
            genuine=self.genuine[mask],
            cross_session=self.cross_session[mask],
            score=self.score[mask],
            per_sample=None if self.per_sample is None else self.per_sample[mask],
        )

    def within(self, identities: BoolArray) -> BoolArray:
        """Mask of records whose two sides both belong to the identities flagged in ``identities``."""
        return np.asarray(identities[self.probe_identity] & identities[self.other_identity], dtype=np.bool_)

    def fused(self, rule: str) -> PairRecords:
        """Enrol-verify records rescored with another fusion rule (all-pairs records are returned as is)."""
        if self.per_sample is None:
            return self
        return replace(self, score=FUSION_RULES[rule](self.per_sample))

    @property
    def genuine_scores(self) -> FloatArray:
        return self.score[self.genuine]

    @property
    def impostor_scores(self) -> FloatArray:
        return self.score[~self.genuine]

    @property
    def cross_session_scores(self) -> FloatArray:
        return self.score[self.genuine & self.cross_session]


def all_pairs_records(identity: IntArray, half: BoolArray, matrix: FloatArray) -> PairRecords:
    """Every unordered pair i < j once, scored ``matrix[i, j]`` (probe i against sample j).

    ``half`` flags the samples in the first half of their identity's samples (session 1 in CASIA).
    """
    first, second = np.triu_indices(len(identity), 1)
    genuine = identity[first] == identity[second]
    return PairRecords(
        probe=first.astype(np.int64),
        other=second.astype(np.int64),
        probe_identity=identity[first],
        other_identity=identity[second],
        genuine=genuine,
        cross_session=genuine & (half[first] != half[second]),
        score=matrix[first, second],
    )


def enroll_verify_records(
    identity: IntArray, enrolled: BoolArray, half: BoolArray, matrix: FloatArray, rule: str = "max"
) -> PairRecords:
    """Each sample not used for enrolment against every identity's enrolled samples.

    ``matrix[p, e]`` is probe p against enrolled sample e; an identity with fewer enrolled samples
    than the most has its missing ones as ``-inf`` (ignored by every fusion rule).
    """
    identities = np.unique(identity)
    width = max(int(np.count_nonzero(enrolled & (identity == k))) for k in identities)
    columns = np.full((len(identities), width), -1, dtype=np.int64)
    for row, k in enumerate(identities):
        members = np.flatnonzero(enrolled & (identity == k))
        columns[row, : len(members)] = members
    probes = np.flatnonzero(~enrolled)
    probe_rows = np.repeat(probes, len(identities))
    other_rows = np.tile(np.arange(len(identities)), len(probes))
    picked = columns[other_rows]
    per_sample = np.where(picked >= 0, matrix[probe_rows[:, None], np.maximum(picked, 0)], -np.inf)
    other_identity = identities[other_rows]
    genuine = identity[probe_rows] == other_identity
    return PairRecords(
        probe=probe_rows.astype(np.int64),
        other=other_rows.astype(np.int64),
        probe_identity=identity[probe_rows],
        other_identity=other_identity.astype(np.int64),
        genuine=genuine,
        cross_session=genuine & ~half[probe_rows],
        score=FUSION_RULES[rule](per_sample),
        per_sample=per_sample,
    )
