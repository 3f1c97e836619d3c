"""Palm-vein accuracy evaluation: all-data figures, cross-validated figures and the worst pairs.

Why it is built this way: figures must come from score records only (``matching.metrics``), and an
image the ROI step rejects is a failure to enrol that counts against the system: each comparison it
takes part in is recorded as ``-inf`` (always a rejection), never silently dropped.

Protocols: ``all`` compares every pair of images (each unordered pair once, the earlier image as the
probe). ``enroll-verify`` enrols each identity from its first three samples in name order and
verifies every later sample against every enrolment, fusing the enrolled samples' scores by a rule
("max", "mean", "top2") — the annual-certification situation. Genuine pairs whose two samples lie in
different halves of the identity's name-ordered samples are also reported as cross-session (in the
CASIA sets samples 01-03 and 04-06 are sessions a month apart).

What is tuned — the feature (Gabor wavelength, ``matching.palm_code.FEATURES``), the probe search
(``PROBE_SEARCHES``), the enrolment fusion rule and the thresholds — is chosen on training folds only
by ``matching.crossval``; the top-level figures are those of the shipped choices (``DEFAULT_FEATURE``,
``DEFAULT_SEARCH``, ``ENROL_FUSION``) on the given images, which is what a run on captures the engine
has never seen measures.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.crossval import CrossValidation, cross_validate, rates_dict
from matching.errors import MatchingError
from matching.evaluation_core import ENROLL_SAMPLES, Scores, list_samples, summarise
from matching.image_io import GreyImage, read_grey
from matching.palm import ENROL_FUSION
from matching.palm_code import (
    DEFAULT_FEATURE,
    DEFAULT_SEARCH,
    FEATURES,
    GRID,
    ORIENTATIONS,
    PROBE_SEARCHES,
    SHIFT,
    Code,
    Probe,
    distances,
    distances_to_rows,
    encode,
    make_probe,
    row_shifted,
    score_from_distance,
)
from matching.palm_roi import find_palm_roi
from matching.score_records import FUSION_RULES, PairRecords, all_pairs_records, enroll_verify_records

_CHUNK = 16  # gallery rows a probe meets at once: measured fastest with 15 probe transforms
DEFAULT_FOLDS = 5


@dataclass
class Sample:
    """One image of the set and what became of it."""

    identity: str
    path: Path
    position: int  # index among the identity's samples, in name order
    count: int  # how many samples the identity has
    roi: GreyImage | None = None
    code: Code | None = None
    failure: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class PalmEvaluation:
    """Everything one run produced: samples, the shipped records, the candidates and the CV."""

    samples: list[Sample]
    records: PairRecords
    candidates: dict[str, PairRecords] = field(default_factory=dict)
    cross_validation: CrossValidation | None = None

    def scores(self) -> Scores:
        """The shipped configuration's score lists (for DET plots and calibration)."""
        return as_scores(self.records)


def as_scores(records: PairRecords) -> Scores:
    return Scores(
        genuine=records.genuine_scores.tolist(),
        impostor=records.impostor_scores.tolist(),
        cross_session=records.cross_session_scores.tolist(),
    )


def extract_all(folder: Path, kind: str) -> tuple[list[Sample], list[float]]:
    """ROI and scale-1 code for every image; failures are kept with their reason."""
    samples, timings = [], []
    for identity, path, position, count in list_samples(folder):
        sample = Sample(identity, path, position, count)
        started = time.perf_counter()
        try:
            roi = find_palm_roi(read_grey(path), kind=kind)
            sample.roi, sample.code = roi.image, encode(roi.image)
            timings.append((time.perf_counter() - started) * 1000)
        except MatchingError as exc:
            sample.failure = exc.code
        samples.append(sample)
    return samples, timings


def _needed(samples: list[Sample], protocol: str) -> npt.NDArray[np.bool_]:
    """needed[i, j]: probe i must be compared with sample j under the protocol."""
    n = len(samples)
    if protocol == "all":
        return np.triu(np.ones((n, n), dtype=np.bool_), 1)
    enrolled = np.array([s.position < ENROLL_SAMPLES for s in samples])
    return np.asarray(np.outer(~enrolled, enrolled), dtype=np.bool_)


