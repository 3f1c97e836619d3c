"""``fieldkit gui``: open the desktop application.

Why the import is inside the command: every other command must start without loading Qt (and the
import contract keeps PyQt5 out of ``fieldkit.cli``; the GUI package is the only one that imports it).
"""

from __future__ import annotations

import argparse

from fieldkit.cli.context import Context


def cmd_gui(ctx: Context, args: argparse.Namespace) -> int:
    """Run the window until it is closed."""
    from fieldkit.gui.app import main

    return main(ctx.home, language=args.language)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``gui`` command."""
    gui = sub.add_parser("gui", help="open the desktop application (Chinese, or --language en)")
    gui.add_argument("--language", choices=("zh_CN", "en"), help="override the saved language for this run")
    gui.set_defaults(handler=cmd_gui)
