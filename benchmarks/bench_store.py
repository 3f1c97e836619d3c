"""Store speed on this machine: open, roster import, look-ups by ID number and by name.

Targets (issue 2): import 110,000 roster rows <= 10 s; look up by ID number <= 2 ms and search by
name <= 20 ms with 360,000 people stored; open <= 0.5 s. Prints medians of repeated runs; nothing
here is asserted, because timings on a shared 2-core machine are noisy.

    .venv/bin/python benchmarks/bench_store.py [--people 360000] [--import-rows 110000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fieldkit.demo.data import people_rows, roster_csv
from fieldkit.workflows.roster_import import import_roster
from storage.store import Store

PASSPHRASE = "benchmark passphrase"


def median_ms(action: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=360_000)
    parser.add_argument("--import-rows", type=int, default=110_000)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="fieldkit-bench-"))
    path = folder / "fieldkit.db"
    Store.create(path, PASSPHRASE).close()
    print(f"generating {args.people:,} synthetic people ...", flush=True)
    rows = list(people_rows(args.people, seed=11))
    first = folder / "city.csv"
    first.write_bytes(roster_csv(rows[: args.import_rows], encoding="gbk"))
    rest = folder / "rest.csv"
    rest.write_bytes(roster_csv(rows[args.import_rows :], encoding="utf-8-sig"))

    with Store.open(path, PASSPHRASE) as store:
        started = time.perf_counter()
        report = import_roster(store, first, cycle=2026, region="130400", actor="bench")
        import_s = time.perf_counter() - started
        print(
            f"import {report.accepted:,} GBK rows (validate + one transaction): {import_s:.2f} s", flush=True
        )
        started = time.perf_counter()
        import_roster(store, first, cycle=2026, region="130400", actor="bench")
        print(f"re-import of the same file (no change): {time.perf_counter() - started:.2f} s", flush=True)
        if args.people > args.import_rows:
            started = time.perf_counter()
            import_roster(store, rest, cycle=2026, region="130400", actor="bench")
            print(
                f"import the remaining {args.people - args.import_rows:,} rows: "
                f"{time.perf_counter() - started:.2f} s",
                flush=True,
            )
        count = store.people.count()

    opens = []
    for _ in range(5):
        started = time.perf_counter()
        store = Store.open(path, PASSPHRASE)
        opens.append(time.perf_counter() - started)
        store.close()
    print(
        f"open the store ({count:,} people, {path.stat().st_size / 1e6:.0f} MB): "
        f"median {statistics.median(opens) * 1000:.0f} ms of 5"
    )

    rng = random.Random(5)
    ids = [rows[rng.randrange(len(rows))][0] for _ in range(200)]
    names = [rows[rng.randrange(len(rows))][1] for _ in range(50)]
    with Store.open(path, PASSPHRASE) as store:
        store.people.search_name("王")  # warm the page cache, as a session's first search would
        it = iter(ids)
        lookup = median_ms(lambda: store.people.find_by_id_number(next(it)), 200)
        print(f"look up by ID number: median {lookup:.3f} ms")
        it2 = iter(names)
        print(
            f"search by full name (prefix, index): median "
            f"{median_ms(lambda: store.people.search_name(next(it2)), 50):.2f} ms"
        )
        it3 = iter([n[1:] for n in names])
        print(
            f"search by part of a name (substring scan): median "
            f"{median_ms(lambda: store.people.search_name(next(it3)), 50):.2f} ms"
        )
        absent = iter(["不存在" + str(i) for i in range(20)])
        print(
            "search for a name nobody has (worst case: full scan of the name index): median "
            f"{median_ms(lambda: store.people.search_name(next(absent)), 20):.2f} ms"
        )
        it4 = iter([i[:8] for i in ids])
        print(
            f"search by ID-number beginning: median "
            f"{median_ms(lambda: store.people.search_id_prefix(next(it4)), 50):.2f} ms"
        )
    shutil.rmtree(folder, ignore_errors=True)  # note: ~200 MB of synthetic data, not worth keeping


if __name__ == "__main__":
    main()
