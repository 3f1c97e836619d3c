"""The web console's two pages that must stay fast (issue 19): the review queue with 10,000 open
items (target ≤ 200 ms) and a duplicate's evidence page with four palm images (target ≤ 500 ms).

A headquarters is seeded the way the field makes it (``scripts/console_seed.py``: two laptops
synced over real HTTP, the duplicate-search worker finds the planted cross-laptop duplicate), then
10,000 further open review items are added in one transaction, shaped like intake's (kinds, teams,
summaries, record references; their districts filled by the console's own filler before timing).
The real HQ app (API and console) runs under uvicorn on loopback; a staff member logs in through
the login form, then every timed request is a browser's request with the session cookie:

* queue: ``GET /console/reviews`` (first page of open items, with the counts per kind), each
  filter alone (kind, district, team, age), all of them, and the last page (deepest OFFSET);
* evidence: ``GET /console/reviews/{id}`` of the duplicate, then each ``<img>`` on it (the four
  palm ROI crops), timed as the page alone and as page + images fetched one after another, and
  its very first view (when the crops are cut);
* the first queue view after 500 new items (the console fills their districts in that request);
* the operations pages (devices, regions, reconciliation, progress, staff) as an administrator.

Medians and 95th percentiles of ``--runs`` requests after two warm-up requests; nothing is
asserted (a shared 2-core machine is noisy). The database is a SQLite file in a temporary
folder, or with ``--postgres URL`` a new database on that server (dropped afterwards):

    .venv/bin/python benchmarks/bench_console.py [--items 10000] [--runs 30]
    .venv/bin/python benchmarks/bench_console.py --postgres postgresql://postgres@127.0.0.1:55432/postgres
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_IMAGES = re.compile(r'<img[^>]+src="([^"]+)"')
_KINDS = ("duplicate", "roster", "case", "case", "case", "conflict")


@contextmanager
def database(postgres: str | None) -> Iterator[None]:
    """``$FIELDKIT_HQ_DB`` pointing at a new PostgreSQL database for the run (or SQLite if None)."""
    if postgres is None:
        os.environ.pop("FIELDKIT_HQ_DB", None)
        yield
        return
    import psycopg

    name = f"fieldkit_bench_console_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["FIELDKIT_HQ_DB"] = f"{postgres.rsplit('/', 1)[0]}/{name}"
    try:
        yield
    finally:
        os.environ.pop("FIELDKIT_HQ_DB", None)
        with psycopg.connect(postgres, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def add_open_items(hq_home: Path, count: int, *, fill: bool = True) -> float:
    """``count`` open review items about the seeded records; returns the seconds the console's
    district filler took for them (0 if not ``fill``)."""
    from fieldkit.hq.console.queue import fill_districts
    from fieldkit.hq.store import HqStore

    now = dt.datetime.now(dt.UTC)
    hq = HqStore.open(hq_home)
    try:
        records = hq.db.execute("SELECT record_uuid, record_type, device_key_id FROM records").fetchall()
        rows = []
        for index in range(count):
            record_uuid, record_type, device = records[index % len(records)]
            kind = _KINDS[index % len(_KINDS)]
            rows.append(
                (
                    kind,
                    f"{record_uuid}",
                    str(record_type),
                    str(device),
                    f"field case BENCH-2026-{index:05d} (id_mismatch) awaits a decision",
                    json.dumps({"version": 1, "bench": index}),
                    "open",
                    (now - dt.timedelta(minutes=13 * index % (60 * 24 * 60))).isoformat(),
                )
            )
        with hq.db.transaction():
            hq.db.executemany(
                "INSERT INTO reviews (kind, record_uuid, record_type, device_key_id, summary, details, "
                "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        started = time.perf_counter()
        while fill and fill_districts(hq):
            pass
        return time.perf_counter() - started if fill else 0.0
    finally:
        hq.close()


def log_in(url: str, login: str, password: str) -> requests.Session:
    browser = requests.Session()
    form = browser.get(f"{url}/console/login", timeout=30)
    found = _TOKEN.search(form.text)
    assert found, "no CSRF token on the login page"
    answer = browser.post(
        f"{url}/console/login",
        data={"csrf_token": found.group(1), "login": login, "password": password, "next": "/console/reviews"},
        timeout=30,
    )
    answer.raise_for_status()
    return browser


def timed(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """(median, 95th percentile) in ms of ``runs`` calls after two warm-up calls."""
    for _ in range(2):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def get_ok(browser: requests.Session, url: str) -> requests.Response:
    answer = browser.get(url, timeout=60, allow_redirects=False)
    if answer.status_code != 200:
        raise SystemExit(f"{url} answered {answer.status_code}")
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="open review items added")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server (a new database is made)")
    args = parser.parse_args()

    from console_seed import PASSWORDS, seed, serve

    from fieldkit.hq.server import create_app
    from fieldkit.hq.store import HqStore

    backend = "PostgreSQL" if args.postgres else "SQLite"
    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-console-") as work, database(args.postgres):
        seeded = seed(Path(work))
        duplicate = seeded.reviews["duplicate"]
        fill_s = add_open_items(seeded.hq_home, args.items)
        hq = HqStore.open(seeded.hq_home)
        try:
            open_items = int(hq.db.scalar("SELECT count(*) FROM reviews WHERE status = 'open'"))
            district = str(hq.db.scalar("SELECT district FROM reviews WHERE district <> '' LIMIT 1") or "")
        finally:
            hq.close()
        runner = serve(create_app(seeded.hq_home))
        url = next(runner)
        try:
            browser = log_in(url, "reviewer", PASSWORDS["reviewer"])
            evidence_url = f"{url}/console/reviews/{duplicate}"

            def evidence_with_images() -> int:
                html = get_ok(browser, evidence_url).text
                sources = _IMAGES.findall(html)
                for src in sources:
                    image = get_ok(browser, url + src.replace("&amp;", "&"))
                    assert image.content, "an empty image"
                return len(sources)

            started = time.perf_counter()
            images = evidence_with_images()  # the first view cuts the palm ROI crops
            cold = (time.perf_counter() - started) * 1000
            first = get_ok(browser, f"{url}/console/reviews")
            pages = re.search(r"/ (\d+)</span>", first.text)
            last = int(pages.group(1)) if pages else 1
            team = seeded.device_keys["B"]
            rows: list[tuple[str, tuple[float, float]]] = []
            for label, query in (
                ("queue, first page (counts + 50 rows)", ""),
                ("queue, kind=duplicate", "?kind=duplicate"),
                ("queue, district", f"?district={district}"),
                ("queue, team/device", f"?device={team}"),
                ("queue, waiting >= 30 days", "?age=30"),
                (f"queue, last page ({last})", f"?page={last}"),
                ("queue, kind+district+team+age", f"?kind=case&district={district}&device={team}&age=10"),
            ):
                target = f"{url}/console/reviews{query}"
                rows.append((label, timed(args.runs, partial(get_ok, browser, target))))
            rows.append(("evidence page, HTML only", timed(args.runs, lambda: get_ok(browser, evidence_url))))
            admin = log_in(url, "admin", PASSWORDS["admin"])
            for page in ("devices", "regions", "reconciliation", "progress", "staff"):
                target = f"{url}/console/{page}"
                rows.append((f"/console/{page}", timed(args.runs, partial(get_ok, admin, target))))
            rows.append((f"evidence page + its {images} images", timed(args.runs, evidence_with_images)))
            # the queue right after intake opened 500 items: the console fills their districts in the request
            add_open_items(seeded.hq_home, 500, fill=False)
            started = time.perf_counter()
            get_ok(browser, f"{url}/console/reviews")
            after_intake = (time.perf_counter() - started) * 1000
        finally:
            runner.close()
    print(
        f"{backend}: {open_items} open review items ({args.items} added), districts filled in "
        f"{fill_s:.1f} s; medians and p95 of {args.runs} requests"
    )
    for label, (median, p95) in rows:
        target = "   (target <= 200 ms)" if label.startswith("queue, first") else ""
        target = "   (target <= 500 ms)" if label.startswith("evidence page +") else target
        print(f"  {label:<38} median {median:7.1f} ms   p95 {p95:7.1f} ms{target}")
    print(f"  {'evidence page + images, first view':<38} {cold:7.1f} ms (its palm ROI crops cut)")
    print(
        f"  {'queue, first view after 500 new items':<38} {after_intake:7.1f} ms "
        "(their districts filled then)"
    )


if __name__ == "__main__":
    main()
