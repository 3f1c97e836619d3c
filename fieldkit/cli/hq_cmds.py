"""Laptop-side transfer commands: ``fieldkit device-key``, ``export-batch`` (USB), ``sync`` (network),
``sync-status`` (offline limits) and ``retention`` (drop images HQ holds). Headquarters' own commands
are in ``hq_admin_cmds``. Defaults for the HQ address, key and certificate come from ``[sync]`` in
``fieldkit.toml``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldkit.cli import hq_admin_cmds
from fieldkit.cli.arg_types import TIMEOUT, int_range, region_code
from fieldkit.cli.context import Context, sync_plan
from fieldkit.config import load_config
from fieldkit.errors import UserError
from fieldkit.privacy import mask_text


def cmd_device_key(ctx: Context, args: argparse.Namespace) -> int:
    """Print this laptop's device public key (to register it at headquarters)."""
    from fieldkit.device_key import device_public_key
    from fieldkit.wire import keys as wire_keys

    with ctx.open_store() as store:
        public = device_public_key(store, ctx.actor(store))
    print(f"device key id {wire_keys.key_id(public)}\npublic key    {public.hex()}")
    return 0


def cmd_export_batch(ctx: Context, args: argparse.Namespace) -> int:
    """Seal the outbox into a batch file for headquarters."""
    from fieldkit.services.transfer import export_batch, hq_keys

    hq_keys(args.hq_key, load_config(ctx.home).sync)  # note: a missing key is named before the store opens
    target = Path(args.file)
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; use --force to overwrite it.", code="batch.exists")
    with ctx.open_store() as store:
        batch = export_batch(store, ctx.home, ctx.actor(store), target, key_file=args.hq_key)
    print(
        f"Batch {batch.batch_id} ({batch.records} records) written to {target} "
        "(signed and encrypted to headquarters)."
    )
    return 0


def _progress(stage: str, done: int, total: int) -> None:
    if total > 1024 * 1024 and sys.stderr.isatty():
        print(
            f"\r{stage}: {done * 100 // total:3d}% of {total / 1e6:.1f} MB",
            end="",
            file=sys.stderr,
            flush=True,
        )
        if done >= total:
            print(file=sys.stderr)


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    """Send the outbox to headquarters, apply its answers and decisions, then apply retention."""
    from fieldkit.services.transfer import run_sync

    plan = sync_plan(ctx, args)
    with ctx.open_store() as store:
        report = run_sync(store, ctx.home, ctx.actor(store), plan, progress=_progress)
    if report.pending_before:
        print(
            f"Sent {report.sent} records; headquarters acknowledged {report.acknowledged} "
            f"({report.needs_review} queued for review there); {report.pending_after} still queued."
        )
    else:
        print("Nothing to send: the outbox is empty.")
    for uuid, problem in report.problems.items():
        print(f"  {uuid}: {problem}")
    if report.duplicate_search_pending:
        print(
            f"  {report.duplicate_search_pending} enrollment(s) wait for headquarters' city-wide duplicate "
            "search; a suspected duplicate comes back as a decision at a later sync"
        )
    if report.missing:
        print(f"  headquarters is missing {report.missing} earlier record(s) from this laptop")
    for outcome, count in sorted(report.decisions.items()):
        print(f"  decision from headquarters applied: {outcome} × {count}")
    if (package := report.package) is not None:
        print(
            f"  work package {plan.region}/{plan.cycle} up to change {package.change_seq}: "
            f"{package.people_added} people added, {package.people_updated} updated, "
            f"{package.enrollments_added} enrollments and {package.certifications_added} certifications added"
        )
    if report.images_dropped:
        print(
            f"  {report.images_dropped} palm image(s) headquarters holds were removed from this laptop "
            "(retention)."
        )
    if report.package_error is not None:
        print(
            f"fieldkit: work package not downloaded: {mask_text(report.package_error.message)}",
            file=sys.stderr,
        )
    return 1 if report.problems or report.package_error else 0


def cmd_sync_status(ctx: Context, args: argparse.Namespace) -> int:
    """How long since headquarters acknowledged anything, and what is queued (warns past the limit)."""
    from fieldkit.sync.retention import days_since_sync

    settings = load_config(ctx.home).sync
    with ctx.open_store() as store:
        pending = store.outbox.pending_count()
        days = days_since_sync(store)
    print(f"{pending} record(s) waiting for headquarters.")
    if days is None:
        print("Never synchronised with headquarters." + (" Sync as soon as you can." if pending else ""))
    else:
        print(f"Last acknowledged by headquarters {days:.1f} day(s) ago.")
        if days > settings.warn_after_days and pending:
            print(
                f"WARNING: more than {settings.warn_after_days} days without a sync; connect or export a "
                "batch to USB (fieldkit export-batch).",
                file=sys.stderr,
            )
    return 0


def cmd_retention(ctx: Context, args: argparse.Namespace) -> int:
    """Drop palm images headquarters acknowledged more than N days ago (templates stay)."""
    from fieldkit.sync.retention import apply_retention

    days = args.keep_days if args.keep_days is not None else load_config(ctx.home).sync.keep_images_days
    with ctx.open_store() as store:
        dropped = apply_retention(store, keep_days=days, actor=ctx.actor(store))
    print(f"{dropped} palm image(s) removed (acknowledged by headquarters more than {days} days ago).")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the transfer commands and ``fieldkit hq …``."""
    key = sub.add_parser("device-key", help="show this laptop's device key (for registration at HQ)")
    key.set_defaults(handler=cmd_device_key)
    export = sub.add_parser("export-batch", help="write the outbox as a signed, encrypted batch file")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--hq-key", metavar="FILE", help="headquarters' hq_public.key")
    export.add_argument("--force", action="store_true")
    export.set_defaults(handler=cmd_export_batch)
    sync = sub.add_parser("sync", help="send the outbox to headquarters and apply its decisions")
    sync.add_argument("--hq", metavar="URL", help="e.g. https://hq.example:8600")
    sync.add_argument("--hq-key", metavar="FILE", help="headquarters' hq_public.key")
    sync.add_argument(
        "--hq-cert", metavar="FILE", help="accept only this HQ certificate's public key (SPKI pin)"
    )
    sync.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow plain http:// to a non-loopback headquarters (a closed LAN only)",
    )
    sync.add_argument("--timeout", type=TIMEOUT, default=30.0, help="seconds per request")
    sync.add_argument("--region", type=region_code, help="also download this region's work-package changes")
    sync.add_argument(
        "--cycle", type=int_range(0, 2100), default=0, help="the work package's cycle (with --region)"
    )
    sync.set_defaults(handler=cmd_sync)
    status = sub.add_parser("sync-status", help="what waits for headquarters and since when")
    status.set_defaults(handler=cmd_sync_status)
    retention = sub.add_parser("retention", help="remove palm images headquarters already holds")
    retention.add_argument("--keep-days", type=int_range(0, 3650), help="grace period after acknowledgement")
    retention.set_defaults(handler=cmd_retention)
    hq_admin_cmds.register(sub)
