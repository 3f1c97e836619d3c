"""Headquarters' city-wide duplicate search at scale: load N enrolled palms from the HQ database into
the in-memory gallery, then search the palms of one new enrollment (2 hands x 3 samples) against it.

The gallery rows are random codes in real 788-byte templates (computing 720,000 real ones would take
hours); search time does not depend on what the bits are. The new enrollment is real (synthetic
hand images through the real ROI and coding). Target context (issue 7): the one-to-many engine at
720,000 templates; a 1,000-enrollment batch must finish in <= 60 s including this search.

    .venv/bin/python benchmarks/bench_hq_gallery.py [--sizes 100000 720000] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from fieldkit.hq.duplicates import find_duplicates, gallery
from fieldkit.hq.store import HqStore
from matching.palm import analyse_palm
from matching.palm_template import FORMAT_NAME, PalmTemplate, to_bytes
from matching.synthetic_palm import synthetic_hand


def _fill(hq: HqStore, size: int, rng: np.random.Generator) -> None:
    change = hq.next_change()
    batch = 20_000
    for start in range(0, size, batch):
        codes = rng.integers(0, 2**32, size=(min(batch, size - start), 6, 32), dtype=np.uint32)
        rows = [
            (
                f"s{start + i}",
                f"e{(start + i) // 6}",
                f"P{(start + i) // 6:017d}",
                "palm",
                "left",
                FORMAT_NAME,
                to_bytes(PalmTemplate(code=code, quality=80)),
                "bench",
                change,
            )
            for i, code in enumerate(codes)
        ]
        with hq.db.transaction():
            hq.db.executemany(
                "INSERT INTO templates (sample_uuid, enrollment_uuid, id_number, modality, hand, format, "
                "template, device_key_id, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )


def _new_enrollment(hq: HqStore) -> str:
    change = hq.next_change()
    with hq.db.transaction():
        for hand, identity in (("left", 9001), ("right", 9002)):
            for sample in range(3):
                analysis = analyse_palm(synthetic_hand(identity, sample))
                hq.db.execute(
                    "INSERT INTO templates (sample_uuid, enrollment_uuid, id_number, modality, hand, format, "
                    "template, device_key_id, change_seq) VALUES (?, ?, ?, 'palm', ?, ?, ?, 'bench', ?)",
                    (
                        f"new-{hand}-{sample}",
                        "new-enrollment",
                        "NEW",
                        hand,
                        FORMAT_NAME,
                        analysis.template,
                        change,
                    ),
                )
    return "new-enrollment"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 720_000])
    parser.add_argument("--db", help="an empty HQ database URL (default: a SQLite file)")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            hq = HqStore.open(Path(folder), create=True, db_url=args.db)
            _fill(hq, size, rng)
            started = time.perf_counter()
            gallery(hq)
            load = time.perf_counter() - started
            uuid = _new_enrollment(hq)
            times = []
            for _ in range(3):
                started = time.perf_counter()
                find_duplicates(hq, uuid)
                times.append(time.perf_counter() - started)
            print(
                f"HQ gallery of {size:,} palms: loaded from the database in {load:.1f} s; "
                "duplicate search of one enrollment (2 hands x 3 samples) median "
                f"{statistics.median(times) * 1000:.0f} ms"
            )
            if args.db:
                hq.db.execute("DROP TABLE IF EXISTS templates")  # note: leave the given database reusable
            hq.close()


if __name__ == "__main__":
    main()
