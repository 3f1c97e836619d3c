"""Work packages and the master roster from the command line.

Laptop: ``fieldkit package apply FILE --hq-key hq_public.key`` (a package carried on a USB stick)
and ``fieldkit package download --hq URL --hq-key FILE --region R --cycle C [--insecure-http]``.
Headquarters (added to ``fieldkit hq`` by :func:`register_hq`): ``roster-load FILE --cycle C
--region R`` and ``package --region R --cycle C --device KEY_ID [--since N] --out FILE``.

Why every printed line is counts and masked IDs: these commands run in offices where screens are
photographed and output is pasted into e-mails.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.cli.arg_types import CYCLE, TIMEOUT, region_code
from fieldkit.cli.context import Context, sync_plan
from fieldkit.cli.hq_home import hq_home
from fieldkit.errors import UserError
from fieldkit.files import atomic_write

if TYPE_CHECKING:
    from fieldkit.hq.store import HqStore
    from fieldkit.sync.package import ApplySummary

_SHOWN_REJECTIONS = 20


def _open_hq(ctx: Context, args: argparse.Namespace) -> HqStore:
    """The headquarters database, found as every ``fieldkit hq`` command finds it: ``--hq-home DIR``
    (else ``<home>/hq``) and ``--db URL`` (else ``$FIELDKIT_HQ_DB``, else the SQLite file there)."""
    from fieldkit.hq.store import HqStore

    return HqStore.open(hq_home(ctx, args), db_url=getattr(args, "db", None))


def _print_summary(summary: ApplySummary) -> None:
    print(
        f"Work package {summary.region}/{summary.cycle} up to change {summary.change_seq}: "
        f"{summary.people_added} people added, {summary.people_updated} updated; "
        f"{summary.enrollments_added} enrollments added ({summary.enrollments_present} already here); "
        f"{summary.certifications_added} certifications added."
        + ("" if summary.changed else " Nothing was new.")
    )
    if summary.unknown_people:
        print(f"  skipped records of {len(summary.unknown_people)} people this laptop does not have")
    if summary.id_keys_added:  # note: the count only; the key stays in the encrypted store
        print(f"  {summary.id_keys_added} agency ID-binding key(s) received (receipts now use it)")


def cmd_package_apply(ctx: Context, args: argparse.Namespace) -> int:
    """Verify a package file with headquarters' key and take it in."""
    from fieldkit.services.transfer import apply_package_file

    with ctx.open_store() as store:
        summary = apply_package_file(store, ctx.home, ctx.actor(store), Path(args.file), key_file=args.hq_key)
    _print_summary(summary)
    return 0


def cmd_package_download(ctx: Context, args: argparse.Namespace) -> int:
    """Download the region's changes since the last package, verify and apply them."""
    from fieldkit.services.transfer import download_work_package

    plan = sync_plan(ctx, args)
    with ctx.open_store() as store:
        summary = download_work_package(store, ctx.actor(store), plan)
    _print_summary(summary)
    return 0


def cmd_roster_load(ctx: Context, args: argparse.Namespace) -> int:
    """Load the master roster file for a region and cycle."""
    from fieldkit.hq.roster import load_roster

    hq = _open_hq(ctx, args)
    try:
        report = load_roster(hq, Path(args.file), cycle=args.cycle, region=args.region)
    finally:
        hq.close()
    if args.report:
        report.validation.write_csv(Path(args.report))
    change = f"change {report.change_seq}" if report.change_seq is not None else "nothing changed"
    print(
        f"Roster {args.region}/{args.cycle} ({report.validation.encoding}): {report.accepted} rows valid, "
        f"{report.rejected} rejected; {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged ({change}) in {report.seconds:.1f} s."
    )
    rejected = report.rejected_rows()
    for row in rejected[:_SHOWN_REJECTIONS]:
        print(f"  line {row.line} ({row.masked_id}): {row.reason}")
    if len(rejected) > _SHOWN_REJECTIONS:
        print(f"  … {len(rejected) - _SHOWN_REJECTIONS} more" + ("" if args.report else " (see --report)"))
    return 0


def cmd_hq_package(ctx: Context, args: argparse.Namespace) -> int:
    """Write a region's work package for one device to a file (for a USB stick): signed by
    headquarters and encrypted to that device, which must be registered for the region."""
    from fieldkit.hq.packages import build_package
    from fieldkit.wire.package import sealed_header

    target = Path(args.out)
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; use --force to overwrite it.", code="package.exists")
    hq = _open_hq(ctx, args)
    try:
        data = build_package(
            hq, region=args.region, cycle=args.cycle, since=args.since, device_key_id=args.device
        )
    finally:
        hq.close()
    atomic_write(target, data)
    header, _ = sealed_header(data)
    counts = ", ".join(f"{n} {what}" for what, n in sorted(header["counts"].items()))
    print(
        f"Work package {args.region}/{args.cycle} (changes {args.since}..{header['change_seq']}): {counts}; "
        f"encrypted for device {args.device}; {len(data):,} bytes written to {target}."
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``fieldkit package apply|download`` (the laptop side)."""
    package = sub.add_parser("package", help="work packages from headquarters (people, templates)")
    actions = package.add_subparsers(dest="package_command", required=True, metavar="ACTION")
    apply = actions.add_parser("apply", help="verify and take in a work package file")
    apply.add_argument("file", metavar="FILE")
    apply.add_argument("--hq-key", required=True, metavar="FILE", help="headquarters' hq_public.key")
    apply.set_defaults(handler=cmd_package_apply)
    download = actions.add_parser("download", help="download the region's changes since the last package")
    download.add_argument("--hq", required=True, metavar="URL", help="e.g. http://hq.example:8600")
    download.add_argument("--hq-key", required=True, metavar="FILE", help="headquarters' hq_public.key")
    download.add_argument(
        "--hq-cert", metavar="FILE", help="accept only this HQ certificate's public key (SPKI pin)"
    )
    download.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow plain http:// to a non-loopback headquarters (a closed LAN only)",
    )
    download.add_argument("--region", required=True, type=region_code)
    download.add_argument("--cycle", required=True, type=CYCLE)
    download.add_argument("--timeout", type=TIMEOUT, default=60.0, help="seconds per request")
    download.set_defaults(handler=cmd_package_download)


def register_hq(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``roster-load`` and ``package`` to the ``fieldkit hq`` actions."""
    load = actions.add_parser("roster-load", help="load the master roster of a region and cycle")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--cycle", required=True, type=CYCLE)
    load.add_argument("--region", required=True, type=region_code)
    load.add_argument("--report", metavar="CSV", help="write every row's result (IDs masked) here")
    load.set_defaults(handler=cmd_roster_load)
    package = actions.add_parser(
        "package", help="write a region's work package for one device (signed, encrypted) to a file"
    )
    package.add_argument("--region", required=True, type=region_code)
    package.add_argument("--cycle", required=True, type=CYCLE)
    package.add_argument("--since", type=int, default=0, help="only changes after this number (0: all)")
    package.add_argument(
        "--device", required=True, metavar="KEY_ID", help="the registered device the package is encrypted to"
    )
    package.add_argument("--out", required=True, metavar="FILE")
    package.add_argument("--force", action="store_true")
    package.set_defaults(handler=cmd_hq_package)
