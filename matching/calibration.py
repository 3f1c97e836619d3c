"""Decision thresholds for target false-accept rates, each with the uncertainty the data leaves.

Why the uncertainty travels with the threshold: a threshold "at FAR 1e-5" measured on 100 000
impostor pairs rests on a single false accept, and one measured on 1 000 pairs on none at all. A
supervisor choosing a policy must see that, so every ``Threshold`` carries the observed false accepts,
a one-sided 95 % upper confidence bound on the true FAR, and whether that bound vouches for the target.

Conventions are those of ``matching.metrics``: higher score = same person, accepted iff
``score >= threshold``, and a failed comparison is ``-inf`` (an impostor ``-inf`` is never a false
accept, a genuine ``-inf`` is always a false reject).

Thresholds are stored as JSON ("fieldkit-thresholds", version 1) so that the field application can
load them without the evaluation sets, and a file written by newer code is refused rather than
misread.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from fractions import Fraction
from math import floor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching import metrics
from matching.errors import MatchingError

THRESHOLDS_FORMAT = "fieldkit-thresholds"
THRESHOLDS_VERSION = 1
DEFAULT_FAR_TARGETS = (1e-2, 1e-3, 1e-4, 1e-5)
CONFIDENCE = 0.95
SUPPORT_FACTOR = 3.0

# Values of ``Threshold.basis``: how the threshold was obtained.
AT_TARGET = "at_target"  # floor(far * N) >= 1: metrics.threshold_for_far, measured at the target
ABOVE_ALL_IMPOSTORS = "above_all_impostors"  # far * N < 1: just above the highest impostor score
NO_IMPOSTOR_SCORES = "no_impostor_scores"  # every impostor comparison failed: nothing to place it by
_BASES = (AT_TARGET, ABOVE_ALL_IMPOSTORS, NO_IMPOSTOR_SCORES)


@dataclass(frozen=True)
class Threshold:
    """One operating point and how far the evidence behind it reaches.

    ``far_upper_95`` is the exact (Clopper-Pearson) one-sided 95 % upper bound on the true FAR given
    ``false_accepts`` of ``impostor_pairs``: ``beta.ppf(0.95, k + 1, n - k)``. For ``k == 0`` it is
    ``1 - 0.05 ** (1 / n)`` ≈ ``-ln(0.05) / n`` ≈ ``3 / n``, the "rule of three": observing no false
    accept among ``n`` impostors only shows that the FAR is below about ``3 / n``.

    ``supported`` is True iff ``far_upper_95 <= 3 * far_target``: the data can vouch for the target
    to within a factor of three. That needs about ``far * N >= 3`` observed false accepts, or no false
    accept with ``N >= 1 / far``; a threshold that is not supported is still the best estimate, but a
    policy should not rely on it without more impostor pairs.

    ``threshold`` is None only when no impostor comparison succeeded (``basis`` says so); ``frr`` is
    then 1.0, since nothing can be accepted without a threshold.
    """

    far_target: float
    threshold: float | None
    impostor_pairs: int
    false_accepts: int
    far_upper_95: float
    frr: float
    supported: bool
    basis: str = AT_TARGET


@dataclass(frozen=True)
class CalibrationSet:
    """What a thresholds file holds for one comparison kind ("palm", "face", "fused", ...)."""

    kind: str
    datasets: list[str]
    genuine_pairs: int
    impostor_pairs: int
    thresholds: list[Threshold]


def _scores(values: npt.ArrayLike, name: str) -> npt.NDArray[np.float64]:
    """1-D, non-empty, no NaN or +inf (the rules of ``matching.metrics``), as float64."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} scores must be a non-empty 1-D array, got shape {array.shape}")
    if np.isnan(array).any() or np.isposinf(array).any():
        raise ValueError(f"{name} scores contain NaN or +inf; record failed comparisons as -inf")
    return array


def far_upper_bound(false_accepts: int, pairs: int, confidence: float = CONFIDENCE) -> float:
    """One-sided exact (Clopper-Pearson) upper confidence bound on a rate seen as ``k`` of ``n``.

    Why exact rather than a normal approximation: at the FARs that matter ``k`` is 0 to a few, where
    the normal approximation gives bounds that are far too low (zero, for ``k == 0``).
    """
    if pairs < 1 or not 0 <= false_accepts <= pairs:
        raise ValueError(f"need 0 <= false_accepts <= pairs and pairs >= 1, got {false_accepts}/{pairs}")
    if false_accepts == pairs:
        return 1.0
    if false_accepts == 0:  # closed form of beta.ppf(confidence, 1, n): the rule of three
        return float(1.0 - (1.0 - confidence) ** (1.0 / pairs))
    from scipy.stats import beta  # note: bounds are computed at calibration, never in the field

    return float(beta.ppf(confidence, false_accepts + 1, pairs - false_accepts))


