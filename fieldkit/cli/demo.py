"""``fieldkit demo``: the foundation at work on synthetic data, with no hardware and no setup.

Why a demo command: a team lead evaluating fieldkit (and the README's first command) should see the
real store, roster import, search, backup and audit check run end to end in seconds. Everything
happens in a temporary data folder that is removed afterwards unless ``--keep``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fieldkit.demo_data import people_rows, roster_csv

DEMO_PASSPHRASE = "demo passphrase, not for real data"
DEMO_PEOPLE = 5000


def _step(title: str, argv: list[str], env: dict[str, str]) -> tuple[int, float]:
    print(f"\n$ fieldkit {' '.join(argv)}    # {title}")
    started = time.perf_counter()
    code = subprocess.call([sys.executable, "-m", "fieldkit", *argv], env=env)
    return code, time.perf_counter() - started


def run_demo(*, keep: bool = False) -> int:
    """Run each step through the real command line, as a clerk would; stop at the first failure."""
    home = Path(tempfile.mkdtemp(prefix="fieldkit-demo-"))
    env = dict(
        os.environ,
        FIELDKIT_HOME=str(home),
        FIELDKIT_PASSPHRASE=DEMO_PASSPHRASE,
        FIELDKIT_NEW_PASSWORD="demo-operator-pw",
    )
    rows = list(people_rows(DEMO_PEOPLE, seed=7))
    rows.append(["130402195302301234", "错误日期", "男", "", "", "", "", "", "", "", "", ""])
    rows.append(["1.30402E+17", "科学计数", "", "", "", "", "", "", "", "", "", ""])
    roster = home / "roster-gbk.csv"
    roster.write_bytes(roster_csv(rows, encoding="gbk"))
    first_id, first_name = rows[0][0], rows[0][1]
    backup = home / "backup.fkb"
    steps = [
        ("create the encrypted store", ["init"]),
        (
            "add a supervisor",
            ["operator", "add", "--login", "lead", "--name", "组长", "--role", "supervisor"],
        ),
        (
            f"import {len(rows)} rows from a GBK roster",
            ["roster", "import", str(roster), "--cycle", str(dt.date.today().year), "--region", "130400"],
        ),
        (
            "re-import: changes nothing",
            ["roster", "import", str(roster), "--region", "130400", "--cycle", str(dt.date.today().year)],
        ),
        ("look up by ID number", ["person", "search", first_id]),
        ("search by name", ["person", "search", first_name[:2], "--limit", "5"]),
        ("show one person", ["person", "show", first_id]),
        ("encrypted backup", ["store", "backup", str(backup)]),
        ("integrity checks and audit trail", ["store", "check"]),
        ("audit chain", ["audit", "verify"]),
    ]
    try:
        print(f"fieldkit demo: data folder {home} (synthetic people only)")
        for title, argv in steps:
            code, seconds = _step(title, argv, env)
            print(f"  -> exit {code} in {seconds:.2f} s")
            if code != 0:
                print(f"demo stopped: step '{title}' failed", file=sys.stderr)
                return 1
        store_bytes = (home / "fieldkit.db").read_bytes()
        leaked = [
            label
            for label, text in (("an ID number", first_id), ("a name", first_name))
            if text.encode("utf-8") in store_bytes or text.encode("gbk") in store_bytes
        ]
        print(
            "\nThe store file contains "
            + ("NO readable names or ID numbers." if not leaked else f"READABLE {' and '.join(leaked)}!")
        )
        return 1 if leaked else 0
    finally:
        if keep:
            print(f"Demo data kept in {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
