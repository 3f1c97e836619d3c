"""Palm + face into one certification decision with a reason, under a policy kept as configuration.

Why the split between ``Policy`` and ``decide``: which FAR a certification may run at, and whether a
near miss earns another try, are a supervisor's choices that change without a software release; the
rules that apply them are code and must be the same on every laptop. ``decide`` is a pure function
of (evidence, policy, thresholds, fusion model), so an auditor can replay any stored decision.

Scores follow the library's convention: higher = same person, in [0, 1], ``-inf`` for a comparison
that could not be made. A ``-inf`` score is treated like a missing one (no usable evidence from that
modality): it calls for a new capture, not for a "no match" verdict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.errors import MatchingError

DECISIONS = ("accept", "reject", "retry", "needs_review")
FUSION_KIND = "logistic"
FUSION_VERSION = 1


def expit(x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """The logistic sigmoid 1 / (1 + e^-x), as scipy.special.expit computes it in float64.

    Why here: fused scores are computed in the field, and the packaged app leaves scipy out (~70 MB);
    a test checks this against scipy's.
    """
    with np.errstate(over="ignore"):
        return np.asarray(1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64))), dtype=np.float64)


def _pairs(values: npt.ArrayLike, name: str) -> npt.NDArray[np.float64]:
    """(n, 2) palm/face score pairs with both comparisons made; rows holding ``-inf`` are dropped."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"{name} must be an (n, 2) array of (palm, face) scores, got shape {array.shape}")
    if np.isnan(array).any() or np.isposinf(array).any():
        raise ValueError(f"{name} scores contain NaN or +inf; record failed comparisons as -inf")
    usable = array[np.isfinite(array).all(axis=1)]
    if usable.shape[0] == 0:
        raise ValueError(f"{name} has no pair where both comparisons succeeded")
    return usable