def calibrate(
    genuine: npt.ArrayLike, impostor: npt.ArrayLike, far_targets: Iterable[float] = DEFAULT_FAR_TARGETS
) -> list[Threshold]:
    """One ``Threshold`` per FAR target, in the order given.

    With ``floor(far * N) >= 1`` the threshold is ``metrics.threshold_for_far`` (lowest FRR whose
    observed FAR is within the target). With fewer impostors the target cannot be observed, so the
    threshold is the float just above the highest impostor score (zero false accepts seen) and the
    rule-of-three bound decides ``supported``. Only when every impostor score is ``-inf`` is there no
    threshold at all (``None``).
    """
    genuine_array = np.sort(_scores(genuine, "genuine"))
    impostor_array = np.sort(_scores(impostor, "impostor"))
    n = int(impostor_array.size)
    targets = [float(far) for far in far_targets]
    if len(set(targets)) != len(targets):
        raise ValueError(f"FAR targets {targets} repeat a value")
    results: list[Threshold] = []
    for far in targets:
        if not 0.0 < far <= 1.0:
            raise ValueError(f"FAR target must be within (0, 1], got {far!r}")
        if not np.isfinite(impostor_array[-1]):
            results.append(
                Threshold(far, None, n, 0, far_upper_bound(0, n), 1.0, False, basis=NO_IMPOSTOR_SCORES)
            )
            continue
        # note: same decimal-exact count as metrics (0.29 * 100 is 28.999... in floats).
        basis = AT_TARGET if floor(Fraction(repr(far)) * n) >= 1 else ABOVE_ALL_IMPOSTORS
        threshold = metrics.threshold_for_far(impostor_array, far)  # far * N < 1: the FAR-0 threshold
        false_accepts = n - int(np.searchsorted(impostor_array, threshold, side="left"))
        rejected = int(np.searchsorted(genuine_array, threshold, side="left"))
        upper = far_upper_bound(false_accepts, n)
        results.append(
            Threshold(
                far_target=far,
                threshold=threshold,
                impostor_pairs=n,
                false_accepts=false_accepts,
                far_upper_95=upper,
                frr=rejected / genuine_array.size,
                supported=upper <= SUPPORT_FACTOR * far,
                basis=basis,
            )
        )
    return results


def calibration_set(
    kind: str,
    datasets: Sequence[str],
    genuine: npt.ArrayLike,
    impostor: npt.ArrayLike,
    far_targets: Iterable[float] = DEFAULT_FAR_TARGETS,
) -> CalibrationSet:
    """``calibrate`` plus the bookkeeping a thresholds file needs (pair counts, dataset names)."""
    genuine_array, impostor_array = _scores(genuine, "genuine"), _scores(impostor, "impostor")
    return CalibrationSet(
        kind=kind,
        datasets=list(datasets),
        genuine_pairs=int(genuine_array.size),
        impostor_pairs=int(impostor_array.size),
        thresholds=calibrate(genuine_array, impostor_array, far_targets),
    )


# --- file ----------------------------------------------------------------------------------------
def write_thresholds(path: str | Path, sets: Sequence[CalibrationSet], *, created_by: str) -> None:
    """Write the thresholds file atomically (temporary file in the same folder, then ``os.replace``).

    Why atomic: the field application reads this file at start-up; a half-written file after a power
    cut would leave it with no thresholds at all, whereas the old complete file is still usable.
    """
    kinds = [item.kind for item in sets]
    if len(set(kinds)) != len(kinds):
        raise ValueError(f"calibration kinds {kinds} repeat a kind")
    document = {
        "format": THRESHOLDS_FORMAT,
        "version": THRESHOLDS_VERSION,
        "created_by": created_by,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sets": [asdict(item) for item in sets],
    }
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    finally:
        Path(handle.name).unlink(missing_ok=True)  # gone after os.replace; left over only on failure


def _bad(path: Path, why: str) -> MatchingError:
    return MatchingError(
        f"The thresholds file {path} is unusable: {why}.", code="thresholds.bad", path=str(path)
    )


