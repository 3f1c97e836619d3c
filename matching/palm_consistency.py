"""Do the enrolment samples of one hand show the same part of the palm?

Why: a contactless hand is never laid down twice the same way; when the ROI step cuts a different
part of the palm in one sample (a thumb spread wide, the hand tilted or further away), the enrolled
templates cover different areas and every later certification pays for it. Comparing each pair of
samples through the same search a certification uses (``best_alignment``) shows where the best
match was found: when it lies at the edge of the searched shifts, the true offset may be larger than
the matcher tolerates, so the crops do not cut the same palm area and the operator should retake.
On the development full-hand captures, no pair of same-session samples met the edge (0 of 180),
against 42 % of impostor pairs; this is a pose check, the score check of the enrolment comes after.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from matching.palm_code import Alignment, Code, Probe, best_alignment

REASON = "roi.samples_cut_differently"
MESSAGE = (
    "The palm was not in the same place in every sample (hand tilted, further away, or fingers "
    "not spread the same way): hold the hand open and flat, as before, and retake."
)


@dataclass(frozen=True)
class Disagreement:
    """Two samples (numbered from 1) whose crops do not line up, and how they were found to align."""

    first: int
    second: int
    alignment: Alignment


def misaligned_samples(samples: Sequence[tuple[Probe, Code]]) -> Disagreement | None:
    """The first pair of samples whose best alignment lies at the edge of the search, or None."""
    for (i, (probe, _)), (j, (_, code)) in itertools.combinations(enumerate(samples, start=1), 2):
        alignment = best_alignment(probe, code)
        if alignment.at_edge:
            return Disagreement(i, j, alignment)
    return None