@dataclass(frozen=True)
class LogisticFusion:
    """P(same | palm, face) by logistic regression on the two per-modality scores.

    The model only covers the case where both comparisons succeeded. A missing modality is handled by
    the single-modality "models" - the calibrated palm and face thresholds themselves - in ``decide``,
    because imputing a score for the absent modality would invent evidence.

    ``score`` is the logistic output at equal class priors (the fit is class-balanced); it is not the
    operational probability of a match. Only its order matters: the accept threshold on it comes from
    calibrating fused genuine/impostor scores like any other score.
    """

    weights: tuple[float, float]
    bias: float

    def __post_init__(self) -> None:
        values = (*self.weights, self.bias)
        if len(self.weights) != 2 or not all(math.isfinite(v) for v in values):
            raise ValueError(f"fusion needs two finite weights and a finite bias, got {values}")
        if min(self.weights) < 0.0:
            raise ValueError(f"fusion weights must be >= 0 (monotone in each score), got {self.weights}")

    @classmethod
    def fit(cls, genuine: npt.ArrayLike, impostor: npt.ArrayLike, *, l2: float = 1e-3) -> LogisticFusion:
        """Fit on (n, 2) arrays of (palm, face) scores of genuine and impostor pairs.

        Why each choice: the classes are weighted equally because impostor pairs outnumber genuine
        ones by orders of magnitude and would otherwise dominate the fit; the L2 penalty keeps the
        weights finite when the sets are separable (the unpenalised optimum is then at infinity) and
        the logit small enough that the float64 sigmoid does not round distinct pairs to 1.0; the
        weights are bounded below by 0 so that a higher similarity never lowers the fused score (a
        better palm must not turn an accept into a reject). L-BFGS-B from zero is deterministic.
        Rows holding a ``-inf`` are left out: ``score`` never fuses a failed comparison.
        """
        if not l2 > 0.0:
            raise ValueError(f"l2 must be > 0, got {l2!r}")
        g, i = _pairs(genuine, "genuine"), _pairs(impostor, "impostor")

        def loss(params: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
            w, b = params[:2], params[2]
            zg, zi = g @ w + b, i @ w + b
            value = 0.5 * (np.logaddexp(0.0, -zg).mean() + np.logaddexp(0.0, zi).mean()) + 0.5 * l2 * w @ w
            dg, di = -expit(-zg) / (2 * g.shape[0]), expit(zi) / (2 * i.shape[0])  # d loss / d z
            grad = np.append(g.T @ dg + i.T @ di + l2 * w, dg.sum() + di.sum())
            return float(value), grad

        from scipy.optimize import minimize  # note: fitting happens at calibration, never in the field

        result = minimize(
            loss,
            np.zeros(3),
            jac=True,
            method="L-BFGS-B",
            bounds=[(0.0, None), (0.0, None), (None, None)],
            options={"maxiter": 1000, "gtol": 1e-10},
        )
        if not np.isfinite(result.x).all():
            raise MatchingError(
                "The fusion fit diverged.", code="fusion.fit_failed", detail=str(result.message)
            )
        return cls(weights=(float(result.x[0]), float(result.x[1])), bias=float(result.x[2]))

    def score(self, palm: float, face: float) -> float:
        """Fused score in [0, 1]; ``-inf`` if either comparison failed (``-inf``), as for any score."""
        if math.isnan(palm) or math.isnan(face) or palm == math.inf or face == math.inf:
            raise ValueError(f"scores must be finite or -inf, got palm={palm!r} face={face!r}")
        if palm == -math.inf or face == -math.inf:
            return -math.inf
        return float(expit(self.weights[0] * palm + self.weights[1] * face + self.bias))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form, to store beside the thresholds that were calibrated on it."""
        return {
            "kind": FUSION_KIND,
            "version": FUSION_VERSION,
            "weights": list(self.weights),
            "bias": self.bias,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LogisticFusion:
        """Inverse of ``to_dict``; anything else raises ``MatchingError`` code ``fusion.bad``."""
        try:
            if data["kind"] != FUSION_KIND or data["version"] != FUSION_VERSION:
                raise ValueError(f"kind/version {data['kind']!r}/{data['version']!r}")
            w, b = data["weights"], data["bias"]
            numbers = isinstance(w, list) and all(isinstance(v, int | float) for v in (*w, b))
            if not numbers or len(w) != 2 or any(isinstance(v, bool) for v in (*w, b)):
                raise ValueError("weights must be a list of two numbers and bias a number")
            return cls(weights=(float(w[0]), float(w[1])), bias=float(b))
        except (KeyError, TypeError, ValueError) as error:
            raise MatchingError(
                f"The stored fusion model is unusable: {error}.", code="fusion.bad"
            ) from error


@dataclass(frozen=True)
class Policy:
    """Certification policy: configuration a supervisor changes and the application stores.

    ``retry_margin`` is in score units (all scores, fused included, lie in [0, 1]). ``max_attempts``
    counts captures: attempts ``1 .. max_attempts - 1`` may end in "retry", the last one ends in
    "needs_review" instead, so nobody is sent round the loop for ever.
    """

    palm_alone_far: float = 1e-4
    fused_far: float = 1e-5
    face_alone_far: float = 1e-4
    retry_margin: float = 0.05
    max_attempts: int = 3
    # note: a fused accept also needs the palm to pass at this FAR on its own. Why: the fusion model
    # was fitted on pairs where palm and face are both genuine or both impostor; a photo of the
    # retiree's face (genuine-level) with someone else's palm is neither, and without a floor a face
    # score of 0.9 carried any palm over the fused threshold. With the floor that attack needs an
    # impostor palm that passes 1 time in 100 (``python -m matching.fusion_floor`` measures it).
    fused_palm_floor_far: float = 1e-2

    def __post_init__(self) -> None:
        for name in ("palm_alone_far", "fused_far", "face_alone_far", "fused_palm_floor_far"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise ValueError(f"{name} must be within (0, 1), got {getattr(self, name)!r}")
        if not 0.0 <= self.retry_margin < 1.0:
            raise ValueError(f"retry_margin must be within [0, 1), got {self.retry_margin!r}")
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, got {self.max_attempts!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """Missing keys take their defaults; unknown keys or bad values raise code ``policy.bad``."""
        try:
            return cls(**data)
        except (TypeError, ValueError) as error:
            raise MatchingError(f"The stored policy is unusable: {error}.", code="policy.bad") from error


@dataclass(frozen=True)
class Evidence:
    """What one certification attempt produced. Qualities are kept for the record; the quality gate
    runs at capture, so they do not change the decision."""

    palm: float | None
    face: float | None
    palm_quality: int | None = None
    face_quality: int | None = None
    attempt: int = 1


@dataclass(frozen=True)
class Decision:
    """Outcome (one of ``DECISIONS``), a sentence for the clerk, a stable code for translation."""

    outcome: str
    reason: str
    code: str
    fused_score: float | None


def _usable(score: float | None) -> float | None:
    """The score if it is a real comparison result; None for missing or failed (``-inf``)."""
    if score is None:
        return None
    if math.isnan(score) or score == math.inf:
        raise ValueError(f"scores must be finite or -inf, got {score!r}")
    return None if score == -math.inf else score


def _far_text(far: float) -> str:
    """1e-4 rather than 0.0001: the form supervisors read in the thresholds report."""
    mantissa, exponent = f"{far:e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def score_fused(evidence: Evidence, fusion: LogisticFusion | None) -> float | None:
    """The fused score when a model is given and both comparisons succeeded, else None."""
    palm, face = _usable(evidence.palm), _usable(evidence.face)
    if fusion is None or palm is None or face is None:
        return None
    return fusion.score(palm, face)


def decide(
    evidence: Evidence, policy: Policy, thresholds: Mapping[str, float], fusion: LogisticFusion | None
) -> Decision:
    """Apply the policy. ``thresholds`` maps "palm", "face" and (when ``fusion`` is given) "fused" to
    the calibrated thresholds at ``policy.palm_alone_far``, ``face_alone_far`` and ``fused_far``.

    Rules, first match wins (a ``-inf`` score counts as missing):

    1. No usable score -> "retry" (capture again), "needs_review" on the last attempt;
       ``decision.no_evidence``.
    2. palm >= palm threshold -> "accept"; ``decision.palm_match``.
    3. palm and face both usable, a fusion model given, fused >= fused threshold and palm >= the
       palm floor (``thresholds["palm_floor"]``, the palm threshold at ``policy.fused_palm_floor_far``)
       -> "accept"; ``decision.fused_match``. The floor stops a strong face (a held-up photo) from
       carrying an unrelated palm.
    4. Some usable score (palm, fused or face) within ``retry_margin`` below its threshold -> "retry",
       since a better capture may well pass; on the last attempt "needs_review";
       ``decision.retry_low_score`` / ``decision.too_many_attempts``.
    5. face >= face threshold -> "needs_review"; ``decision.face_only_review``. The face alone never
       certifies (a photograph can fool it), but it is enough for a supervisor to look.
    6. Otherwise every usable score is clearly below its threshold -> "reject"; ``decision.no_match``.

    Raising any score never turns an "accept" into anything else: rules 2-3 only compare scores from
    below and the fusion weights are non-negative.
    """
    missing = [
        k
        for k in ("palm", "face", *(("fused", "palm_floor") if fusion is not None else ()))
        if k not in thresholds
    ]
    if missing:
        raise MatchingError(f"No threshold for {', '.join(missing)}.", code="decision.no_threshold")
    if not all(math.isfinite(value) for value in thresholds.values()):
        raise ValueError(f"thresholds must be finite, got {dict(thresholds)}")  # NaN would reject all
    palm, face = _usable(evidence.palm), _usable(evidence.face)
    fused = score_fused(evidence, fusion)
    last_attempt = evidence.attempt >= policy.max_attempts

    if palm is None and face is None:
        if last_attempt:
            reason = f"no usable palm or face after {evidence.attempt} attempts; a supervisor must look"
            return Decision("needs_review", reason, "decision.no_evidence", None)
        return Decision(
            "retry", "no usable palm or face was captured; capture again", "decision.no_evidence", None
        )
    if palm is not None and palm >= thresholds["palm"]:
        return Decision(
            "accept", f"palm matches (FAR {_far_text(policy.palm_alone_far)})", "decision.palm_match", fused
        )
    if (
        fused is not None
        and fused >= thresholds["fused"]
        and palm is not None
        and palm >= thresholds["palm_floor"]
    ):
        reason = f"palm and face together match (FAR {_far_text(policy.fused_far)})"
        return Decision("accept", reason, "decision.fused_match", fused)
    candidates = (("palm", palm, "palm"), ("palm and face", fused, "fused"), ("face", face, "face"))
    near = [
        label
        for label, score, key in candidates
        if score is not None and thresholds[key] - policy.retry_margin <= score < thresholds[key]
    ]
    if near:
        if last_attempt:
            reason = f"{near[0]} came close to matching on the last allowed attempt; a supervisor must look"
            return Decision("needs_review", reason, "decision.too_many_attempts", fused)
        return Decision(
            "retry", f"{near[0]} came close to matching; capture again", "decision.retry_low_score", fused
        )
    if face is not None and face >= thresholds["face"]:
        reason = "only the face matches; a supervisor must confirm the person"
        return Decision("needs_review", reason, "decision.face_only_review", fused)
    return Decision("reject", "neither palm nor face matches", "decision.no_match", fused)
