"""The main job without hardware: ``fieldkit demo --out DIR`` runs a whole field day cleanly and leaves a
store the other commands can open with the passphrase it prints."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_process


def test_demo_runs_a_field_day_and_leaves_an_openable_store(tmp_path: Path) -> None:
    out = tmp_path / "day"
    result = run_process("demo", "--out", str(out))
    assert result.code == 0, result.err
    for expected in (
        "planted duplicate",
        "held",
        "8 of 8 accepted",
        "retry → accept",
        "already_certified",
        "audit trail intact",
        "no readable names or ID numbers",
        "signed receipts issued",
        "turning as asked (turn_",  # the liveness challenge, live synthetic face accepted
        "(suspected presentation attack)",  # the flat picture held for a supervisor
        "enrolment held, case",  # the flat picture at enrolment: held with a presentation-attack case
    ):
        assert expected in result.out, expected
    passphrase = re.search(r"FIELDKIT_PASSPHRASE=(\S+)", result.out)
    assert passphrase is not None
    cases = run_process(
        "case", "list", env={"FIELDKIT_HOME": str(out), "FIELDKIT_PASSPHRASE": passphrase.group(1)}
    )
    assert cases.code == 0 and "suspected_duplicate" in cases.out and "presentation_attack" in cases.out
    again = run_process("demo", "--out", str(out))
    assert again.code == 1 and "already holds a store" in again.err
