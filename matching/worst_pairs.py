"""Failure analysis: the lowest-scoring genuine and highest-scoring impostor comparisons.

Why built in: the errors that matter on people the engine has never seen show up first as the worst
pairs of the development data; looking at the two ROIs side by side (is one cut from a different part
of the palm? blurred? a bracelet in the picture?) says what to fix. For development data only: the
images written are derived from the evaluation captures and must stay outside the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from matching.score_records import PairRecords

TILE = 256


@dataclass(frozen=True)
class WorstPair:
    """One comparison worth looking at."""

    kind: str  # "genuine" (scored too low) or "impostor" (scored too high)
    score: float
    probe: int  # sample index
    other: list[int]  # sample indices (one for all pairs, the enrolled samples for enrol-verify)


def worst_pairs(
    records: PairRecords, count: int, enrolled_of: dict[int, list[int]] | None = None
) -> list[WorstPair]:
    """The ``count`` lowest genuine and ``count`` highest impostor records, worst first.

    ``enrolled_of`` maps an identity index to its enrolled sample indices (enrol-verify records).
    """
    out: list[WorstPair] = []
    for kind, mask, sign in (("genuine", records.genuine, 1.0), ("impostor", ~records.genuine, -1.0)):
        rows = np.flatnonzero(mask)
        order = rows[np.argsort(sign * records.score[rows], kind="stable")[:count]]
        for row in order:
            other = int(records.other[row])
            others = enrolled_of[int(records.other_identity[row])] if enrolled_of is not None else [other]
            out.append(WorstPair(kind, float(records.score[row]), int(records.probe[row]), others))
    return out


def _tile(roi: npt.NDArray[np.uint8] | None, label: str) -> npt.NDArray[np.uint8]:
    if roi is None:
        tile = np.full((TILE, TILE, 3), 60, np.uint8)
        cv2.putText(tile, "no ROI", (70, 130), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 255), 2)
    else:
        # note: shown with local contrast stretched, as the matcher sees it (NIR ROIs look flat grey)
        stretched = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(4, 4)).apply(roi)
        big = cv2.resize(stretched, (TILE, TILE), interpolation=cv2.INTER_LINEAR)
        tile = np.asarray(cv2.cvtColor(big, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
    cv2.rectangle(tile, (0, TILE - 24), (TILE, TILE), (0, 0, 0), -1)
    cv2.putText(tile, label[:30], (4, TILE - 7), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 255, 255), 1)
    return np.asarray(tile, dtype=np.uint8)


def side_by_side(
    rois: list[npt.NDArray[np.uint8] | None], labels: list[str], title: str
) -> npt.NDArray[np.uint8]:
    """The probe's ROI, then the other side's ROI(s), in one picture with a title strip."""
    row = np.hstack([_tile(roi, label) for roi, label in zip(rois, labels, strict=True)])
    strip = np.zeros((30, row.shape[1], 3), np.uint8)
    cv2.putText(strip, title[: row.shape[1] // 9], (6, 21), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 255, 255), 1)
    return np.asarray(np.vstack([strip, row]), dtype=np.uint8)


def write_image(path: Path, image: npt.NDArray[np.uint8]) -> None:
    """PNG, created readable by its owner only (the pictures show real palms)."""
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise OSError(f"could not encode {path.name}")
    path.touch(mode=0o600, exist_ok=True)
    path.write_bytes(encoded.tobytes())
