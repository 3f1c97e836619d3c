"""The workflow commands end to end: enrol, certify (exit codes), cases decided by a supervisor, due list."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from matching.synthetic_palm import synthetic_hand

ID = "11010519491231002X"


@pytest.fixture
def images(tmp_path: Path) -> dict[str, list[str]]:
    paths: dict[str, list[str]] = {"left": [], "right": [], "other": []}
    for key, identity in (("left", 71), ("right", 72), ("other", 73)):
        for sample in range(5):
            path = tmp_path / f"{key}{sample}.png"
            cv2.imwrite(str(path), synthetic_hand(identity, sample))
            paths[key].append(str(path))
    return paths


def test_enrol_certify_and_decide(store_file: Path, cli, images, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    enrolled = cli(
        "enroll",
        "--id-number",
        ID,
        "--name",
        "张三",
        "--palm-left",
        *images["left"][:3],
        "--palm-right",
        *images["right"][:3],
        "--place",
        "丛台区",
    )
    assert enrolled.code == 0 and "complete" in enrolled.out and "id_mismatch" in enrolled.out
    assert ID not in enrolled.out  # the number is masked in the result line
    rejected = cli("certify", "--id-number", ID, "--palm-left", images["other"][0])
    assert rejected.code == 1 and "REJECT" in rejected.out
    accepted = cli("certify", "--id-number", ID, "--palm-left", images["left"][4], "--attempt", "2")
    assert accepted.code == 0 and "ACCEPT" in accepted.out
    again = cli("certify", "--id-number", ID, "--palm-right", images["right"][4])
    assert again.code == 0 and "Already certified" in again.out

    reference = cli("case", "list").out.split()[0]
    assert cli("case", "approve", reference, "--note", "ok").code == 1  # no supervisor given
    monkeypatch.setenv("FIELDKIT_NEW_PASSWORD", "supervisor-pw")
    assert cli("operator", "add", "--login", "clerk", "--name", "李", "--role", "operator").code == 0
    monkeypatch.setenv("FIELDKIT_OPERATOR_PASSWORD", "supervisor-pw")
    refused = cli("--operator", "clerk", "case", "approve", reference, "--note", "ok")
    assert refused.code == 1 and "supervisor" in refused.err
    unnamed = cli("operator", "add", "--login", "lead", "--name", "组长", "--role", "supervisor")
    assert unnamed.code == 1 and "--operator" in unnamed.err  # once accounts exist, every write names one
    assert cli("--operator", "clerk", "operator", "add", "--login", "lead", "--name", "组长", "--role",
               "supervisor").code == 0  # fmt: skip
    approved = cli("--operator", "lead", "case", "approve", reference, "--note", "roster corrected")
    assert approved.code == 0 and "approved" in approved.out
    assert cli("--operator", "lead", "case", "reject", reference, "--note", "again").code == 1
    shown = cli("case", "show", reference).out
    assert "approved" in shown and ID not in shown and "张三" not in shown  # a shared screen: masked
    assert cli("audit", "verify").code == 0


def test_bad_inputs_are_clear_errors(store_file: Path, cli, images, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    result = cli(
        "enroll",
        "--id-number",
        ID,
        "--palm-left",
        str(bad),
        *images["left"][:2],
        "--palm-right",
        *images["right"][:3],
    )
    assert result.code == 1 and "bad.png" in result.err
    wrong_id = cli(
        "enroll",
        "--id-number",
        "110105194912310021",
        "--palm-left",
        *images["left"][:3],
        "--palm-right",
        *images["right"][:3],
    )
    assert wrong_id.code == 1 and "check character" in wrong_id.err
    assert cli("certify", "--id-number", ID).code == 1
    missing = cli("certify", "--id-number", ID, "--palm-left", images["left"][0])
    assert missing.code == 1 and "not in the store" in missing.out
