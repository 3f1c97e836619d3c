"""Headquarters' city-wide duplicate search at scale: load N enrolled palms from the HQ database into
the in-memory gallery, then search the palms of one new enrollment (2 hands x 3 samples) against it.

Start-up (issue 18, target <= 10 s at 720,000): "first start after the upgrade" is the load that
fills ``templates.gallery_code`` from the templates (schema step 7, once per database); "ready after
start" is what every later worker start costs (median of ``--starts``): from the cache file checked
against the database (the default), and from the database's binary codes alone (no cache);
"row by row" is the old load (parse every template, pack its compact code), timed once.

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

from fieldkit.hq.duplicates import HqGallery, find_duplicates, gallery
from fieldkit.hq.store import HqStore
from matching.palm import analyse_palm
from matching.palm_index import PalmIndex
from matching.palm_template import FORMAT_NAME, PalmTemplate, from_bytes, to_bytes
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


def _row_by_row(hq: HqStore) -> float:
    """The load before schema step 7: every template parsed and its compact code packed again."""
    started = time.perf_counter()
    rows = hq.db.execute(
        "SELECT id_number, hand, enrollment_uuid, sample_uuid, template, change_seq FROM templates "
        "WHERE format = ? AND modality = 'palm' ORDER BY change_seq",
        (FORMAT_NAME,),
    ).fetchall()
    index = PalmIndex()
    index.add_templates(
        [f"{r[0]}/{r[1]}/{r[2]}/{r[3]}" for r in rows], [from_bytes(bytes(r[4])) for r in rows]
    )
    return time.perf_counter() - started


def _ready_after_start(hq: HqStore, *, cache: bool) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a fresh gallery load (CPU shows the cost on a shared machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    HqGallery(use_cache=cache).refresh(hq)
    return time.perf_counter() - started, time.process_time() - cpu


def _summary(measured: list[tuple[float, float]]) -> str:
    walls = [wall for wall, _ in measured]
    return (
        f"median {statistics.median(walls):.1f} s of {len(walls)} ({', '.join(f'{t:.1f}' for t in walls)}; "
        f"CPU median {statistics.median(c for _, c in measured):.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 720_000])
    parser.add_argument("--db", help="an empty HQ database URL (default: a SQLite file)")
    parser.add_argument("--starts", type=int, default=3, help="fresh gallery loads timed (median)")
    parser.add_argument("--no-old", action="store_true", help="skip timing the old row-by-row load")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            hq = HqStore.open(Path(folder), create=True, db_url=args.db)
            _fill(hq, size, rng)
            label = "postgresql" if args.db else "sqlite"
            old = None if args.no_old else _row_by_row(hq)
            started = time.perf_counter()
            gallery(hq)
            load = time.perf_counter() - started
            from_cache = [_ready_after_start(hq, cache=True) for _ in range(args.starts)]
            from_db = [_ready_after_start(hq, cache=False) for _ in range(args.starts)]
            print(
                f"[{label}] HQ gallery of {size:,} palms ready after start: from the checked cache file "
                f"{_summary(from_cache)}; from the database's binary codes {_summary(from_db)}; "
                f"first start after the upgrade (fills gallery_code, writes the cache) {load:.1f} s"
                + ("" if old is None else f"; old row-by-row load {old:.1f} s"),
                flush=True,
            )
            uuid = _new_enrollment(hq)
            times = []
            for _ in range(3):
                started = time.perf_counter()
                find_duplicates(hq, uuid)
                times.append(time.perf_counter() - started)
            print(
                f"[{label}] HQ gallery of {size:,} palms: duplicate search of one enrollment "
                f"(2 hands x 3 samples) median {statistics.median(times) * 1000:.0f} ms"
            )
            if args.db:
                hq.db.execute("DROP TABLE IF EXISTS templates")  # note: leave the given database reusable
            hq.close()


if __name__ == "__main__":
    main()
