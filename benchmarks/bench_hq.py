"""Headquarters speed: load the master roster (issue 7: 360,000 people "in minutes, not hours") and
build a region's work package, on SQLite and, when $FIELDKIT_TEST_POSTGRES names a server, on a
fresh PostgreSQL database. Nothing is asserted: timings on a shared 2-core machine are noisy.

    .venv/bin/python benchmarks/bench_hq.py [--people 360000]
    .venv/bin/python benchmarks/bench_hq.py --laptops 10 --records 1000 --runs 3   (issue 18: laptops
        syncing at once through the HTTP API; see hq_laptops.py)
    FIELDKIT_TEST_POSTGRES=postgresql://postgres@127.0.0.1:55432/postgres \
        .venv/bin/python benchmarks/bench_hq.py
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.demo.data import people_rows, roster_csv
from fieldkit.hq.device_regions import set_regions
from fieldkit.hq.intake import intake
from fieldkit.hq.keys import load_hq_signing_key
from fieldkit.hq.packages import build_package
from fieldkit.hq.roster import load_roster
from fieldkit.hq.store import HqStore
from fieldkit.sync.batch import canonical
from fieldkit.sync.package import apply_package
from fieldkit.wire.envelope import OpenedBatch
from fieldkit.wire.keys import key_id
from fieldkit.wire.package import open_package
from matching import face_template
from matching.palm import analyse_palm
from matching.palm_template import FORMAT_NAME as PALM_FORMAT
from matching.synthetic_palm import synthetic_hand
from storage.records import BiometricSample, Certification, Enrollment, new_uuid
from storage.store import Store

POSTGRES_ENV = "FIELDKIT_TEST_POSTGRES"
REGION, REGION_PEOPLE, REGION_ENROLLED = "120101", 3_000, 1_000
LAPTOP = Ed25519PrivateKey.generate()  # the device packages are made for (and encrypted to)
LAPTOP_ID = key_id(LAPTOP.public_key().public_bytes_raw())


def _register_laptop(hq: HqStore) -> None:
    public = LAPTOP.public_key().public_bytes_raw()
    hq.register_device(LAPTOP_ID, public, "bench laptop")
    set_regions(hq, LAPTOP_ID, [REGION, "130400"])


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    """A throw-away database on the server (dropped afterwards)."""
    import psycopg

    name = f"fieldkit_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _samples(palm: bytes, person: int) -> list[BiometricSample]:
    """Six palm samples and a face, as an enrollment on a laptop makes them.

    note: palm templates are a real template's header with random bytes after it (computing 6,000
    real ones takes too long); random bytes compress like real codes, so the package size holds.
    """
    rng = np.random.default_rng(person)
    vector = rng.standard_normal(face_template.DIMENSIONS).astype(np.float32)
    face = face_template.to_bytes(face_template.FaceTemplate(vector / np.linalg.norm(vector), 80))
    picture = cv2.GaussianBlur(rng.integers(0, 255, (480, 640, 3), dtype=np.uint8), (31, 31), 0)
    face_jpeg = bytes(cv2.imencode(".jpg", picture)[1].tobytes())
    samples = [
        BiometricSample("face", face_jpeg, "jpeg", 0, None, face, face_template.FORMAT_NAME, 80.0, "x")
    ]
    for index in range(6):
        template = palm[:16] + rng.bytes(len(palm) - 16)
        hand = "left" if index < 3 else "right"
        samples.append(
            BiometricSample("palm", b"", "jpeg", index % 3, hand, template, PALM_FORMAT, 70.0, "x")
        )
    return samples


def _intake_records(hq: HqStore, records: list[tuple[str, str, bytes]]) -> None:
    """Take records in through headquarters' own intake (as a batch would bring them)."""
    entries, contents = [], {}
    for sequence, (record_type, record_uuid, content) in enumerate(records, start=1):
        outbox = new_uuid()
        contents[outbox] = base64.b64encode(content).decode("ascii")
        entries.append(
            {
                "outbox_uuid": outbox,
                "sequence": sequence,
                "record_type": record_type,
                "record_uuid": record_uuid,
                "version": 1,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
    body = json.dumps({"manifest": {"entries": entries, "store_id": "bench"}, "records": contents}).encode()
    intake(hq, OpenedBatch(batch_id=new_uuid(), device_key_id="bench", body=body), duplicate_search=False)


def region_package(label: str, hq: HqStore, folder: Path) -> None:
    """A realistic team region: 3,000 people, 1,000 enrolled (face + 6 palms), 1,000 certified last year."""
    rows = list(people_rows(REGION_PEOPLE, seed=99))
    path = folder / f"region-{label}.csv"
    path.write_bytes(roster_csv(rows, encoding="utf-8-sig"))
    load_roster(hq, path, cycle=2026, region=REGION)
    uuids = dict(
        hq.db.execute("SELECT id_number, person_uuid FROM roster WHERE region = ?", (REGION,)).fetchall()
    )
    palm = analyse_palm(synthetic_hand(1, 0)).template
    records: list[tuple[str, str, bytes]] = []
    for number, row in enumerate(rows[:REGION_ENROLLED]):
        person = uuids[row[0]]
        enrollment = Enrollment(person, None, "bench", "丛台区", samples=_samples(palm, number))
        enrollment.started_at = enrollment.completed_at = "2025-03-01T08:00:00.000000Z"
        records.append(("enrollment", enrollment.uuid, canonical(enrollment)))
        certification = Certification(
            person, 2025, "palm", "accept", None, "bench", "丛台区", {"palm_left": 0.6}
        )
        certification.certified_at = "2025-03-01T08:01:00.000000Z"
        records.append(("certification", certification.uuid, canonical(certification)))
    started = time.perf_counter()
    _intake_records(hq, records)
    print(
        f"[{label}] intake of {len(records):,} records for the region: {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    data = build_package(hq, region=REGION, cycle=2026, device_key_id=LAPTOP_ID)
    print(
        f"[{label}] work package of a region ({REGION_PEOPLE:,} people, {REGION_ENROLLED:,} enrolled, "
        f"first build incl. indexing): {time.perf_counter() - started:.1f} s, {len(data) / 1e6:.2f} MB",
        flush=True,
    )
    started = time.perf_counter()
    again = build_package(hq, region=REGION, cycle=2026, device_key_id=LAPTOP_ID)
    print(f"[{label}] the same package built again: {time.perf_counter() - started:.1f} s", flush=True)
    key = load_hq_signing_key(hq).public_key().public_bytes_raw()
    package = open_package(again, key, LAPTOP)
    store_path = folder / f"laptop-{label}.db"
    with Store.create(store_path, "benchmark passphrase") as store:
        started = time.perf_counter()
        summary = apply_package(store, package, actor="bench")
        seconds = time.perf_counter() - started
        print(
            f"[{label}] applied on a laptop: {summary.people_added:,} people, {summary.enrollments_added:,} "
            f"enrollments, {summary.certifications_added:,} certifications in {seconds:.1f} s",
            flush=True,
        )
    more = [
        ("certification", c.uuid, canonical(c))
        for c in (
            Certification(
                uuids[row[0]], 2026, "palm", "accept", None, "bench", "天津", certified_at="2026-05-01"
            )
            for row in rows[:10]
        )
    ]
    _intake_records(hq, more)
    delta = build_package(hq, region=REGION, cycle=2026, since=package.change_seq, device_key_id=LAPTOP_ID)
    print(f"[{label}] delta after 10 new certifications: {len(delta):,} bytes", flush=True)


def run(label: str, home: Path, db_url: str | None, roster: Path, changed: Path, people: int) -> None:
    hq = HqStore.open(home, create=True, db_url=db_url)
    hq.passphrase_prompt = lambda _new: "benchmark hq passphrase"  # a throwaway HQ
    try:
        _register_laptop(hq)
        report = load_roster(hq, roster, cycle=2026, region="130400")
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
        print(
            f"[{label}] load {report.accepted:,} rows: {report.seconds:.1f} s ({steps}; cumulative)",
            flush=True,
        )
        again = load_roster(hq, roster, cycle=2026, region="130400")
        print(
            f"[{label}] re-load of the same file: {again.seconds:.1f} s, change_seq {again.change_seq}",
            flush=True,
        )
        delta = load_roster(hq, changed, cycle=2026, region="130400")
        print(
            f"[{label}] load with {delta.updated:,} changed rows: {delta.seconds:.1f} s, "
            f"change_seq {delta.change_seq}",
            flush=True,
        )
        started = time.perf_counter()
        package = build_package(hq, region="130400", cycle=2026, device_key_id=LAPTOP_ID)
        print(
            f"[{label}] full work package of {people:,} people: {time.perf_counter() - started:.1f} s, "
            f"{len(package) / 1e6:.1f} MB",
            flush=True,
        )
        started = time.perf_counter()
        small = build_package(
            hq, region="130400", cycle=2026, since=report.change_seq or 0, device_key_id=LAPTOP_ID
        )
        print(
            f"[{label}] delta package after the first load: {time.perf_counter() - started:.1f} s, "
            f"{len(small) / 1e3:.0f} kB",
            flush=True,
        )
        region_package(label, hq, home.parent)
    finally:
        hq.close()


def _laptops_only(folder: Path, laptops: int, records: int, runs: int, processes: int) -> None:
    from hq_laptops import run_laptops  # note: benchmarks/ is on the path when a script runs

    run_laptops("sqlite", folder, None, laptops, records, runs)
    server = os.environ.get(POSTGRES_ENV)
    if server:
        with postgres_database(server) as url:
            run_laptops("postgresql", folder, url, laptops, records, runs)
        if processes > 1:
            with postgres_database(server) as url:
                run_laptops("postgresql", folder / "p", url, laptops, records, runs, processes)
    else:
        print(f"(set ${POSTGRES_ENV} to measure PostgreSQL too)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=360_000)
    parser.add_argument("--laptops", type=int, default=0, help="only time N laptops syncing at once")
    parser.add_argument("--records", type=int, default=1_000, help="records per laptop (--laptops)")
    parser.add_argument("--runs", type=int, default=3, help="runs of --laptops (median printed)")
    parser.add_argument(
        "--processes", type=int, default=1, help="--laptops on PostgreSQL also against serve --processes N"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fieldkit-bench-hq-"))
    try:
        if args.laptops:
            _laptops_only(folder, args.laptops, args.records, args.runs, args.processes)
            return
        print(f"generating {args.people:,} synthetic people ...", flush=True)
        rows = list(people_rows(args.people, seed=7))
        roster = folder / "city.csv"
        roster.write_bytes(roster_csv(rows, encoding="gbk"))
        for row in rows[::100]:  # every hundredth person moves house
            row[5] = row[5] + "附1"
        changed = folder / "changed.csv"
        changed.write_bytes(roster_csv(rows, encoding="gbk"))
        run("sqlite", folder / "hq-sqlite", None, roster, changed, args.people)
        server = os.environ.get(POSTGRES_ENV)
        if server:
            with postgres_database(server) as url:
                run("postgresql", folder / "hq-pg", url, roster, changed, args.people)
        else:
            print(f"(set ${POSTGRES_ENV} to measure PostgreSQL too)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