def _get(obj: Mapping[str, Any], key: str, kinds: tuple[type, ...], path: Path, where: str) -> Any:
    """``obj[key]`` if present and of one of ``kinds`` (``bool`` never passes for a number)."""
    if key not in obj:
        raise _bad(path, f"{where} has no {key!r}")
    value = obj[key]
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise _bad(path, f"{where}.{key} is {value!r}")
    return value


def _threshold_from(obj: Any, path: Path, where: str) -> Threshold:
    if not isinstance(obj, dict):
        raise _bad(path, f"{where} is not an object")
    number = (int, float)
    basis = _get(obj, "basis", (str,), path, where)
    if basis not in _BASES:
        raise _bad(path, f"{where}.basis is {basis!r}")
    value = _get(obj, "threshold", (int, float, type(None)), path, where)
    return Threshold(
        far_target=float(_get(obj, "far_target", number, path, where)),
        threshold=None if value is None else float(value),
        impostor_pairs=_get(obj, "impostor_pairs", (int,), path, where),
        false_accepts=_get(obj, "false_accepts", (int,), path, where),
        far_upper_95=float(_get(obj, "far_upper_95", number, path, where)),
        frr=float(_get(obj, "frr", number, path, where)),
        supported=_get(obj, "supported", (bool,), path, where),
        basis=basis,
    )


def _set_from(obj: Any, path: Path, where: str) -> CalibrationSet:
    if not isinstance(obj, dict):
        raise _bad(path, f"{where} is not an object")
    datasets = _get(obj, "datasets", (list,), path, where)
    if not all(isinstance(name, str) for name in datasets):
        raise _bad(path, f"{where}.datasets holds a non-string")
    thresholds = _get(obj, "thresholds", (list,), path, where)
    return CalibrationSet(
        kind=_get(obj, "kind", (str,), path, where),
        datasets=list(datasets),
        genuine_pairs=_get(obj, "genuine_pairs", (int,), path, where),
        impostor_pairs=_get(obj, "impostor_pairs", (int,), path, where),
        thresholds=[_threshold_from(t, path, f"{where}.thresholds[{i}]") for i, t in enumerate(thresholds)],
    )


def read_thresholds(path: str | Path) -> dict[str, CalibrationSet]:
    """The calibration sets of a thresholds file, by kind.

    Refuses (``MatchingError``): no file -> ``thresholds.missing``; a version newer than this code ->
    ``thresholds.too_new`` (its meaning may have changed, so guessing would be unsafe); anything else
    wrong - unreadable, not JSON, another format, a missing or mistyped key, a repeated kind ->
    ``thresholds.bad``.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MatchingError(
            f"There is no thresholds file at {source}.", code="thresholds.missing", path=str(source)
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise _bad(source, f"it cannot be read ({error})") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _bad(source, f"it is not valid JSON ({error})") from error
    if not isinstance(document, dict) or document.get("format") != THRESHOLDS_FORMAT:
        raise _bad(source, f"it is not a {THRESHOLDS_FORMAT!r} file")
    version = _get(document, "version", (int,), source, "file")
    if version > THRESHOLDS_VERSION:
        raise MatchingError(
            f"The thresholds file {source} has version {version}; this program reads up to "
            f"{THRESHOLDS_VERSION}. Update the program.",
            code="thresholds.too_new",
            path=str(source),
            version=version,
        )
    if version < 1:
        raise _bad(source, f"version {version} does not exist")
    sets: dict[str, CalibrationSet] = {}
    for index, obj in enumerate(_get(document, "sets", (list,), source, "file")):
        item = _set_from(obj, source, f"sets[{index}]")
        if item.kind in sets:
            raise _bad(source, f"the kind {item.kind!r} appears twice")
        sets[item.kind] = item
    return sets


def threshold_for(sets: Mapping[str, CalibrationSet], kind: str, far: float) -> Threshold:
    """The stored threshold of ``kind`` at exactly ``far``.

    Why exact: picking the nearest FAR would silently run a policy at an operating point nobody
    chose. The caller still decides what to do with ``threshold is None`` or ``supported is False``.
    """
    if kind not in sets:
        raise MatchingError(
            f"The thresholds file has no {kind!r} thresholds (it has {sorted(sets)}).",
            code="thresholds.no_such_kind",
            kind=kind,
        )
    for threshold in sets[kind].thresholds:
        if threshold.far_target == far:
            return threshold
    available = [t.far_target for t in sets[kind].thresholds]
    raise MatchingError(
        f"The {kind!r} thresholds have no FAR {far:g} (they have {', '.join(f'{a:g}' for a in available)}).",
        code="thresholds.no_such_far",
        kind=kind,
        far=far,
    )
