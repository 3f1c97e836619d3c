"""``fieldkit gui`` on a machine with no display says so (Qt itself would abort the process)."""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="a desktop always has a display")
def test_gui_without_a_display_is_a_clear_error(cli, home, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    result = cli("gui")
    assert result.code == 1 and "No display" in result.err and "fieldkit demo" in result.err


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="a desktop always has a display")
def test_start_without_a_display_runs_the_demo(cli, home, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    result = cli("start")
    assert result.code == 0 and "No display here" in result.err and "finished in" in result.out
