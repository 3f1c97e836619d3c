"""``fieldkit hq mark-fraud``: an administrator withdraws a fraudulent record from its region's
laptops, with a note in the staff audit and the ID number masked everywhere (issue 18's removals,
made reachable without code). The withdrawal on the laptop itself is tested in
``test_package_removals.py``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.hq.console import staff_audit
from fieldkit.hq.store import HqStore
from tests.fieldkit.test_packages import CARDS, CYCLE, REGION, _roster


def test_an_admin_marks_fraud_and_a_reviewer_cannot(  # type: ignore[no-untyped-def]
    cli, hq_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hq = ["hq", "--hq-home", str(hq_home)]
    _roster(hq_home, tmp_path)
    monkeypatch.setenv("FIELDKIT_NEW_PASSWORD", "staff password")
    assert cli(*hq, "operator", "add", "--login", "li", "--name", "李管理", "--role", "admin").code == 0
    assert cli(*hq, "operator", "add", "--login", "wang", "--name", "王审核").code == 0
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "staff password")
    target = CARDS[2].id_number
    mark = [*hq, "mark-fraud", target, "--note", "冒领：本人已于2024年去世"]

    refused = cli(*mark, "--operator", "wang")
    assert refused.code == 1 and "administrator" in refused.err and "Traceback" not in refused.err
    done = cli(*mark, "--operator", "li")
    assert done.code == 0, done.err
    assert f"region {REGION}, cycle {CYCLE}" in done.out and target not in done.out

    with HqStore.open(hq_home) as store:
        rows = store.db.execute("SELECT id_number, region, reason FROM package_removals").fetchall()
        entries = staff_audit.entries(store)
    assert [tuple(r) for r in rows] == [(target, REGION, "fraud")]
    (entry,) = [e for e in entries if e.action == "mark_fraud"]
    assert entry.login == "li" and entry.detail["via"] == "cli" and entry.detail["region"] == REGION
    assert target not in json.dumps(entry.detail, ensure_ascii=False) + entry.subject

    unknown = cli(*mark[:-3], "11010519491231002X", "--note", "x", "--operator", "li")
    assert unknown.code == 1 and "roster" in unknown.err and "11010519491231002X" not in unknown.err
    wrong_check = target[:-1] + ("1" if target[-1] == "0" else "0")
    bad = cli(*mark[:-3], wrong_check, "--note", "x", "--operator", "li")
    assert bad.code == 1 and "Traceback" not in bad.err and target[:-1] not in bad.err
    empty = cli(*mark[:-2], "--note", "  ", "--operator", "li")
    assert empty.code == 1 and "note" in empty.err
