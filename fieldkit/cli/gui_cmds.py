"""``fieldkit gui``: open the desktop application.

Why the import is inside the command: every other command must start without loading Qt (and the
import contract keeps PyQt5 out of ``fieldkit.cli``; the GUI package is the only one that imports it).
"""

from __future__ import annotations

import argparse
import os
import sys

from fieldkit.cli.context import Context
from fieldkit.display import has_display
from fieldkit.errors import UserError


def display_available() -> bool:
    """Whether Qt can start (it aborts the process, rather than raising, when it cannot); a platform
    chosen in ``QT_QPA_PLATFORM`` (offscreen tests, vnc) counts."""
    return bool(os.environ.get("QT_QPA_PLATFORM")) or has_display()


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


def cmd_start(ctx: Context, args: argparse.Namespace) -> int:
    """The README's main command: the desktop app on a desktop; without a screen, the demo field day."""
    if has_display():
        return cmd_gui(ctx, args)
    print(
        "No display here, so this runs the demonstration field day instead; on a desktop "
        "`fieldkit start` (or `fieldkit gui`) opens the application.",
        file=sys.stderr,
    )
    from fieldkit.cli.demo import run_demo

    return run_demo(out=None)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``gui`` and ``start`` commands."""
    gui = sub.add_parser("gui", help="open the desktop application (Chinese, or --language en)")
    gui.add_argument("--language", choices=("zh_CN", "en"), help="override the saved language for this run")
    gui.set_defaults(handler=cmd_gui)
    start = sub.add_parser("start", help="open the desktop application (or, with no display, run the demo)")
    start.add_argument("--language", choices=("zh_CN", "en"), help="override the saved language for this run")
    start.set_defaults(handler=cmd_start)
