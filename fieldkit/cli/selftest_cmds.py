"""``fieldkit self-test [--json]``: check, offline, that this installation or packaged app works.

Why a command and not only the packaged app's ``--self-test`` flag: the same check answers "does it
work on this laptop?" for a source install too, and CI runs it without building anything.
"""

from __future__ import annotations

import argparse

from fieldkit.cli.context import Context


def cmd_self_test(ctx: Context, args: argparse.Namespace) -> int:
    """Run every self-test step in a temporary folder (the data folder is not touched)."""
    from fieldkit.selftest import main

    return main(as_json=args.json)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``self-test`` command."""
    test = sub.add_parser(
        "self-test",
        help="check offline that store, face and palm matching, receipts and HQ sync work here",
    )
    test.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    test.set_defaults(handler=cmd_self_test)
