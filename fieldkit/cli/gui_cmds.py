"""``fieldkit gui``: open the desktop application.

Why the import is inside the command: every other command must start without loading Qt (and the
import contract keeps PyQt5 out of ``fieldkit.cli``; the GUI package is the only one that imports it).
"""

from __future__ import annotations

import argparse
import os
import sys

from fieldkit.cli.context import Context
from fieldkit.errors import UserError


def display_available() -> bool:
    """Whether a window can be shown (Qt aborts the process, rather than raising, when it cannot)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # note: the caller chose a platform (offscreen tests, vnc, ...)
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_gui(ctx: Context, args: argparse.Namespace) -> int:
    """Run the window until it is closed."""
    if not display_available():
        raise UserError(
            "No display to open the application on (DISPLAY is not set). Run it on the laptop's desktop; "
            "`fieldkit demo` shows a field day without a screen.",
            code="gui.no_display",
        )
    from fieldkit.gui.app import main

    return main(ctx.home, language=args.language)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``gui`` command."""
    gui = sub.add_parser("gui", help="open the desktop application (Chinese, or --language en)")
    gui.add_argument("--language", choices=("zh_CN", "en"), help="override the saved language for this run")
    gui.set_defaults(handler=cmd_gui)
