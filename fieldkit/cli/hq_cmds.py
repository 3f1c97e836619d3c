"""Batch transfer commands: ``fieldkit device-key``, ``fieldkit export-batch`` on a laptop, and
``fieldkit hq init|register-device|revoke-device|import-batch`` at headquarters (the USB route; the
HTTP server and ``fieldkit sync`` build on the same batches)."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldkit.cli.context import Context
from fieldkit.errors import UserError


def _hq_home(ctx: Context, args: argparse.Namespace) -> Path:
    return Path(args.hq_home) if args.hq_home else ctx.home / "hq"


def cmd_device_key(ctx: Context, args: argparse.Namespace) -> int:
    """Print this laptop's device public key (to register it at headquarters)."""
    from fieldkit.workflows.receipts import device_key_id, device_public_key

    with ctx.open_store() as store:
        public = device_public_key(store, ctx.actor(store))
    print(f"device key id {device_key_id(public)}\npublic key    {public.hex()}")
    return 0


def cmd_export_batch(ctx: Context, args: argparse.Namespace) -> int:
    """Seal the outbox into a batch file for headquarters."""
    from fieldkit.hq.keys import read_public_key_file
    from fieldkit.sync.batch import build_batch, write_batch_file

    hq_key = read_public_key_file(Path(args.hq_key))
    target = Path(args.file)
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; use --force to overwrite it.", code="batch.exists")
    with ctx.open_store() as store:
        batch = build_batch(store, actor=ctx.actor(store), hq_public_key=hq_key)
    write_batch_file(target, batch)
    print(
        f"Batch {batch.manifest['batch_id']} ({len(batch.manifest['entries'])} records) written to {target} "
        "(signed and encrypted to headquarters)."
    )
    return 0


def cmd_hq_init(ctx: Context, args: argparse.Namespace) -> int:
    """Create the headquarters database and key pair."""
    from fieldkit.hq.keys import PUBLIC_FILE, create_hq_key, public_key_text
    from fieldkit.hq.store import HqStore

    home = _hq_home(ctx, args)
    hq = HqStore.open(home, create=True)
    try:
        create_hq_key(hq)
        text = public_key_text(hq)
    finally:
        hq.close()
    (home / PUBLIC_FILE).write_text(text, encoding="ascii")
    print(f"Headquarters ready in {home}; give teams {home / PUBLIC_FILE}.")
    return 0


def cmd_register(ctx: Context, args: argparse.Namespace) -> int:
    """Approve a laptop by its device public key."""
    from fieldkit.hq.store import HqStore
    from fieldkit.workflows.receipts import device_key_id

    try:
        public = bytes.fromhex(args.public_key)
    except ValueError:
        public = b""
    if len(public) != 32:
        raise UserError(
            "A device public key is 64 hex characters (see `fieldkit device-key`).", code="hq.bad_device_key"
        )
    hq = HqStore.open(_hq_home(ctx, args))
    try:
        hq.register_device(device_key_id(public), public, args.name)
    finally:
        hq.close()
    print(f"Device {device_key_id(public)} ({args.name}) approved.")
    return 0


def cmd_revoke(ctx: Context, args: argparse.Namespace) -> int:
    """Refuse a lost or retired laptop's batches."""
    from fieldkit.hq.store import HqStore

    hq = HqStore.open(_hq_home(ctx, args))
    try:
        hq.revoke_device(args.key_id)
    finally:
        hq.close()
    print(f"Device {args.key_id} revoked.")
    return 0


def cmd_import_batch(ctx: Context, args: argparse.Namespace) -> int:
    """Verify, decrypt and take in a batch file; importing the same file again changes nothing."""
    from fieldkit.hq.intake import intake
    from fieldkit.hq.keys import load_hq_key
    from fieldkit.hq.store import HqStore
    from fieldkit.sync.envelope import open_batch

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {args.file}: {exc.strerror}.", code="batch.unreadable") from None
    hq = HqStore.open(_hq_home(ctx, args))
    try:
        opened = open_batch(data, hq_private_key=load_hq_key(hq), device_keys=hq.approved_keys())
        report = intake(hq, opened)
    finally:
        hq.close()
    counts = ", ".join(f"{n} {status}" for status, n in sorted(report.counts().items()))
    print(
        f"Batch {report.batch_id} from device {opened.device_key_id}: {counts}"
        + (" (this batch was seen before)" if report.repeated_batch else "")
    )
    if report.missing_sequences:
        shown = ", ".join(str(n) for n in report.missing_sequences[:20])
        print(
            f"  missing from this device: outbox entries {shown}"
            + (" …" if len(report.missing_sequences) > 20 else "")
        )
    return 1 if any(s in ("conflict", "rejected") for s in report.statuses.values()) else 0


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    """Send the outbox to headquarters and apply its answers."""
    from fieldkit.hq.keys import read_public_key_file
    from fieldkit.sync.client import sync

    hq_key = read_public_key_file(Path(args.hq_key))
    with ctx.open_store() as store:
        pending = store.outbox.pending_count()
        result = sync(store, url=args.hq, hq_public_key=hq_key, actor=ctx.actor(store), timeout=args.timeout)
        left = store.outbox.pending_count()
    if not pending:
        print("Nothing to send: the outbox is empty.")
        return 0
    print(
        f"Sent {result.sent} records; headquarters acknowledged {result.acknowledged}; {left} still queued."
    )
    for uuid, problem in result.problems.items():
        print(f"  {uuid}: {problem}")
    return 1 if result.problems else 0


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """Run the headquarters HTTP API (until interrupted)."""
    import uvicorn

    from fieldkit.hq.server import create_app

    app = create_app(_hq_home(ctx, args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the batch and headquarters commands."""
    key = sub.add_parser("device-key", help="show this laptop's device key (for registration at HQ)")
    key.set_defaults(handler=cmd_device_key)
    export = sub.add_parser("export-batch", help="write the outbox as a signed, encrypted batch file")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--hq-key", required=True, metavar="FILE", help="headquarters' hq_public.key")
    export.add_argument("--force", action="store_true")
    export.set_defaults(handler=cmd_export_batch)
    sync = sub.add_parser("sync", help="send the outbox to headquarters over the network")
    sync.add_argument("--hq", required=True, metavar="URL", help="e.g. http://hq.example:8600")
    sync.add_argument("--hq-key", required=True, metavar="FILE", help="headquarters' hq_public.key")
    sync.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    sync.set_defaults(handler=cmd_sync)

    hq = sub.add_parser("hq", help="headquarters: keys, devices, batch intake")
    hq.add_argument("--hq-home", metavar="DIR", help="headquarters data folder (default: <home>/hq)")
    actions = hq.add_subparsers(dest="hq_command", required=True, metavar="ACTION")
    actions.add_parser("init", help="create the HQ database and key pair").set_defaults(handler=cmd_hq_init)
    reg = actions.add_parser("register-device", help="approve a laptop's device key")
    reg.add_argument("--public-key", required=True)
    reg.add_argument("--name", required=True)
    reg.set_defaults(handler=cmd_register)
    revoke = actions.add_parser("revoke-device", help="refuse a device's batches from now on")
    revoke.add_argument("key_id")
    revoke.set_defaults(handler=cmd_revoke)
    imp = actions.add_parser("import-batch", help="take in a batch file (USB transfer)")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(handler=cmd_import_batch)
    serve = actions.add_parser("serve", help="run the headquarters HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.set_defaults(handler=cmd_serve)
