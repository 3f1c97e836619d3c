"""Sync speed on loopback: 10,000 certification records, or 1,000 enrollments with their images.

Targets: issue 7, 10,000 certification records uploaded and reconciled in <= 30 s on loopback;
issue 18, 1,000 enrollments with images (4,000 records) laptop to HQ accepted in <= 30 s, format 2
(images as binary parts) timed beside format 1 (base64 inside JSON), medians. The duplicate search
is queued work since issue 18 (``--search`` runs the worker after and times it apart). The laptop is a real
encrypted store; headquarters is the real FastAPI app under uvicorn in a thread, on SQLite (or on an
empty PostgreSQL database with ``--db postgresql://…``). Enrollments are made by the real enrollment
workflow from synthetic palm images (3 per hand, JPEG), which takes minutes and is not measured.

    .venv/bin/python benchmarks/bench_sync.py [--records 10000] [--enrollments 1000] [--db URL]
        [--chunk-mb 4] [--format 1|2|both] [--runs 3] [--search]
        [--laptop FILE]   # --laptop keeps the made store for the next run (minutes saved)
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import uvicorn

from capture.idcard.synthetic import synthetic_cards
from fieldkit.device_key import device_public_key
from fieldkit.errors import UserError
from fieldkit.hq.keys import create_hq_key, load_hq_signing_key
from fieldkit.hq.search_worker import run_worker
from fieldkit.hq.server import create_app
from fieldkit.hq.store import HqStore
from fieldkit.sync.client import sync
from fieldkit.wire import keys as wire_keys
from fieldkit.workflows.enrollment import enroll
from matching.synthetic_palm import synthetic_hand
from storage.records import Certification, Person
from storage.store import Store


def _bench_passphrase(_new: bool) -> str:
    """The throwaway HQ's key passphrase (its keys die with the temporary folder)."""
    return "benchmark hq passphrase"


def _make_certifications(store: Store, count: int) -> None:
    with store.transaction("bench"):
        person = store.people.add(Person(id_number="130402195306151228", name="测试"))
        for index in range(count - 1):
            store.certifications.add(
                Certification(
                    person_uuid=person.uuid,
                    cycle=2026,
                    method="palm",
                    result="accept",
                    operator_uuid="bench",
                    device="sim",
                    place="p",
                    scores={"palm_right": 0.61, "fused": None},
                    evidence={"attempt": 1, "decision_code": "decision.palm_match", "n": index},
                )
            )


def _make_enrollments(store: Store, count: int) -> None:
    started = time.perf_counter()
    made = refused = 0
    for index, card in enumerate(synthetic_cards(2 * count, seed=11)):
        if made == count:
            break
        try:
            enroll(
                store,
                card=card,
                face_image=None,
                palm_images={
                    "left": [synthetic_hand(2 * index + 10, s) for s in range(3)],
                    "right": [synthetic_hand(2 * index + 11, s) for s in range(3)],
                },
                actor="bench",
                device="sim",
                place="p",
                cycle=2026,
            )
            made += 1
        except UserError:
            refused += 1  # note: a synthetic hand whose samples disagree, as a real retake would be
    print(
        f"setup: {made:,} enrollments made in {time.perf_counter() - started:.0f} s "
        f"({refused} synthetic people refused at capture; not measured)"
    )


def _one_run(laptop: Path, args: argparse.Namespace, batch_format: int) -> tuple[float, str]:
    """Sync a copy of the laptop store to a fresh headquarters; (seconds, what happened)."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        hq = HqStore.open(home / "hq", create=True, db_url=args.db)
        hq.passphrase_prompt = _bench_passphrase
        hq_key = create_hq_key(hq)
        signing = load_hq_signing_key(hq).public_key().public_bytes_raw()
        shutil.copyfile(laptop, home / "laptop.db")
        store = Store.open(home / "laptop.db", "benchmark passphrase")
        public = device_public_key(store, "bench")
        hq.register_device(wire_keys.key_id(public), public, "bench")
        hq.close()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        app = create_app(home / "hq", db_url=args.db, passphrase_prompt=_bench_passphrase)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        started = time.perf_counter()
        result = sync(
            store,
            url=f"http://127.0.0.1:{port}",
            hq_public_key=hq_key,
            hq_signing_key=signing,
            actor="bench",
            timeout=300,
            chunk=int(args.chunk_mb * 1024 * 1024),
            batch_format=batch_format,
        )
        elapsed = time.perf_counter() - started
        server.should_exit = True
        thread.join(timeout=10)
        left = store.outbox.pending_count()
        store.close()
        note = f"{result.acknowledged:,} of {result.sent:,} acknowledged, {left} left in the outbox"
        if args.search:
            worked = HqStore.open(home / "hq", db_url=args.db)
            searching = time.perf_counter()
            searched = run_worker(worked, once=True).searched  # note: the queued duplicate searches
            seconds = time.perf_counter() - searching
            note += f"; then the worker searched {searched:,} enrollments in {seconds:.1f} s"
            worked.close()
    return elapsed, note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--enrollments", type=int, default=0, help="sync N enrollments with images instead")
    parser.add_argument("--db", help="HQ database URL (default: a SQLite file)")
    parser.add_argument("--chunk-mb", type=float, default=4.0, help="upload chunk size")
    parser.add_argument(
        "--format", default="both", choices=("1", "2", "both"), help="batch format(s) to time"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per format (the median is printed)")
    parser.add_argument("--search", action="store_true", help="also run the queued duplicate search after")
    parser.add_argument(
        "--laptop", metavar="FILE", help="reuse this laptop store (made on first use; a copy is synced)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        laptop = Path(args.laptop) if args.laptop else Path(folder) / "laptop.db"
        if not laptop.exists():
            store = Store.create(laptop, "benchmark passphrase")
            if args.enrollments:
                _make_enrollments(store, args.enrollments)
            else:
                _make_certifications(store, args.records)
            store.close()
        with Store.open(laptop, "benchmark passphrase") as store:
            pending = store.outbox.pending_count()
        what = f"enrollments with images ({args.chunk_mb:g} MB chunks)" if args.enrollments else "records"
        formats = (1, 2) if args.format == "both" else (int(args.format),)
        medians: dict[int, float] = {}
        for batch_format in formats:
            times = []
            for run in range(args.runs):
                elapsed, note = _one_run(laptop, args, batch_format)
                times.append(elapsed)
                print(f"format {batch_format} run {run + 1}: {elapsed:.1f} s ({note})", flush=True)
            medians[batch_format] = statistics.median(times)
    print(
        f"sync of {what}: {pending:,} records (build, sign, encrypt, upload, verify, store, queue the "
        "duplicate search, acknowledge), laptop to HQ on loopback, median of "
        f"{args.runs}: " + ", ".join(f"format {f} {m:.1f} s" for f, m in medians.items())
    )


if __name__ == "__main__":
    main()
