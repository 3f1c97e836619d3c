"""The self-test from source (``fieldkit self-test``, ``python -m fieldkit --self-test``), the launcher's
choice between self-test, GUI and command line, and the version stamp."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

import fieldkit
from capture.idcard.synthetic import synthetic_cards
from fieldkit import launcher, selftest
from fieldkit.cli.main import main as cli_main
from tests.conftest import run_process

STEP_NAMES = [name for name, _, _ in selftest.STEPS]
SYNTHETIC_CARD = synthetic_cards(1, seed=20_260)[0]  # the person the self-test enrols


def _no_personal_data(text: str) -> None:
    assert SYNTHETIC_CARD.id_number not in text and SYNTHETIC_CARD.name not in text


def test_self_test_command_passes_every_step_within_budget(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["self-test"])
    out = capsys.readouterr().out
    assert code == 0, out
    for name in STEP_NAMES:
        assert f"PASS  {name}" in out
    assert f"PASS: {len(STEP_NAMES)} of {len(STEP_NAMES)} steps passed" in out
    seconds = float(out.rsplit(" in ", 1)[1].split()[0])
    assert seconds < selftest.TIME_BUDGET_SECONDS
    _no_personal_data(out)


def test_launcher_flag_json_reads_the_receipt_back_without_poppler() -> None:
    """As the packaged app is called, in a separate process, on a machine with no poppler (PATH empty
    of it): the receipt's QR code is still read back from the rendered page (PDFium)."""
    result = run_process("--self-test", "--json", env={"PATH": str(Path(sys.executable).parent)})
    assert result.code == 0, result.out + result.err
    report = json.loads(result.out)
    assert report["ok"] is True and [s["name"] for s in report["steps"]] == STEP_NAMES
    receipt = next(s for s in report["steps"] if s["name"] == "receipt")
    assert "read back from the rendered page" in receipt["detail"]
    assert "commit" in report["version"]
    _no_personal_data(result.out + result.err)


def test_a_failing_step_fails_the_run_and_skips_what_needs_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(run: object) -> str:
        raise RuntimeError("no such model 130402195306151228")

    monkeypatch.setattr(
        selftest,
        "STEPS",
        (("first", broken, ()), ("second", lambda run: "fine", ()), ("third", lambda run: "x", ("first",))),
    )
    assert selftest.main() == 1
    out = capsys.readouterr().out
    assert "FAIL  first" in out and "RuntimeError" in out and "130402195306151228" not in out
    assert "PASS  second" in out and "FAIL  third" in out and "skipped: needs first" in out
    assert "FAIL: 1 of 3 steps passed" in out


def test_launcher_routes_self_test_gui_and_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_cli(argv: list[str]) -> int:
        calls.append(list(argv))
        return 0

    monkeypatch.setattr("fieldkit.cli.main.main", fake_cli)
    monkeypatch.setattr(launcher, "gui_available", lambda: True)
    monkeypatch.setattr(launcher, "has_display", lambda: True)
    assert launcher.main([]) == 0 and calls[-1] == ["gui"]
    assert launcher.main(["--version"]) == 0 and calls[-1] == ["--version"]
    monkeypatch.setattr(launcher, "has_display", lambda: False)
    assert launcher.main([]) == 0 and calls[-1] == []  # no display: the command line (prints usage)
    assert launcher.main(["--self-test", "--verbose"]) == 2


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({}, "win32", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "win32", False),
    ],
)
def test_has_display(environ: dict[str, str], platform: str, expected: bool) -> None:
    assert launcher.has_display(environ, platform) is expected


def test_version_shows_the_build_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_process("--version")
    assert result.code == 0 and result.out.startswith(f"fieldkit {fieldkit.__version__} (commit ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setitem(sys.modules, "fieldkit._build", types.SimpleNamespace(COMMIT="abc1234"))
    assert fieldkit.version_text() == f"fieldkit {fieldkit.__version__} (commit abc1234)"
    monkeypatch.setitem(sys.modules, "fieldkit._build", None)  # a build without the stamp
    assert fieldkit.build_commit() == "unknown"


def test_the_drawn_face_is_a_face_and_a_blank_frame_is_not() -> None:
    from matching.face_engine import detect_faces

    assert len(detect_faces(selftest.synthetic_face())) == 1
    assert detect_faces(selftest.synthetic_face()[:, :, :] * 0 + 200) == []
