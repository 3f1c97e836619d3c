"""``fieldkit demo [--out DIR]``: a complete field day on synthetic data (see ``fieldkit.demo.field_day``).

Without ``--out`` everything happens in a temporary folder that is removed afterwards; with it, the
store, backup and roster stay in DIR and the summary names the throw-away passphrase so that the
other commands can open that store with ``FIELDKIT_HOME=DIR``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from fieldkit.errors import UserError
from fieldkit.paths import store_path


def run_demo(*, out: str | None = None) -> int:
    """Run the day and print what happened; exit 1 if anything expected did not happen."""
    from fieldkit.demo.field_day import run_field_day

    home = Path(out) if out else Path(tempfile.mkdtemp(prefix="fieldkit-demo-"))
    if store_path(home).exists():
        raise UserError(f"{home} already holds a store; give an empty folder to --out.", code="demo.exists")
    print(f"fieldkit demo: a field day on synthetic people in {home}")
    try:
        report = run_field_day(home)
        for line in report.lines:
            print(f"  - {line}")
        if out:
            print(
                f"\nThe demo store stays in {home}. Open it with:\n"
                f"  FIELDKIT_HOME={home} FIELDKIT_PASSPHRASE={report.passphrase} fieldkit case list"
            )
        for problem in report.problems:
            print(f"PROBLEM: {problem}", file=sys.stderr)
        return 1 if report.problems else 0
    finally:
        if not out:
            shutil.rmtree(home, ignore_errors=True)
