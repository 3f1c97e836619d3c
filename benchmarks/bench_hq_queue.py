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

Batched 1:N (issue 18, target: 1,000 enrollments against 720,000 palms in <= 60 s on 2 cores):
``--search`` fills the HQ database with ``--gallery`` palms and ``--enrolments`` queued enrollments
(2 hands x 3 samples each), drains the queue with a worker claiming ``--batch`` jobs at a time
(batched first pass), and times the per-probe search (today's ``PalmIndex.search`` per hand) on
``--per-probe-sample`` of those enrollments, scaled to all of them (said so when printed).
``--recall`` enrolls the real palms of ../shared/data (3 session-1 captures a hand, all four sets)
into a gallery padded with random codes to ``--gallery``, searches the session-2 captures of the two
hard sets as new enrollments would be searched at HQ (first capture + the others), and prints the
recall (the mate among the hits at the duplicate threshold) of per-probe and batched side by side.

    .venv/bin/python benchmarks/bench_hq_queue.py --search --gallery 720000 --enrolments 1000
    .venv/bin/python benchmarks/bench_hq_queue.py --recall --gallery 720000
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

from fieldkit.hq.duplicates import find_duplicates, gallery, record_duplicate
from fieldkit.hq.intake import intake
from fieldkit.hq.search_queue import depth, enqueue
from fieldkit.hq.search_worker import run_worker
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import canonical
from fieldkit.wire.envelope import OpenedBatch
from fieldkit.workflows.policy import decision_context
from matching.image_io import read_grey
from matching.palm_batch_search import search_many
from matching.palm_code import SEARCH_WAVELENGTH, encode, probe_from_code
from matching.palm_index import Candidate, PalmIndex
from matching.palm_roi import find_palm_roi
from matching.palm_template import FORMAT_NAME, PalmTemplate, from_bytes, to_bytes
from storage.records import BiometricSample, Enrollment, new_uuid

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "palmvein"


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


def _queue_enrollments(hq: HqStore, count: int, rng: np.random.Generator) -> None:
    """``count`` new enrollments (6 palm templates each) and their queued search jobs."""
    change = hq.next_change()
    uuids = [new_uuid() for _ in range(count)]
    rows = []
    for e, enrollment in enumerate(uuids):
        for i, code in enumerate(rng.integers(0, 2**32, size=(6, 6, 32), dtype=np.uint32)):
            rows.append(
                (
                    f"n{e}-{i}",
                    enrollment,
                    f"N{e:017d}",
                    "palm",
                    "left" if i < 3 else "right",
                    FORMAT_NAME,
                    to_bytes(PalmTemplate(code=code, quality=80)),
                    "bench",
                    change,
                )
            )
    with hq.db.transaction():
        hq.db.executemany(
            "INSERT INTO templates (sample_uuid, enrollment_uuid, id_number, modality, hand, format, "
            "template, device_key_id, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        enqueue(hq, uuids, batch_id=new_uuid(), device_key_id="bench")


def search_benchmark(args: argparse.Namespace) -> None:
    """Drain 1,000 queued enrollments with the batched worker; time per-probe search on a sample."""
    rng = np.random.default_rng(181)
    label = "postgresql" if args.db else "sqlite"
    with tempfile.TemporaryDirectory() as folder:
        hq = HqStore.open(Path(folder) / "hq", create=True, db_url=args.db)
        _fill(hq, args.gallery, rng)
        _queue_enrollments(hq, args.enrolments, rng)
        started = time.perf_counter()
        city = gallery(hq)  # note: the worker's start-up, timed apart from the search
        loaded = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        tally = run_worker(hq, once=True, batch=args.batch)
        batched, batched_cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"[{label}] batched: {tally.searched:,} enrollments searched against {len(city.index):,} palms "
            f"in {batched:.1f} s ({batched / max(1, tally.searched) * 1000:.0f} ms per enrollment, "
            f"batches of {args.batch}; {tally.failed} failed; CPU {batched_cpu:.1f} s over both cores); "
            f"gallery loaded before in {loaded:.1f} s",
            flush=True,
        )
        sample = [
            str(u)
            for (u,) in hq.db.execute(
                "SELECT enrollment_uuid FROM search_jobs ORDER BY id LIMIT ?", (args.per_probe_sample,)
            ).fetchall()
        ]
        times, cpus = [], []
        for enrollment in sample:
            hands: dict[str, list[PalmTemplate]] = {}
            for hand, template in hq.db.execute(
                "SELECT hand, template FROM templates WHERE enrollment_uuid = ? ORDER BY sample_uuid",
                (enrollment,),
            ).fetchall():
                hands.setdefault(str(hand), []).append(from_bytes(bytes(template)))
            started, cpu = time.perf_counter(), time.process_time()
            for samples in hands.values():
                probes = [probe_from_code(t.code, t.search_code) for t in samples]
                city.index.search(probes[0], top=10, also=probes[1:])
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        hq.close()
    each = statistics.median(times)
    print(
        f"[{label}] per-probe: median {each * 1000:.0f} ms per enrollment over {len(times)} enrollments "
        f"-> {each * args.enrolments:.0f} s for {args.enrolments:,} (scaled from the sample; CPU "
        f"{statistics.median(cpus) * args.enrolments:.0f} s)"
    )


def _real_palms() -> tuple[dict[str, list[Path]], dict[str, list[Path]]]:
    """Enrolled captures (session 1, up to 3) of every real palm, and probe captures (session 2)
    of the two hard sets, keyed ``set/identity``."""
    enrolled: dict[str, list[Path]] = {}
    probes: dict[str, list[Path]] = {}
    for name in ("casia_ms_940_fullhand", "casia_ms_roi_940", "casia_ms_roi_850", "polyu_ms_nir_roi"):
        for identity in sorted((DATA / name).iterdir()):
            images = sorted(identity.iterdir())
            key = f"{name}/{identity.name}"
            if name.startswith("casia"):
                first = [p for p in images if p.stem in ("01", "02", "03")]
                later = [p for p in images if p.stem in ("04", "05", "06")]
            else:
                first, later = images[:3], []
            if first:
                enrolled[key] = first
            if later and name in ("casia_ms_940_fullhand", "casia_ms_roi_940"):
                probes[key] = later
    return enrolled, probes


def recall_benchmark(args: argparse.Namespace) -> None:
    """Recall of per-probe and batched search on real captures in a padded city-size gallery."""
    if not DATA.is_dir():
        print(f"recall: skipped ({DATA} not present)")
        return
    threshold = decision_context().palm_duplicate
    enrolled, probes = _real_palms()
    keys, codes, search = [], [], []
    for key, paths in enrolled.items():
        for i, path in enumerate(paths):
            roi = find_palm_roi(read_grey(path)).image
            keys.append(f"{key}/{i}")
            codes.append(encode(roi))
            search.append(encode(roi, SEARCH_WAVELENGTH))
    filler = np.random.default_rng(3).integers(
        0, 2**32, size=(args.gallery - len(keys), 6, 32), dtype=np.uint32
    )
    index = PalmIndex()
    index.add_many(
        keys + [f"r/{i}/0" for i in range(len(filler))],
        np.concatenate([np.stack(codes), filler]),
        np.concatenate([np.stack(search), filler]),
    )
    queries, truth = [], []
    for key, paths in probes.items():
        made = []
        for path in paths:
            roi = find_palm_roi(read_grey(path)).image
            made.append(probe_from_code(encode(roi), encode(roi, SEARCH_WAVELENGTH)))
        queries.append((made[0], made[1:]))
        truth.append(key)

    def recall(found: list[list[Candidate]]) -> tuple[int, int]:
        hits = [{c.key.rsplit("/", 1)[0] for c in candidates if c.score >= threshold} for candidates in found]
        return sum(t in h for t, h in zip(truth, hits, strict=True)), sum(
            t in {c.key.rsplit("/", 1)[0] for c in f} for t, f in zip(truth, found, strict=True)
        )

    started = time.perf_counter()
    alone = [index.search(probe, top=10, also=also) for probe, also in queries]
    per_probe = time.perf_counter() - started
    started = time.perf_counter()
    together = search_many(index, queries, top=10)
    batched = time.perf_counter() - started
    (a_hit, a_top), (b_hit, b_top) = recall(alone), recall(together)
    n = len(queries)
    print(
        f"recall on real captures: {n} session-2 hands of casia_ms_940_fullhand + casia_ms_roi_940 "
        f"searched among {len(keys):,} real enrolled captures + {len(filler):,} random palms "
        f"(threshold {threshold:.3f}):\n"
        f"  per-probe: mate at or above the threshold {a_hit}/{n} ({a_hit / n:.1%}), in the top 10 "
        f"{a_top}/{n}; {per_probe:.1f} s\n"
        f"  batched:   mate at or above the threshold {b_hit}/{n} ({b_hit / n:.1%}), in the top 10 "
        f"{b_top}/{n}; {batched:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gallery", type=int, default=10_000, help="palms enrolled before the batches")
    parser.add_argument("--enrolments", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="an empty HQ database URL (default: a SQLite file)")
    parser.add_argument(
        "--search", action="store_true", help="batched vs per-probe search of the enrollments"
    )
    parser.add_argument("--recall", action="store_true", help="recall on real captures, per-probe vs batched")
    parser.add_argument("--batch", type=int, default=500, help="jobs a worker claims at once (--search)")
    parser.add_argument("--per-probe-sample", type=int, default=20, help="enrollments timed per-probe")
    args = parser.parse_args()
    if args.search or args.recall:
        if args.recall:
            recall_benchmark(args)
        if args.search:
            search_benchmark(args)
        return
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
