"""A region's work package built while uploads run (issue 18): does any writer wait for the build?

The region of bench_hq.py (3,000 people, 1,000 enrolled with a face and six palms, 1,000 certified)
is loaded, then writer processes take in small batches (20 field cases each, through headquarters' own
intake) one after another while the package is built ``--builds`` times. A writer's wait is the time
from asking for its write transaction to being inside it (SQLite: the writer lock and BEGIN
IMMEDIATE; PostgreSQL: a pooled connection and BEGIN). Printed: the build times and the longest and
99th-percentile writer waits during the builds — for the build as it is now (a read snapshot) and,
for comparison, the same reads inside a write transaction, as builds ran before issue 18.

    .venv/bin/python benchmarks/bench_hq_package_load.py [--writers 1] [--builds 3]
    FIELDKIT_TEST_POSTGRES=postgresql://postgres@127.0.0.1:55432/postgres \\
        .venv/bin/python benchmarks/bench_hq_package_load.py
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import multiprocessing
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from bench_hq import LAPTOP_ID, POSTGRES_ENV, REGION, REGION_PEOPLE, _register_laptop, postgres_database
from bench_hq import region_package as load_region

from fieldkit.hq.db import Database
from fieldkit.hq.intake import intake
from fieldkit.hq.packages import build_package
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import canonical
from fieldkit.wire.envelope import OpenedBatch
from storage.records import Case, new_uuid


def _small_batch(device: str, first_sequence: int) -> OpenedBatch:
    entries, contents = [], {}
    for offset in range(20):
        case = Case(kind="capture_failure", person_uuid=None, opened_by="bench", details={"n": offset})
        content = canonical(case)
        outbox = new_uuid()
        contents[outbox] = base64.b64encode(content).decode("ascii")
        entries.append(
            {
                "outbox_uuid": outbox,
                "sequence": first_sequence + offset,
                "record_type": "case",
                "record_uuid": case.uuid,
                "version": 1,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
    body = json.dumps({"manifest": {"entries": entries, "store_id": device}, "records": contents}).encode()
    return OpenedBatch(batch_id=new_uuid(), device_key_id=device, body=body)


def _writer(home: str, db_url: str | None, device: str, stop: Any, results: Any) -> None:
    """A writer process (like another API process): batches back to back, timing each wait."""
    hq = HqStore.open(Path(home), db_url=db_url)
    waits, sequence = [], 1
    try:
        while not stop.is_set():
            batch = _small_batch(device, sequence)
            sequence += 20
            asked = time.time()
            with hq.db.transaction():
                waits.append((asked, time.time() - asked))
                intake(hq, batch, duplicate_search=False)
    finally:
        hq.close()
        results.put(waits)


class Writers:
    """Processes taking in small batches back to back, each timing how long it waited for its
    transaction (processes, as behind ``fieldkit hq serve --processes N``: a thread in the building
    process would also measure waits for Python's interpreter lock, which the build holds in long
    C calls such as encoding the 11 MB body)."""

    def __init__(self, hq: HqStore, db_url: str | None, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.stop = context.Event()
        self.results: Any = context.Queue()
        self.processes = [
            context.Process(
                target=_writer, args=(str(hq.home), db_url, f"writer{n}", self.stop, self.results)
            )
            for n in range(count)
        ]
        self.waits: list[tuple[float, float]] = []

    def __enter__(self) -> Writers:
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for _ in self.processes:
            self.waits += self.results.get(timeout=120)
        for process in self.processes:
            process.join(timeout=60)

    def during(self, spans: list[tuple[float, float]]) -> list[float]:
        return [wait for asked, wait in self.waits if any(a <= asked <= b for a, b in spans)]


@contextmanager
def _as_before(db: Database) -> Iterator[None]:
    """The build inside a write transaction, as before issue 18 (the snapshot is bypassed)."""
    original = db.snapshot
    db.snapshot = db.transaction  # type: ignore[method-assign]
    try:
        yield
    finally:
        db.snapshot = original  # type: ignore[method-assign]


def _measure(
    label: str,
    how: str,
    hq: HqStore,
    db_url: str | None,
    writers: int,
    builds: int,
    mode: AbstractContextManager[Any],
) -> None:
    times: list[float] = []
    spans: list[tuple[float, float]] = []
    with Writers(hq, db_url, writers) as running:
        time.sleep(8.0)  # note: the writer processes start (imports on a busy machine) and get going
        with mode:
            for _ in range(builds):
                started, clock = time.perf_counter(), time.time()
                data = build_package(hq, region=REGION, cycle=2026, device_key_id=LAPTOP_ID)
                times.append(time.perf_counter() - started)
                spans.append((clock, time.time()))
                time.sleep(0.5)
    waits = sorted(running.during(spans))
    p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))] if waits else 0.0
    print(
        f"[{label}] {how}: build of the {REGION_PEOPLE:,}-person region package median "
        f"{statistics.median(times):.2f} s ({len(data) / 1e6:.1f} MB, {builds} builds); {len(waits)} writer "
        f"transactions began during the builds ({writers} writer process(es)): max wait "
        f"{1000 * (waits[-1] if waits else 0):.0f} ms, p99 {1000 * p99:.0f} ms",
        flush=True,
    )


def run(label: str, folder: Path, db_url: str | None, writers: int, builds: int) -> None:
    hq = HqStore.open(folder / f"hq-{label}", create=True, db_url=db_url)
    hq.passphrase_prompt = lambda _new: "benchmark hq passphrase"  # a throwaway HQ
    try:
        _register_laptop(hq)
        load_region(label, hq, folder)
        _measure(label, "from a snapshot (now)", hq, db_url, writers, builds, nullcontext())
        if db_url is None:  # note: on PostgreSQL the old process-wide lock no longer exists to compare
            _measure(
                label, "inside a write transaction (before)", hq, db_url, writers, builds, _as_before(hq.db)
            )
    finally:
        hq.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=1, help="processes taking in batches meanwhile")
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fieldkit-bench-pkg-"))
    try:
        run("sqlite", folder, None, args.writers, args.builds)
        server = os.environ.get(POSTGRES_ENV)
        if server:
            with postgres_database(server) as url:
                run("postgresql", folder, url, args.writers, args.builds)
        else:
            print(f"(set ${POSTGRES_ENV} to measure PostgreSQL too)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
