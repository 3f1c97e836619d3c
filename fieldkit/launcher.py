"""What the packaged program (and ``python -m fieldkit``) does with its arguments.

Why a launcher in front of the CLI: a clerk starts the packaged app by double-clicking it, with no
arguments, and must get the window; a technician at a terminal, a script or CI must get the command
line, and ``--self-test`` must work on a machine with no display. So: ``--self-test [--json]`` runs
the offline self-test; no arguments on a machine with a display opens the GUI (``fieldkit gui``);
anything else is the command line, unchanged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from fieldkit.display import gui_available, has_display

__all__ = ["SELF_TEST_FLAG", "gui_available", "has_display", "main"]

SELF_TEST_FLAG = "--self-test"


def _release_own_console() -> None:
    """On Windows, close the console window that was opened only because the app was double-clicked.

    note: the packaged program is a console program so that the command line and ``--self-test``
    print; when it is the only process on its console (double-click), the window is released and
    output goes nowhere instead of to a black window behind the GUI.
    """
    if sys.platform != "win32":
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32
    attached = (ctypes.c_uint * 2)()
    if kernel32.GetConsoleProcessList(attached, 2) == 1 and kernel32.FreeConsole():
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the self-test, the GUI or the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == SELF_TEST_FLAG:
        if args[1:] not in ([], ["--json"]):
            print(f"usage: fieldkit {SELF_TEST_FLAG} [--json]", file=sys.stderr)
            return 2
        from fieldkit.selftest import main as self_test

        return self_test(as_json=bool(args[1:]))
    from fieldkit.cli.main import main as cli

    if not args and has_display() and gui_available():
        _release_own_console()
        return cli(["gui"])
    return cli(args)
