"""Accuracy evaluation over ``<identity>/<sample>`` folders (ISO/IEC 19795 style).

    python -m matching.evaluate palm FOLDER [--json] [--protocol all|enroll-verify] [--folds K]
                                            [--shipped-only] [--worst N [--worst-dir DIR]] [--plot DET.png]
    python -m matching.evaluate face FOLDER [--json] [--protocol all|enroll-verify] [--id-photo]
    python -m matching.evaluate pad FOLDER [--json] [--spoof FILE ...] [--no-active] [--folds K]

Why two sets of figures for palms: the top-level figures are the shipped configuration measured on
the given images; ``cross_validation`` (K subject-disjoint folds, default 5, ``--folds 0`` to skip)
holds the figures of identities held back from every tuned choice, beside the all-data figures, so
the gap between "the people we tuned on" and "people never seen" is always in view.
``--worst N`` lists the N lowest genuine and N highest impostor pairs with their file names and writes
a picture of the two ROIs side by side for each (development data only: keep them out of the repo).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matching import metrics
from matching.errors import MatchingError
from matching.evaluate_palm import PalmEvaluation, evaluate_palm
from matching.evaluation_core import ENROLL_SAMPLES, Scores, list_samples, pct, print_table, summarise

__all__ = ["ENROLL_SAMPLES", "Scores", "evaluate_palm", "list_samples", "main", "summarise"]


def _print_cross_validation(summary: dict[str, Any]) -> None:
    if "skipped" in summary:
        print(f"  cross-validation     skipped: {summary['skipped']}")
        return
    oof, every, per_fold = summary["out_of_fold"], summary["all_data"], summary["per_fold"]
    print(
        f"  cross-validation, {summary['folds']} subject-disjoint folds (seed {summary['seed']}); "
        f"chosen per fold: {', '.join(summary['chosen_per_fold'])}; on all data: {summary['all_data_choice']}"
    )
    print(f"    {'':24}{'held-back (pooled)':>22}{'all data (tuned on it)':>26}")
    print(f"    {'EER':24}{pct(oof['eer']):>22}{pct(every['eer']):>26}")
    for key in oof["frr_at_far"]:
        held, tuned = pct(oof["frr_at_far"][key]), pct(every["frr_at_far"][key])
        print(f"    {'FRR at FAR ' + key:24}{held:>22}{tuned:>26}")
    if "cross_session" in oof and "cross_session" in every:
        print(
            f"    {'cross-session EER':24}{pct(oof['cross_session']['eer']):>22}"
            f"{pct(every['cross_session']['eer']):>26}"
        )
    eer = per_fold["eer"]
    if eer["mean"] is not None:
        print(f"    per-fold EER         mean {pct(eer['mean'])}, sd {pct(eer['sd'])}")
    for key, frr in per_fold["frr_at_train_threshold"].items():
        far = per_fold["far_at_train_threshold"][key]
        if frr["mean"] is not None:
            print(
                f"    at the training folds' FAR {key} threshold: held-back FRR {pct(frr['mean'])} "
                f"(sd {pct(frr['sd'])}), held-back FAR {pct(far['mean'])}"
            )


def _report_worst(evaluation: PalmEvaluation, count: int, folder: Path | None, protocol: str) -> None:
    from matching.worst_pairs import side_by_side, worst_pairs, write_image

    samples = evaluation.samples
    enrolled_of = None
    if protocol == "enroll-verify":
        names = sorted({s.identity for s in samples})
        enrolled_of = {
            names.index(n): [
                i for i, s in enumerate(samples) if s.identity == n and s.position < ENROLL_SAMPLES
            ]
            for n in names
        }
    target = folder or Path(tempfile.mkdtemp(prefix="fieldkit-worst-"))
    target.mkdir(parents=True, exist_ok=True)
    print(f"  worst pairs (pictures in {target}):")
    for rank, pair in enumerate(worst_pairs(evaluation.records, count, enrolled_of)):
        probe = samples[pair.probe]
        others = [samples[i] for i in pair.other]
        listed = ", ".join(f"{o.identity}/{o.name}" for o in others)
        print(f"    {pair.kind:8} {pair.score:7.4f}  {probe.identity}/{probe.name}  vs  {listed}")
        picture = side_by_side(
            [probe.roi, *[o.roi for o in others]],
            [f"{probe.identity}/{probe.name}", *[f"{o.identity}/{o.name}" for o in others]],
            f"{pair.kind} score {pair.score:.4f}",
        )
        write_image(target / f"{pair.kind}_{rank:03d}.png", picture)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matching.evaluate", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="modality", required=True)
    palm = sub.add_parser("palm", help="palm-vein images")
    palm.add_argument("folder", type=Path)
    palm.add_argument("--json", action="store_true", help="print one JSON object")
    palm.add_argument("--protocol", choices=("all", "enroll-verify"), default="all")
    palm.add_argument("--kind", choices=("auto", "fullhand", "crop"), default="auto")
    palm.add_argument("--folds", type=int, default=5, help="subject-disjoint folds (0: no cross-validation)")
    palm.add_argument(
        "--shipped-only",
        action="store_true",
        help="cross-validate the shipped configuration alone (no candidates: faster on large sets)",
    )
    palm.add_argument(
        "--worst", type=int, default=0, metavar="N", help="list the N worst genuine/impostor pairs"
    )
    palm.add_argument(
        "--worst-dir", type=Path, help="where the worst-pair pictures go (default: a temp folder)"
    )
    palm.add_argument("--plot", type=Path, help="write a DET curve PNG here")
    face = sub.add_parser("face", help="face images")
    face.add_argument("folder", type=Path)
    face.add_argument("--json", action="store_true", help="print one JSON object")
    face.add_argument("--protocol", choices=("all", "enroll-verify"), default="all")
    face.add_argument(
        "--id-photo", action="store_true", help="compare clean images with card-photo-like copies"
    )
    face.add_argument("--plot", type=Path, help="write a DET curve PNG here")
    pad = sub.add_parser("pad", help="face presentation-attack detection (ISO/IEC 30107-3 figures)")
    pad.add_argument("folder", type=Path, help="bona fide faces, <identity>/<image>")
    pad.add_argument("--json", action="store_true", help="print one JSON object")
    pad.add_argument(
        "--spoof", type=Path, action="append", default=[], metavar="FILE", help="a sample spoof image"
    )
    pad.add_argument("--no-active", action="store_true", help="skip the (slower) active-challenge table")
    pad.add_argument(
        "--folds",
        type=int,
        default=5,
        metavar="K",
        help="choose each threshold on K-1 subject-disjoint folds, measure on the held-out one (0: off)",
    )
    return parser


def _main_pad(args: argparse.Namespace) -> int:
    from matching.evaluate_pad import evaluate_pad, print_pad

    missing = [str(p) for p in args.spoof if not p.is_file()]
    if missing:
        print(f"evaluate: no such spoof file: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        result = evaluate_pad(
            args.folder, spoofs=list(args.spoof), active=not args.no_active, folds=args.folds
        )
    except MatchingError as exc:
        print(f"evaluate: {exc.message}", file=sys.stderr)
        return 1
    try:
        if args.json:
            print(json.dumps(result))
        else:
            print_pad(result)
    except BrokenPipeError:
        pass
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.modality == "pad":
        if args.folds < 0 or args.folds == 1:
            parser.error("--folds must be 0 (off) or at least 2")
        return _main_pad(args)
    if args.modality == "palm" and (args.folds < 0 or args.folds == 1):
        parser.error("--folds must be 0 (no cross-validation) or at least 2")
    if args.modality == "palm" and args.worst < 0:
        parser.error("--worst must be a positive number of pairs")
    evaluation: PalmEvaluation | None = None
    try:
        if args.modality == "face":
            from matching.evaluate_face import evaluate_face

            result, scores = evaluate_face(args.folder, protocol=args.protocol, id_photo=args.id_photo)
        else:
            result, evaluation = evaluate_palm(
                args.folder,
                protocol=args.protocol,
                kind=args.kind,
                folds=args.folds,
                shipped_only=args.shipped_only,
            )
            scores = evaluation.scores()
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
            print_table(result)
            if "cross_validation" in result:
                _print_cross_validation(result["cross_validation"])
        if evaluation is not None and args.worst:
            out = sys.stderr if args.json else sys.stdout
            with _redirect(out):
                _report_worst(evaluation, args.worst, args.worst_dir, args.protocol)
    except BrokenPipeError:  # note: piped into head; the figures were computed, nothing is lost
        pass
    except OSError as exc:
        print(f"evaluate: cannot write the worst-pair pictures: {exc}", file=sys.stderr)
        return 1
    return 0


def _redirect(stream: Any) -> Any:
    import contextlib

    return contextlib.redirect_stdout(stream)


if __name__ == "__main__":
    sys.exit(main())
