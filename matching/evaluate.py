"""Accuracy evaluation over ``<identity>/<sample>`` folders (ISO/IEC 19795 style).

    python -m matching.evaluate palm FOLDER [--json] [--protocol all|enroll-verify] [--plot DET.png]

Why it is built this way: figures must come from score records only (``matching.metrics``), and an
image the ROI step rejects is a failure to enrol that counts against the system: each comparison it
takes part in is recorded as ``-inf`` (always a rejection), never silently dropped.

Protocols: ``all`` compares every pair of images (each unordered pair once). ``enroll-verify`` enrols
each identity from its first three samples in name order and verifies every later sample against
every enrolment (genuine: same identity; impostor: others), scoring an enrolment by its best sample
("max" fusion) — the annual-certification situation. For ``all``, genuine pairs whose two samples lie
in different halves of the identity's name-ordered samples are also reported as ``cross_session``
(in the CASIA sets samples 01-03 and 04-06 are sessions a month apart).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching import metrics
from matching.errors import MatchingError
from matching.image_io import read_grey
from matching.palm_code import (
    GRID,
    ORIENTATIONS,
    SHIFT,
    Code,
    Probe,
    distances,
    distances_to_rows,
    make_probe,
    row_shifted,
    score_from_distance,
)
from matching.palm_roi import find_palm_roi

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"}
ENROLL_SAMPLES = 3
_CHUNK = 32


@dataclass
class Sample:
    """One image of the set and what became of it."""

    identity: str
    name: str
    position: int  # index among the identity's samples, in name order
    count: int  # how many samples the identity has
    probe: Probe | None = None
    failure: str | None = None

    @property
    def code(self) -> Code | None:
        return None if self.probe is None else self.probe.code


@dataclass
class Scores:
    genuine: list[float] = field(default_factory=list)
    impostor: list[float] = field(default_factory=list)
    cross_session: list[float] = field(default_factory=list)


def list_samples(folder: Path) -> list[tuple[str, Path, int, int]]:
    """(identity, path, position, count) for every image, identities and samples in name order."""
    if not folder.is_dir():
        raise MatchingError(f"{folder} is not a folder.", code="evaluate.no_folder")
    found = []
    for identity_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        images = sorted(p for p in identity_dir.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        found += [(identity_dir.name, path, i, len(images)) for i, path in enumerate(images)]
    if not found:
        raise MatchingError(f"{folder} holds no <identity>/<image> files.", code="evaluate.empty")
    return found


def extract_all(folder: Path, kind: str) -> tuple[list[Sample], list[float]]:
    """ROI and probe for every image; failures are kept with their reason."""
    samples, timings = [], []
    for identity, path, position, count in list_samples(folder):
        sample = Sample(identity, path.name, position, count)
        started = time.perf_counter()
        try:
            roi = find_palm_roi(read_grey(path), kind=kind)
            sample.probe = make_probe(roi.image)
            timings.append((time.perf_counter() - started) * 1000)
        except MatchingError as exc:
            sample.failure = exc.code
        samples.append(sample)
    return samples, timings


def _score_rows(probe: Probe, prepared: npt.NDArray[np.uint64]) -> npt.NDArray[np.float64]:
    """Scores of ``probe`` against row-shifted gallery codes, in cache-sized chunks."""
    out = np.empty(len(prepared))
    for start in range(0, len(prepared), _CHUNK):
        part = prepared[start : start + _CHUNK]
        out[start : start + _CHUNK] = score_from_distance(distances_to_rows(probe, part))
    return out


def all_pairs(samples: list[Sample]) -> Scores:
    """Every unordered pair once; a pair with a failed image scores -inf."""
    scores = Scores()
    usable = [i for i, s in enumerate(samples) if s.code is not None]
    prepared = np.zeros((len(samples), 2 * SHIFT + 1, ORIENTATIONS // 2, GRID), dtype=np.uint64)
    if usable:
        prepared[usable] = row_shifted(np.stack([samples[i].code for i in usable]))  # type: ignore[misc]
    for i, a in enumerate(samples):
        rest = samples[i + 1 :]
        later = [j for j in usable if j > i]
        values = np.full(len(rest), -np.inf)
        if a.probe is not None and later:
            values[[j - i - 1 for j in later]] = _score_rows(a.probe, prepared[later])
        for b, value in zip(rest, values, strict=True):
            if b.identity != a.identity:
                scores.impostor.append(float(value))
                continue
            scores.genuine.append(float(value))
            half_a, half_b = a.position < a.count / 2, b.position < b.count / 2
            if half_a != half_b:
                scores.cross_session.append(float(value))
    return scores


def enroll_verify(samples: list[Sample]) -> Scores:
    """Enrol from the first three samples, verify the rest against every enrolment (max fusion)."""
    identities = sorted({s.identity for s in samples})
    enrolled = {
        identity: [s.code for s in samples if s.identity == identity and s.position < ENROLL_SAMPLES]
        for identity in identities
    }
    scores = Scores()
    for probe_sample in (s for s in samples if s.position >= ENROLL_SAMPLES):
        for identity in identities:
            codes = [c for c in enrolled[identity] if c is not None]
            if probe_sample.probe is None or not codes:
                value = -np.inf
            else:
                value = float(_score_rows(probe_sample.probe, row_shifted(np.stack(codes))).max())
            (scores.genuine if identity == probe_sample.identity else scores.impostor).append(value)
    return scores


def _timing_1to1(samples: list[Sample], repeats: int = 300) -> float:
    usable = [s for s in samples if s.probe is not None]
    if len(usable) < 2:
        return float("nan")
    rng = np.random.default_rng(0)
    times = []
    for _ in range(repeats):
        a, b = rng.choice(len(usable), 2, replace=False)
        probe, code = usable[a].probe, usable[b].code
        assert probe is not None and code is not None
        started = time.perf_counter()
        score_from_distance(distances(probe, code))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _rates(genuine: list[float], impostor: list[float]) -> dict[str, Any]:
    rates = metrics.error_rates(np.array(genuine), np.array(impostor))
    return {
        "eer": rates.eer,
        "frr_at_far": rates.frr_at_far,
        "eer_threshold": rates.eer_threshold,
        "threshold_at_far": rates.threshold_at_far,
        "genuine_pairs": rates.genuine_pairs,
        "impostor_pairs": rates.impostor_pairs,
    }


def summarise(
    modality: str,
    folder: Path,
    protocol: str,
    identities: list[str],
    failures: list[str | None],
    scores: Scores,
    timings: list[float],
    match_ms: float | None,
) -> dict[str, Any]:
    """The JSON summary both harnesses print (same keys and units for palm and face).

    ``identities`` and ``failures`` have one entry per image (the failure code, or None).
    """
    failed = [f for f in failures if f]
    result: dict[str, Any] = {
        "modality": modality,
        "dataset": folder.name,
        "protocol": protocol,
        "identities": len(set(identities)),
        "images": len(identities),
        **_rates(scores.genuine, scores.impostor),
        "failure_to_enroll": {
            "count": len(failed),
            "rate": len(failed) / len(identities),
            "reasons": {r: failed.count(r) for r in sorted(set(failed))},
        },
        "extract_ms_median": statistics.median(timings) if timings else None,
        "match_ms_median": match_ms,
    }
    if protocol == "all" and scores.cross_session:
        cross = _rates(scores.cross_session, scores.impostor)
        result["cross_session"] = {k: cross[k] for k in ("eer", "frr_at_far", "genuine_pairs")}
    return result


def evaluate_palm(
    folder: Path, *, protocol: str = "all", kind: str = "auto"
) -> tuple[dict[str, Any], Scores]:
    """Run one evaluation and return the JSON-ready summary and the score records."""
    samples, timings = extract_all(folder, kind)
    scores = all_pairs(samples) if protocol == "all" else enroll_verify(samples)
    if not scores.genuine or not scores.impostor:
        raise MatchingError(
            "The folder needs at least two identities with two samples each.", code="evaluate.too_small"
        )
    result = summarise(
        "palm",
        folder,
        protocol,
        [s.identity for s in samples],
        [s.failure for s in samples],
        scores,
        timings,
        _timing_1to1(samples),
    )
    return result, scores


def _print_table(result: dict[str, Any]) -> None:
    def pct(value: float | None) -> str:
        return "n/a (too few impostor pairs)" if value is None else f"{value * 100:.3f} %"

    print(
        f"{result['modality']} / {result['dataset']} / protocol {result['protocol']}: "
        f"{result['identities']} identities, {result['images']} images"
    )
    fte = result["failure_to_enroll"]
    print(f"  failure to enrol     {fte['count']} ({fte['rate'] * 100:.2f} %) {fte['reasons']}")
    print(f"  genuine / impostor   {result['genuine_pairs']:,} / {result['impostor_pairs']:,}")
    print(f"  EER                  {pct(result['eer'])}")
    for far, frr in result["frr_at_far"].items():
        print(f"  FRR at FAR {far:<8}  {pct(frr)}")
    if "cross_session" in result:
        cross = result["cross_session"]
        print(
            f"  cross-session EER    {pct(cross['eer'])} ({cross['genuine_pairs']:,} genuine pairs); "
            f"FRR at FAR 0.001 {pct(cross['frr_at_far'].get('0.001'))}"
        )
    print(f"  extract (median)     {result['extract_ms_median']:.1f} ms")
    print(f"  1:1 compare (median) {result['match_ms_median']:.3f} ms")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching.evaluate", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="modality", required=True)
    palm = sub.add_parser("palm", help="palm-vein images")
    palm.add_argument("folder", type=Path)
    palm.add_argument("--json", action="store_true", help="print one JSON object")
    palm.add_argument("--protocol", choices=("all", "enroll-verify"), default="all")
    palm.add_argument("--kind", choices=("auto", "fullhand", "crop"), default="auto")
    palm.add_argument("--plot", type=Path, help="write a DET curve PNG here")
    face = sub.add_parser("face", help="face images")
    face.add_argument("folder", type=Path)
    face.add_argument("--json", action="store_true", help="print one JSON object")
    face.add_argument("--protocol", choices=("all", "enroll-verify"), default="all")
    face.add_argument(
        "--id-photo", action="store_true", help="compare clean images with card-photo-like copies"
    )
    face.add_argument("--plot", type=Path, help="write a DET curve PNG here")
    args = parser.parse_args(argv)
    try:
        if args.modality == "face":
            from matching.evaluate_face import evaluate_face

            result, scores = evaluate_face(args.folder, protocol=args.protocol, id_photo=args.id_photo)
        else:
            result, scores = evaluate_palm(args.folder, protocol=args.protocol, kind=args.kind)
    except MatchingError as exc:
        print(f"evaluate: {exc.message}", file=sys.stderr)
        return 1
    if args.plot:
        curves = {
            f"{result['dataset']} ({args.protocol})": metrics.det_points(scores.genuine, scores.impostor)
        }
        if scores.cross_session:
            curves["cross-session"] = metrics.det_points(scores.cross_session, scores.impostor)
        metrics.draw_det_plot(curves, args.plot, title=f"{args.modality} DET: {result['dataset']}")
    try:
        if args.json:
            print(json.dumps(result))
        else:
            _print_table(result)
    except BrokenPipeError:  # note: piped into head; the figures were computed, nothing is lost
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