def score_matrix(
    samples: list[Sample], needed: npt.NDArray[np.bool_], search: str, feature: str = DEFAULT_FEATURE
) -> npt.NDArray[np.float64]:
    """matrix[i, j] = probe i (under ``search``) against sample j's code, -inf where not needed or failed."""
    n = len(samples)
    matrix = np.full((n, n), -np.inf)
    usable = np.array([s.code is not None for s in samples])
    if not usable.any():
        return matrix
    wavelength = FEATURES[feature]

    def code_of(sample: Sample) -> Code:
        assert sample.roi is not None and sample.code is not None
        return sample.code if feature == DEFAULT_FEATURE else encode(sample.roi, wavelength)

    prepared = np.zeros((n, 2 * SHIFT + 1, ORIENTATIONS // 2, GRID), dtype=np.uint64)
    prepared[usable] = row_shifted(np.stack([code_of(s) for s in samples if s.code is not None]))
    for i, sample in enumerate(samples):
        columns = np.flatnonzero(needed[i] & usable)
        if sample.roi is None or not len(columns):
            continue
        probe = make_probe(sample.roi, search=search, wavelength=wavelength)
        matrix[i, columns] = _score_rows(probe, prepared[columns])
    return matrix


def _score_rows(probe: Probe, prepared: npt.NDArray[np.uint64]) -> npt.NDArray[np.float64]:
    """Scores of ``probe`` against row-shifted gallery codes, in cache-sized chunks."""
    out = np.empty(len(prepared))
    for start in range(0, len(prepared), _CHUNK):
        part = prepared[start : start + _CHUNK]
        out[start : start + _CHUNK] = score_from_distance(distances_to_rows(probe, part))
    return out


def build_records(
    samples: list[Sample], protocol: str, search: str, rule: str, feature: str = DEFAULT_FEATURE
) -> PairRecords:
    """Score records of one candidate configuration."""
    names = sorted({s.identity for s in samples})
    identity = np.array([names.index(s.identity) for s in samples], dtype=np.int64)
    half = np.array([s.position < s.count / 2 for s in samples])
    matrix = score_matrix(samples, _needed(samples, protocol), search, feature)
    if protocol == "all":
        return all_pairs_records(identity, half, matrix)
    enrolled = np.array([s.position < ENROLL_SAMPLES for s in samples])
    return enroll_verify_records(identity, enrolled, half, matrix, rule)


def candidate_grid() -> list[tuple[str, str]]:
    """(feature, probe search) pairs tried: each feature with the shipped search, each search with
    the shipped feature (the full product would multiply the run time for little information)."""
    grid = [(feature, DEFAULT_SEARCH) for feature in FEATURES]
    return grid + [(DEFAULT_FEATURE, search) for search in PROBE_SEARCHES if search != DEFAULT_SEARCH]


def _name(feature: str, search: str, rule: str, protocol: str) -> str:
    return f"{feature}/{search}" + (f"+{rule}" if protocol == "enroll-verify" else "")


def _candidates(samples: list[Sample], protocol: str, grid: list[tuple[str, str]]) -> dict[str, PairRecords]:
    """Every (feature, probe search, fusion rule) candidate; fusion rules only exist for enrol-verify."""
    out: dict[str, PairRecords] = {}
    for feature, search in grid:
        base = build_records(samples, protocol, search, ENROL_FUSION, feature)
        rules = list(FUSION_RULES) if protocol == "enroll-verify" else [ENROL_FUSION]
        for rule in rules:
            out[_name(feature, search, rule, protocol)] = base.fused(rule)
    return out


def shipped_name(protocol: str) -> str:
    """The candidate name of what the engine ships."""
    return _name(DEFAULT_FEATURE, DEFAULT_SEARCH, ENROL_FUSION, protocol)


def _timing_1to1(samples: list[Sample], repeats: int = 300) -> float:
    usable = [s for s in samples if s.roi is not None and s.code is not None]
    if len(usable) < 2:
        return float("nan")
    rng = np.random.default_rng(0)
    probes = {i: make_probe(usable[i].roi) for i in range(min(len(usable), 20))}  # type: ignore[arg-type]
    times = []
    for _ in range(repeats):
        a = int(rng.integers(len(probes)))
        b = int(rng.integers(len(usable)))
        code = usable[b].code
        assert code is not None
        started = time.perf_counter()
        score_from_distance(distances(probes[a], code))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def evaluate_palm(
    folder: Path,
    *,
    protocol: str = "all",
    kind: str = "auto",
    folds: int = DEFAULT_FOLDS,
    shipped_only: bool = False,
) -> tuple[dict[str, Any], PalmEvaluation]:
    """Run one evaluation and return the JSON-ready summary and what it measured.

    ``folds`` = 0 skips cross-validation; otherwise the training folds choose between the candidates
    of ``candidate_grid``; ``shipped_only`` cross-validates the shipped configuration alone (its
    out-of-fold records are what calibration may use).
    """
    samples, timings = extract_all(folder, kind)
    grid = candidate_grid() if folds and not shipped_only else [(DEFAULT_FEATURE, DEFAULT_SEARCH)]
    candidates = _candidates(samples, protocol, grid)
    records = candidates[shipped_name(protocol)]
    if shipped_only:
        candidates = {shipped_name(protocol): records}
    if not records.genuine.any() or records.genuine.all():
        raise MatchingError(
            "The folder needs at least two identities with two samples each.", code="evaluate.too_small"
        )
    evaluation = PalmEvaluation(samples, records, candidates)
    result = summarise(
        "palm",
        folder,
        protocol,
        [s.identity for s in samples],
        [s.failure for s in samples],
        evaluation.scores(),
        timings,
        _timing_1to1(samples),
    )
    result["configuration"] = shipped_name(protocol)
    identities = len({s.identity for s in samples})
    if folds:
        if identities < 2 * folds:
            result["cross_validation"] = {
                "folds": folds,
                "skipped": f"{identities} identities are too few for {folds} folds of two or more",
            }
        else:
            evaluation.cross_validation = cross_validate(candidates, identities, folds)
            summary = evaluation.cross_validation.summary()
            summary["all_data"] = rates_dict(candidates[summary["all_data_choice"]])
            result["cross_validation"] = summary
    return result, evaluation
