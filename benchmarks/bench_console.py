"""The HQ web console's speed (issue 19): the review queue with 10,000 open items (target ≤ 200 ms)
and an evidence page with its four palm images (target ≤ 500 ms), on PostgreSQL.

Real parts throughout: a fresh PostgreSQL database, the HQ app served by uvicorn on loopback, two
laptops (real SQLCipher stores) that enroll the same left palm under two ID numbers and sync over
HTTP, HQ's search worker that flags the duplicate, and a logged-in staff session (requests). Then
10,000 further open review items (four kinds, 20 devices, 60 days of ages, 12 districts) are added
in bulk, and each page is fetched ``--runs`` times: medians and 95th percentiles of the whole HTTP
round trip are printed. The district fill (items get their person's roster district once, in the
first queue requests after intake) is timed on its own. Nothing is asserted (a shared 2-core
machine is noisy).

    .venv/bin/python benchmarks/bench_console.py [--server postgresql://postgres@127.0.0.1:55432/postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from capture.idcard.synthetic import synthetic_cards  # noqa: E402
from fieldkit.device_key import device_public_key  # noqa: E402
from fieldkit.hq.keys import create_hq_key, public_key_text  # noqa: E402
from fieldkit.hq.operators import add_hq_operator  # noqa: E402
from fieldkit.hq.search_worker import run_worker  # noqa: E402
from fieldkit.hq.server import create_app  # noqa: E402
from fieldkit.hq.store import DB_ENV, HqStore  # noqa: E402
from fieldkit.sync.client import sync  # noqa: E402
from fieldkit.wire import keys as wire_keys  # noqa: E402
from fieldkit.workflows.enrollment import enroll  # noqa: E402
from matching.synthetic_palm import synthetic_hand  # noqa: E402
from storage.store import Store  # noqa: E402
from tests.http_server import serve  # noqa: E402

PASSWORD = "bench password 1"
KINDS = ("duplicate", "roster", "case", "conflict")


def _laptop(path: Path, hq_home: Path, name: str) -> Store:
    store = Store.create(path, "bench passphrase")
    public = device_public_key(store, "op")
    hq = HqStore.open(hq_home)
    try:
        hq.register_device(wire_keys.key_id(public), public, name)
    finally:
        hq.close()
    return store


def _enroll_and_sync(store: Store, card: object, hands: tuple[int, int], hq_home: Path, url: str) -> None:
    """Enroll (left palm ``hands[0]``, right ``hands[1]``; the second laptop takes other captures of
    the shared left palm) and sync over HTTP."""
    later = 5 if hands[1] == 3 else 0
    enroll(
        store,
        card=card,  # type: ignore[arg-type]
        face_image=None,
        palm_images={
            "left": [synthetic_hand(hands[0], later + i) for i in range(3)],
            "right": [synthetic_hand(hands[1], i) for i in range(3)],
        },
        actor="op",
        device="sim",
        place="丛台区",
        cycle=2026,
    )
    signing = wire_keys.read_hq_keys(hq_home / wire_keys.PUBLIC_FILE).signing
    assert signing is not None
    sync(
        store,
        url=url,
        hq_public_key=wire_keys.read_public_key_file(hq_home / wire_keys.PUBLIC_FILE),
        hq_signing_key=signing,
        actor="op",
    )


def _bulk_items(hq: HqStore, count: int) -> None:
    now = dt.datetime.now(dt.UTC)
    devices = [f"bench-device-{i:02d}" for i in range(20)]
    rows = [
        (
            KINDS[i % 4],
            str(uuid.uuid4()),
            "enrollment" if i % 4 == 0 else "certification",
            devices[i % 20],
            f"bench item {i}",
            json.dumps({"version": 1}),
            "open",
            (now - dt.timedelta(minutes=13 * i % (60 * 24 * 60))).isoformat(),
        )
        for i in range(count)
    ]
    with hq.db.transaction():
        hq.db.executemany(
            "INSERT INTO reviews (kind, record_uuid, record_type, device_key_id, summary, details, status, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _times(session: requests.Session, url: str, runs: int) -> tuple[float, float]:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        answer = session.get(url, timeout=60)
        took.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
    took.sort()
    return statistics.median(took), took[min(len(took) - 1, int(len(took) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("FIELDKIT_TEST_POSTGRES", ""))
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if not args.server:
        raise SystemExit("name a PostgreSQL server with --server or $FIELDKIT_TEST_POSTGRES")
    os.environ.setdefault("FIELDKIT_HQ_PASSPHRASE", "bench hq passphrase")
    name = f"fieldkit_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(args.server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ[DB_ENV] = f"{args.server.rsplit('/', 1)[0]}/{name}"
    work = Path(tempfile.mkdtemp(prefix="bench-console-"))
    try:
        _run(work, args)
    finally:
        with psycopg.connect(args.server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(work: Path, args: argparse.Namespace) -> None:
    hq_home = work / "hq"
    hq = HqStore.open(hq_home, create=True)
    create_hq_key(hq)
    (hq_home / wire_keys.PUBLIC_FILE).write_text(public_key_text(hq))
    add_hq_operator(hq, login="bench", name="测试", role="reviewer", password=PASSWORD)
    hq.close()
    cards = list(synthetic_cards(2, seed=7))
    runner = serve(create_app(hq_home))
    url = next(runner)
    try:
        _enroll_and_sync(_laptop(work / "a.db", hq_home, "laptop A"), cards[0], (1, 2), hq_home, url)
        _enroll_and_sync(_laptop(work / "b.db", hq_home, "laptop B"), cards[1], (1, 3), hq_home, url)
        hq = HqStore.open(hq_home)
        try:
            assert run_worker(hq, once=True).flagged == 1
            duplicate = int(hq.db.scalar("SELECT id FROM reviews WHERE kind = 'duplicate'"))
            _bulk_items(hq, args.items)
        finally:
            hq.close()
        session = requests.Session()
        form = session.get(f"{url}/console/login", timeout=30).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token
        session.post(
            f"{url}/console/login",
            data={"csrf_token": token.group(1), "login": "bench", "password": PASSWORD},
            timeout=30,
        )
        start = time.perf_counter()
        first = session.get(f"{url}/console/reviews", timeout=600)
        assert first.status_code == 200
        print(
            f"district fill after intake: first queue request {1000 * (time.perf_counter() - start):.0f} ms"
        )
        hq = HqStore.open(hq_home)
        try:
            start = time.perf_counter()
            from fieldkit.hq.console.queue import fill_districts

            filled = 0
            while (step := fill_districts(hq)) > 0:
                filled += step
            print(f"district fill of the remaining {filled} items: {time.perf_counter() - start:.2f} s")
            with hq.db.transaction():  # the bench items had no person: give them districts to filter by
                for district in range(12):
                    hq.db.execute(
                        "UPDATE reviews SET district = ? WHERE summary LIKE ? AND mod(id, 12) = ?",
                        (f"区{district:02d}", "bench item %", district),
                    )
            total = int(hq.db.scalar("SELECT count(*) FROM reviews WHERE status = 'open'"))
        finally:
            hq.close()
        print(f"open review items: {total} (PostgreSQL)")
        for label, query in (
            ("queue, no filter", ""),
            ("queue, kind=duplicate", "?kind=duplicate"),
            ("queue, district", "?district=区03"),
            ("queue, team/device", "?device=bench-device-07"),
            ("queue, waiting ≥ 30 days", "?age=30"),
            ("queue, page 150", "?page=150"),
            ("queue, all filters", "?kind=roster&district=区05&device=bench-device-01&age=10"),
        ):
            median, p95 = _times(session, f"{url}/console/reviews{query}", args.runs)
            print(f"{label:<28} median {median:6.1f} ms   p95 {p95:6.1f} ms")
        page = session.get(f"{url}/console/reviews/{duplicate}", timeout=60).text
        images = re.findall(r'src="(/console/reviews/\d+/images/[^"]+)"', page)
        start = time.perf_counter()
        session.get(f"{url}/console/reviews/{duplicate}", timeout=60)
        for source in images:
            session.get(url + source, timeout=60)
        print(
            f"evidence page + {len(images)} palm images, first view (crops cut): "
            f"{1000 * (time.perf_counter() - start):.0f} ms"
        )
        took = []
        for _ in range(args.runs):
            start = time.perf_counter()
            assert session.get(f"{url}/console/reviews/{duplicate}", timeout=60).status_code == 200
            for source in images:
                assert session.get(url + source, timeout=60).status_code == 200
            took.append((time.perf_counter() - start) * 1000)
        took.sort()
        print(
            f"evidence page + {len(images)} palm images, again: median {statistics.median(took):.0f} ms, "
            f"p95 {took[int(len(took) * 0.95) - 1]:.0f} ms"
        )
    finally:
        runner.close()


if __name__ == "__main__":
    main()
