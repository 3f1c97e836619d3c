"""Workflow speed: certification from captured frames to a recorded decision, and the enrolment
duplicate search over a 10,000-person work package.

Targets (issue 6): certification compute <= 300 ms; duplicate search over 10,000 people <= 100 ms.
Synthetic hands and a real encrypted store in a temporary folder; the work-package gallery is
10,000 people × 2 hands × 3 samples of random codes (speed does not depend on content).

    .venv/bin/python benchmarks/bench_workflows.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from capture.idcard.synthetic import synthetic_cards
from fieldkit.workflows.certification import certify
from fieldkit.workflows.enrollment import check_hand, enroll, find_duplicates
from fieldkit.workflows.policy import decision_context
from matching.palm_index import PalmIndex
from matching.synthetic_palm import synthetic_hand
from storage.store import Store

PEOPLE = 12


def main() -> None:
    cycle = dt.date.today().year
    context = decision_context()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "s.db", "benchmark passphrase")
        cards = synthetic_cards(PEOPLE, seed=3)
        for number, card in enumerate(cards):
            enroll(
                store,
                card=card,
                face_image=None,
                actor="bench",
                device="sim",
                place="p",
                cycle=cycle,
                palm_images={
                    "left": [synthetic_hand(500 + 2 * number, i) for i in range(3)],
                    "right": [synthetic_hand(501 + 2 * number, i) for i in range(3)],
                },
            )
        frames = [synthetic_hand(501 + 2 * number, 7) for number in range(PEOPLE)]
        times = []
        for card, frame in zip(cards, frames, strict=True):
            started = time.perf_counter()
            outcome = certify(
                store,
                card=card,
                palm_images={"right": frame},
                face_image=None,
                actor="bench",
                device="sim",
                place="p",
                cycle=cycle,
            )
            times.append((time.perf_counter() - started) * 1000)
            assert outcome.decision is not None
        store.close()
    print(
        f"certification, captured frame -> recorded decision (ROI, probe, compare, decide, store): "
        f"median {statistics.median(times):.0f} ms of {PEOPLE}"
    )

    rng = np.random.default_rng(4)
    gallery = PalmIndex()
    size = 10_000 * 2 * 3
    gallery.add_many(
        [f"p{i // 6}/{'left' if i % 6 < 3 else 'right'}/{i}" for i in range(size)],
        rng.integers(0, 2**32, size=(size, 6, 32), dtype=np.uint32),
    )
    hands = [
        check_hand(hand, [synthetic_hand(900 + k, i) for i in range(3)], context)
        for k, hand in enumerate(("left", "right"))
    ]
    find_duplicates(gallery, hands, context, None)  # warm-up (thread pool)
    searches = []
    for _ in range(7):
        started = time.perf_counter()
        find_duplicates(gallery, hands, context, None)
        searches.append((time.perf_counter() - started) * 1000)
    print(
        f"enrolment duplicate search, 2 hands × 3 samples against 10,000 people ({size:,} templates): "
        f"median {statistics.median(searches):.0f} ms"
    )


if __name__ == "__main__":
    main()
