"""Entry point of the ``fieldkit`` command: global options, sub-commands, and exit codes.

Exit codes are a contract with scripts: 0 success, 1 a problem the user can fix (with a message,
never a traceback), 2 the command was called wrongly (argparse's own convention), 130 interrupted.
A bug is reported as an internal error (70) and its traceback goes to the masked log only.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from capture.errors import CaptureError
from fieldkit import version_text
from fieldkit.cli import (
    device_cmds,
    gui_cmds,
    hq_cmds,
    package_cmds,
    people_cmds,
    policy_cmds,
    report_cmds,
    selftest_cmds,
    store_cmds,
    workflow_cmds,
)
from fieldkit.cli.context import Context
from fieldkit.errors import FieldkitError, UsageError
from fieldkit.paths import logs_dir, resolve_home
from fieldkit.privacy import configure_logging, mask_text
from matching.errors import MatchingError
from reports.errors import ReportsError
from storage.errors import StorageError
from storage.store import DatabaseError

log = logging.getLogger("fieldkit.cli")
EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130


class _VersionAction(argparse.Action):
    """``--version`` with the build commit, looked up only when asked (git is not run per command)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(version_text())
        parser.exit()


def cmd_audit_verify(ctx: Context, args: argparse.Namespace) -> int:
    """Walk the hash chain and name every broken link."""
    with ctx.open_store() as store:
        report = store.verify_audit()
    if args.json:
        print(json.dumps({"ok": report.ok, "checked": report.checked, "problems": report.problems}))
    elif report.ok:
        print(f"OK: {report.checked} audit events, chain intact.")
    else:
        print(f"The audit trail was tampered with ({len(report.problems)} problem(s)):")
        for problem in report.problems:
            print(f"  - {problem}")
    return EXIT_OK if report.ok else EXIT_USER


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    """Run the hardware-free demonstration in a throw-away data folder."""
    from fieldkit.cli.demo import run_demo

    return run_demo(out=args.out)


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    parser = argparse.ArgumentParser(
        prog="fieldkit",
        description="Offline enrollment and proof-of-life certification of retirees "
        "(palm vein, face, ID card). Secrets come from prompts or FIELDKIT_PASSPHRASE.",
    )
    parser.add_argument(
        "--home", metavar="DIR", help="data folder (default: $FIELDKIT_HOME or the user data dir)"
    )
    parser.add_argument("--operator", metavar="LOGIN", help="act as this operator (password prompted)")
    parser.add_argument("--verbose", action="store_true", help="log details to stderr")
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show version and build commit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    store_cmds.register(sub)
    people_cmds.register(sub)
    device_cmds.register(sub)
    workflow_cmds.register(sub)
    policy_cmds.register(sub)
    hq_cmds.register(sub)
    package_cmds.register(sub)
    gui_cmds.register(sub)
    report_cmds.register(sub)
    selftest_cmds.register(sub)
    audit = sub.add_parser("audit", help="check the audit trail")
    audit_actions = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_actions.add_parser("verify", help="detect modified, deleted or re-ordered events")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_audit_verify)
    demo = sub.add_parser("demo", help="run a complete field day on synthetic data (no hardware needed)")
    demo.add_argument("--out", metavar="DIR", help="keep the demo's store, backup and roster in DIR")
    demo.set_defaults(handler=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2)
        return int(exc.code or 0)
    ctx = Context(home_option=args.home, operator_login=args.operator)
    home = resolve_home(args.home)
    configure_logging(logs_dir(home) if home.exists() else None, verbose=args.verbose)
    log_file = logs_dir(home) / "fieldkit.log"
    try:
        return int(args.handler(ctx, args))
    except UsageError as exc:
        print(f"fieldkit: {mask_text(exc.message)}", file=sys.stderr)
        return EXIT_USAGE
    except (FieldkitError, StorageError, MatchingError, CaptureError, ReportsError) as exc:
        # note: the libraries' errors carry ``user_facing`` and a clean ``message`` like ours: a photo
        # with no face, a scanner that does not answer, a missing font are the user's to fix (exit 1)
        if not exc.user_facing:
            return _internal_error(log_file)
        print(f"fieldkit: {mask_text(exc.message)}", file=sys.stderr)
        return EXIT_USER
    except DatabaseError as exc:  # a query on a damaged page, a full disk, a store held elsewhere
        message = _database_trouble(exc)
        if message is None:
            return _internal_error(log_file)
        print(f"fieldkit: {mask_text(message)}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("\nfieldkit: interrupted; nothing half-written was kept.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"fieldkit: {mask_text(f'{exc.strerror or exc}{where}')}", file=sys.stderr)
        return EXIT_USER
    except Exception:
        return _internal_error(log_file)


_DAMAGED = (
    "The store file is damaged ({reason}). Nothing more was written. Run 'fieldkit store check' to "
    "see what is damaged, then restore it from your latest backup ('fieldkit store restore BACKUP --force')."
)
_DATABASE_TROUBLE = (
    (("malformed", "not a database", "disk i/o", "corrupt", "hmac"), _DAMAGED),
    (("disk is full",), "The disk is full ({reason}); nothing was written. Free some space and try again."),
    (("locked", "busy"), "The store is in use by another fieldkit program ({reason}); close it and retry."),
)


def _database_trouble(exc: Exception) -> str | None:
    """The user's message for a database error they must act on; None for a fieldkit bug."""
    text = str(exc).lower()
    for words, message in _DATABASE_TROUBLE:
        if any(word in text for word in words):
            return message.format(reason=exc)
    return None


def _internal_error(log_file: Path) -> int:
    """A bug: the traceback goes to the masked log; the user is told where it is, if it exists."""
    log.exception("internal error")
    if log_file.exists():
        where = f"details are in {log_file}"
    else:
        where = "run the command again with --verbose to see the details"
    print(f"fieldkit: internal error; {where}.", file=sys.stderr)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
