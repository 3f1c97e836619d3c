"""Upload completion with the duplicate search queued (issue 18) versus searched inside the request.

A 1,000-enrollment batch (6 palm templates each) is taken in through headquarters' own intake, the
step the completion request runs after it has checked and opened the sealed batch (that part is
unchanged by the queue and not timed here). "before" is the old request: intake, then the search of
every new enrollment against the gallery and its review item, before answering. "after" is the
request now: intake, which queues one search job per enrollment in the batch's transaction. The
queued jobs are then drained by a worker (``fieldkit hq worker --once``) and that time printed too.

Gallery rows are random codes in real templates (search time does not depend on the bits; see
bench_hq_gallery.py, which times one search at 720,000 palms). Medians of ``--runs`` runs; nothing
is asserted (a shared 2-core machine is noisy).

    .venv/bin/python benchmarks/bench_hq_queue.py [--gallery 10000] [--enrolments 1000] [--runs 3]
    .venv/bin/python benchmarks/bench_hq_queue.py --db postgresql://…/empty_database
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from fieldkit.hq.duplicates import find_duplicates, record_duplicate
from fieldkit.hq.intake import intake
from fieldkit.hq.search_queue import depth
from fieldkit.hq.search_worker import run_worker
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import canonical
from fieldkit.wire.envelope import OpenedBatch
from matching.palm_template import FORMAT_NAME, PalmTemplate, to_bytes
from storage.records import BiometricSample, Enrollment, new_uuid


def _fill(hq: HqStore, size: int, rng: np.random.Generator) -> None:
    """``size`` enrolled palms (six per person) straight into the templates table."""
    change = hq.next_change()
    codes = rng.integers(0, 2**32, size=(size, 6, 32), dtype=np.uint32)
    rows = [
        (
            f"g{i}",
            f"ge{i // 6}",
            f"G{i // 6:017d}",
            "palm",
            "left" if i % 6 < 3 else "right",
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


def _batch(count: int, rng: np.random.Generator) -> OpenedBatch:
    """An opened batch of ``count`` enrollments, each with 2 hands x 3 palm templates."""
    entries, contents = [], {}
    for sequence in range(1, count + 1):
        samples = [
            BiometricSample(
                "palm",
                b"",
                "jpeg",
                index % 3,
                "left" if index < 3 else "right",
                to_bytes(
                    PalmTemplate(code=rng.integers(0, 2**32, size=(6, 32), dtype=np.uint32), quality=80)
                ),
                FORMAT_NAME,
                70.0,
                "x",
            )
            for index in range(6)
        ]
        enrollment = Enrollment(new_uuid(), None, "bench", "丛台区", samples=samples)
        content = canonical(enrollment)
        outbox = new_uuid()
        contents[outbox] = base64.b64encode(content).decode("ascii")
        entries.append(
            {
                "outbox_uuid": outbox,
                "sequence": sequence,
                "record_type": "enrollment",
                "record_uuid": enrollment.uuid,
                "version": 1,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
    body = json.dumps({"manifest": {"entries": entries, "store_id": "bench"}, "records": contents}).encode()
    return OpenedBatch(batch_id=new_uuid(), device_key_id=f"bench{new_uuid()[:8]}", body=body)


def _old_request(hq: HqStore, batch: OpenedBatch) -> None:
    """What the completion request did before the queue: intake, then every search, then answer."""
    report = intake(hq, batch, duplicate_search=False)
    for enrollment_uuid in report.new_enrollments:
        hit = find_duplicates(hq, enrollment_uuid)
        if hit is not None:
            with hq.db.transaction():
                record_duplicate(hq, hit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gallery", type=int, default=10_000, help="palms enrolled before the batches")
    parser.add_argument("--enrolments", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="an empty HQ database URL (default: a SQLite file)")
    args = parser.parse_args()
    rng = np.random.default_rng(18)
    with tempfile.TemporaryDirectory() as folder:
        hq = HqStore.open(Path(folder) / "hq", create=True, db_url=args.db)
        _fill(hq, args.gallery, rng)
        label = "postgresql" if args.db else "sqlite"
        before, after = [], []
        for _ in range(args.runs):
            batch = _batch(args.enrolments, rng)
            started = time.perf_counter()
            _old_request(hq, batch)
            before.append(time.perf_counter() - started)
            batch = _batch(args.enrolments, rng)
            started = time.perf_counter()
            intake(hq, batch)
            after.append(time.perf_counter() - started)
            print(f"[{label}] run: before {before[-1]:.2f} s, after {after[-1]:.2f} s", flush=True)
        queued = depth(hq)["queued"]
        started = time.perf_counter()
        tally = run_worker(hq, once=True)
        drained = time.perf_counter() - started
        hq.close()
    print(
        f"[{label}] completion of a {args.enrolments:,}-enrollment batch, gallery {args.gallery:,} palms: "
        f"before (search inside) median {statistics.median(before):.2f} s, "
        f"after (search queued) median {statistics.median(after):.2f} s ({args.runs} runs)"
    )
    print(
        f"[{label}] worker drained {queued:,} queued searches in {drained:.1f} s "
        f"({drained / max(1, tally.searched) * 1000:.0f} ms per enrollment; {tally.failed} failed)"
    )


if __name__ == "__main__":
    main()
