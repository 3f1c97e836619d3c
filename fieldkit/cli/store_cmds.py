"""``fieldkit init`` and ``fieldkit store check|backup|restore|passphrase|info``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fieldkit.cli.context import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, Context, new_passphrase
from fieldkit.errors import UserError
from storage.backup import read_header, restore_backup, write_backup
from storage.store import Store

RESTORE_ADVICE = (
    "What to do: do not keep working in this store. Restore it from your latest backup with "
    "'fieldkit store restore BACKUP --force' (the damaged file is kept beside it for investigation); "
    "records made since that backup and not yet sent to headquarters must be collected again."
)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    """Create the encrypted store in the data folder."""
    passphrase = new_passphrase(PASSPHRASE_ENV, "New store passphrase: ")
    store = Store.create(ctx.store_file, passphrase)
    store.close()
    print(f"Created an encrypted store at {ctx.store_file}.")
    print("Keep the passphrase safe: without it nobody, including headquarters, can read the store.")
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    """SQLCipher page checks, SQLite structure checks and the audit chain."""
    with ctx.open_store() as store:
        problems = store.check()
        audit = store.verify_audit()
    problems += [f"audit: {p}" for p in audit.problems]
    if args.json:
        print(json.dumps({"ok": not problems, "problems": problems}, ensure_ascii=False))
    elif problems:
        print("The store has problems:")
        for problem in problems:
            print(f"  - {problem}")
        print(RESTORE_ADVICE)
    else:
        print(f"OK: encryption, structure and the audit trail ({audit.checked} events) check out.")
    return 1 if problems else 0


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    """Write an encrypted backup file."""
    target = Path(args.path)
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name for the backup.", code="backup.is_dir")
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; use --force to overwrite it.", code="backup.exists")
    passphrase = ctx.passphrase()
    with ctx.open_store() as store:
        header = write_backup(store, target, passphrase)
    print(
        f"Backup written to {target} ({header.payload_size:,} bytes, {header.audit_events} audit events). "
        "It opens only with the store passphrase."
    )
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """Replace the store with a backup, refusing to lose newer work unless forced."""
    source = Path(args.path)
    read_header(source)  # a damaged or foreign file is refused before anything else
    result = restore_backup(source, ctx.store_file, ctx.passphrase(), force=args.force)
    print(f"Restored the store from {source} (made {result.header.created_at}).")
    if result.kept_previous is not None:
        print(f"The store it replaced is kept at {result.kept_previous}.")
    return 0


def cmd_passphrase(ctx: Context, args: argparse.Namespace) -> int:
    """Re-key the store in place."""
    with ctx.open_store() as store:
        actor = ctx.actor(store)
        store.change_passphrase(new_passphrase(NEW_PASSPHRASE_ENV, "New store passphrase: "), actor=actor)
    print("The passphrase was changed. The old one no longer opens the store.")
    return 0


def cmd_info(ctx: Context, args: argparse.Namespace) -> int:
    """A few facts about the store (no personal data)."""
    with ctx.open_store() as store:
        count, head = store.audit_head()
        facts = {
            "path": str(store.path),
            "store_id": store.store_id,
            "schema_version": store.schema_version,
            "people": store.people.count(),
            "roster_entries": store.roster.count(),
            "operators": len(store.operators.all()),
            "audit_events": count,
            "audit_head": head,
            "outbox_pending": store.outbox.pending_count(),
        }
    if args.json:
        print(json.dumps(facts))
    else:
        for key, value in facts.items():
            print(f"{key:>15}: {value}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store commands to the top-level parser."""
    init = sub.add_parser("init", help="create the encrypted store")
    init.set_defaults(handler=cmd_init)

    store = sub.add_parser("store", help="check, back up, restore or re-key the store")
    actions = store.add_subparsers(dest="store_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="run integrity checks")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.set_defaults(handler=cmd_check)
    backup = actions.add_parser("backup", help="write an encrypted backup to PATH")
    backup.add_argument("path", metavar="PATH")
    backup.add_argument("--force", action="store_true", help="overwrite an existing backup file")
    backup.set_defaults(handler=cmd_backup)
    restore = actions.add_parser("restore", help="replace the store with the backup at PATH")
    restore.add_argument("path", metavar="PATH")
    restore.add_argument("--force", action="store_true", help="replace even a newer or different store")
    restore.set_defaults(handler=cmd_restore)
    rekey = actions.add_parser("passphrase", help="change the store passphrase")
    rekey.set_defaults(handler=cmd_passphrase)
    info = actions.add_parser("info", help="show facts about the store")
    info.add_argument("--json", action="store_true", help="machine-readable output")
    info.set_defaults(handler=cmd_info)
