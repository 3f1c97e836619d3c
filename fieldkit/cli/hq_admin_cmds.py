"""Headquarters commands: ``fieldkit hq init|rotate-keys|register-device|revoke-device|devices|
import-batch|serve|operator|review|correct-id|report|export-device-keys|verify-receipt`` (and the
roster and work-package commands from ``package_cmds``, ``worker`` and ``queue`` from
``hq_worker_cmds``). Every command takes ``--hq-home DIR`` (the folder holding ``hq_public.key``)
and ``--db URL`` (a SQLite file in that folder by default; ``postgresql://…`` for production)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from fieldkit.cli.arg_types import int_range
from fieldkit.cli.context import NEW_PASSWORD_ENV, Context, secret
from fieldkit.cli.hq_home import hq_home, hq_staff_login, open_hq
from fieldkit.errors import UserError
from fieldkit.files import PUBLIC, atomic_write
from fieldkit.times import display_date


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    """Create the headquarters database (schema) and key pairs."""
    from fieldkit.hq.keys import create_hq_key, public_key_text
    from fieldkit.wire.keys import PUBLIC_FILE

    home = hq_home(ctx, args)
    with open_hq(ctx, args, create=True) as hq:
        create_hq_key(hq)
        text = public_key_text(hq)
    atomic_write(home / PUBLIC_FILE, text, encoding="ascii", mode=PUBLIC)
    print(
        f"Headquarters ready in {home}; give teams {home / PUBLIC_FILE}. The private keys are in "
        f"{home / 'keys'}, locked with the headquarters passphrase: back up that folder and keep the "
        "passphrase safe (without both, batches cannot be opened)."
    )
    return 0


def cmd_rotate_keys(ctx: Context, args: argparse.Namespace) -> int:
    """New key pairs for headquarters; the old ones stay (batches sealed to them still open)."""
    from fieldkit.hq.keys import public_key_text, rotate_id_binding_key, rotate_keys
    from fieldkit.wire.keys import PUBLIC_FILE

    home = hq_home(ctx, args)
    with open_hq(ctx, args) as hq:
        encryption, signing = rotate_keys(hq)
        id_binding = rotate_id_binding_key(hq)
        text = public_key_text(hq)
    atomic_write(home / PUBLIC_FILE, text, encoding="ascii", mode=PUBLIC)
    print(
        f"New headquarters keys: encryption {encryption}, signing {signing}, ID binding {id_binding} "
        "(the old keys are kept, so batches sealed to them still open and old receipts still check; "
        f"laptops get the new ID-binding key with their next work package). Give every team the new "
        f"{home / PUBLIC_FILE}."
    )
    return 0


def cmd_verify_receipt(ctx: Context, args: argparse.Namespace) -> int:
    """Check a receipt at headquarters, with every approved device's key and every agency
    ID-binding key (so ``--id-number`` works for keyed receipts of any of the agency's laptops)."""
    from fieldkit.cli.report_cmds import report_checks
    from fieldkit.hq.keys import id_binding_keys
    from fieldkit.identity.idnumber import parse_id_number
    from fieldkit.services.receipts import check_file

    wanted = parse_id_number(args.id_number).value if args.id_number else None  # a typo: exit 1 now
    with open_hq(ctx, args) as hq:
        keys, id_keys = hq.approved_keys(), id_binding_keys(hq, create=False)
    return report_checks(check_file(Path(args.file), keys), len(keys), wanted, id_keys)


def cmd_register(ctx: Context, args: argparse.Namespace) -> int:
    """Approve a laptop by its device public key."""
    from fieldkit.wire import keys as wire_keys

    try:
        public = bytes.fromhex(args.public_key)
    except ValueError:
        public = b""
    if len(public) != 32:
        raise UserError(
            "A device public key is 64 hex characters (see `fieldkit device-key`).", code="hq.bad_device_key"
        )
    from fieldkit.hq.device_regions import parse_regions, regions_of, set_regions

    regions = parse_regions(args.region)
    with open_hq(ctx, args) as hq:
        hq.register_device(wire_keys.key_id(public), public, args.name)
        if regions:  # note: without --region a re-registration keeps the device's regions
            set_regions(hq, wire_keys.key_id(public), regions)
        held = regions_of(hq, wire_keys.key_id(public))
    shown = ", ".join(held) if held else "none yet: add --region CODE to receive work packages"
    print(f"Device {wire_keys.key_id(public)} ({args.name}) approved; regions: {shown}.")
    return 0


def cmd_revoke(ctx: Context, args: argparse.Namespace) -> int:
    """Refuse a lost or retired laptop's requests and batches."""
    with open_hq(ctx, args) as hq:
        hq.revoke_device(args.key_id)
    print(f"Device {args.key_id} revoked.")
    return 0


def cmd_devices(ctx: Context, args: argparse.Namespace) -> int:
    """Registered devices."""
    from fieldkit.hq.device_regions import regions_of

    with open_hq(ctx, args) as hq:
        devices = hq.devices()
        regions = {key_id: regions_of(hq, key_id) for key_id, *_ in devices}
    for key_id, name, status, registered in devices:
        shown = ",".join(regions[key_id]) or "-"
        print(f"{key_id}  {status:<9} {display_date(registered)}  {name}  (regions: {shown})")
    if not devices:
        print("No devices yet: register one with `fieldkit hq register-device`.")
    return 0


def cmd_export_device_keys(ctx: Context, args: argparse.Namespace) -> int:
    """Write every approved device key (``<key id> <public key hex>`` lines) for receipt checkers."""
    with open_hq(ctx, args) as hq:
        keys = hq.approved_keys()
    atomic_write(Path(args.out), "".join(f"{k} {v.hex()}\n" for k, v in sorted(keys.items())), mode=PUBLIC)
    print(f"{len(keys)} device keys written to {args.out}.")
    return 0


def cmd_import_batch(ctx: Context, args: argparse.Namespace) -> int:
    """Verify, decrypt and take in a batch file; importing the same file again changes nothing."""
    from fieldkit.hq.intake import intake
    from fieldkit.hq.keys import key_for_batch
    from fieldkit.hq.review_districts import place_new_reviews
    from fieldkit.wire.envelope import open_batch

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {args.file}: {exc.strerror}.", code="batch.unreadable") from None
    with open_hq(ctx, args) as hq:
        opened = open_batch(data, hq_private_key=key_for_batch(hq, data), device_keys=hq.approved_keys())
        report = intake(hq, opened)
        place_new_reviews(hq)
    counts = ", ".join(f"{n} {status}" for status, n in sorted(report.counts().items()))
    print(
        f"Batch {report.batch_id} from device {opened.device_key_id}: {counts}"
        + (" (this batch was seen before)" if report.repeated_batch else "")
    )
    for uuid, why in report.reasons.items():
        print(f"  {uuid}: {report.statuses[uuid]} — {why}")
    if report.missing_ranges:
        shown = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in report.missing_ranges[:20])
        print(
            f"  missing from this device: {report.missing_count} outbox entries ({shown}"
            + (", …)" if len(report.missing_ranges) > 20 else ")")
        )
    if report.audit_problem:
        print(f"  WARNING: {report.audit_problem}; queued for review.")
    if report.new_enrollments:
        print(
            f"  duplicate search queued for {len(report.new_enrollments)} enrollment(s) "
            "(`fieldkit hq worker --once` or the server's worker does it)"
        )
    return 1 if any(s in ("conflict", "rejected") for s in report.statuses.values()) else 0


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """Run the headquarters HTTP API (until interrupted); TLS when a certificate and key are given."""
    import uvicorn

    from fieldkit.hq.server import create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        raise UserError("TLS needs both --tls-cert and --tls-key.", code="hq.tls_incomplete")
    for path in (args.tls_cert, args.tls_key):
        if path and not Path(path).is_file():
            raise UserError(f"{path} does not exist.", code="hq.tls_missing")
    from fieldkit.cli.hq_home import ask_passphrase

    processes = args.processes
    given: list[str] = []  # note: the passphrase typed here, handed to the API processes

    def remember(new: bool) -> str:
        given.append(ask_passphrase(new))
        return given[-1]

    app = create_app(
        hq_home(ctx, args),
        db_url=args.db,
        max_bytes=args.max_mb * 1024 * 1024,
        passphrase_prompt=remember,
        search_worker=not args.no_worker and processes == 1,
    )
    from fieldkit.hq.keys import migration_notice

    hq = app.state.fieldkit.hq
    notice = migration_notice(hq)
    if notice:
        print(f"fieldkit: {notice}", file=sys.stderr)
    if processes > 1 and hq.db.dialect != "postgresql":
        hq.close()
        raise UserError(
            "--processes above 1 needs a PostgreSQL database (--db postgresql://… or $FIELDKIT_HQ_DB): "
            "SQLite takes one writer at a time.",
            code="hq.processes_need_postgresql",
        )
    scheme = "https" if args.tls_cert else "http"
    print(f"Headquarters listening on {scheme}://{args.host}:{args.port} (Ctrl+C stops it).", flush=True)
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "ssl_certfile": args.tls_cert or None,
        "ssl_keyfile": args.tls_key or None,
        "proxy_headers": True,
        "forwarded_allow_ips": args.forwarded_allow_ips,
        # note: a stop waits at most this long for open connections (an upload is resumable; a proxy
        # tunnel left open would otherwise keep HQ from stopping), then closes the database cleanly
        "timeout_graceful_shutdown": 30,
    }
    if processes == 1:
        uvicorn.run(app, **options)
        return 0
    _serve_processes(args, hq, given[-1] if given else None, processes, options)
    return 0


def _serve_processes(
    args: argparse.Namespace, hq: Any, passphrase: str | None, processes: int, options: dict[str, Any]
) -> None:
    """Hand the checked settings to ``processes`` API processes through their environment (the
    passphrase too, already proven by unlocking the keys here: the children unlock their own copy;
    the environment of a process is readable only by its owner) and run them under uvicorn."""
    import uvicorn

    from fieldkit.hq import server
    from fieldkit.hq.key_vault import PASSPHRASE_ENV
    from fieldkit.hq.store import DB_ENV

    hq.close()
    if passphrase:
        os.environ[PASSPHRASE_ENV] = passphrase
    os.environ[server.HOME_ENV] = str(hq.home)
    os.environ[server.MAX_BYTES_ENV] = str(args.max_mb * 1024 * 1024)
    os.environ[DB_ENV] = args.db or os.environ[DB_ENV]
    print(
        f"{processes} API processes; no search worker among them: run `fieldkit hq worker` beside them.",
        flush=True,
    )
    uvicorn.run("fieldkit.hq.server:app_from_environment", factory=True, workers=processes, **options)


def cmd_operator_add(ctx: Context, args: argparse.Namespace) -> int:
    """Create a headquarters staff account (password typed twice, or FIELDKIT_NEW_PASSWORD)."""
    from fieldkit.hq.operators import add_hq_operator

    password = secret(NEW_PASSWORD_ENV, f"Password for {args.login}: ", confirm=True)
    with open_hq(ctx, args) as hq:
        add_hq_operator(hq, login=args.login, name=args.name, role=args.role, password=password)
    print(f"Headquarters account {args.login} ({args.role}) created.")
    return 0


def cmd_review_list(ctx: Context, args: argparse.Namespace) -> int:
    """Open review items (``--all``: decided ones too)."""
    from fieldkit.hq.reviews import list_reviews
    from fieldkit.privacy import mask_text

    with open_hq(ctx, args) as hq:
        items = list_reviews(hq, status=None if args.all else "open")
    for item in items:
        decided = f" by {item.decided_by}: {item.note}" if item.decided_by else ""
        print(
            f"#{item.id:<5} {item.kind:<10} {item.status:<9} {item.record_type:<13} "
            f"{mask_text(item.summary)}{mask_text(decided)}"
        )
    if not items:
        print("Nothing to review.")
    return 0


def cmd_review_decide(ctx: Context, args: argparse.Namespace) -> int:
    """Approve or reject an item; the decision reaches the laptop at its next sync."""
    from fieldkit.hq.console import staff_audit
    from fieldkit.hq.reviews import decide_review

    with open_hq(ctx, args) as hq:
        staff = hq_staff_login(hq, args)
        with hq.db.transaction():  # the decision and its staff-audit entry land together
            item = decide_review(hq, args.id, approve=args.approve, note=args.note, decided_by=staff)
            staff_audit.record(
                hq,
                staff,
                "decide_review",
                f"review:{item.id}",
                outcome=item.status,
                kind=item.kind,
                via="cli",
            )
    print(f"Review #{item.id} {item.status}; the laptop will receive it at its next sync.")
    return 0


def cmd_correct_id(ctx: Context, args: argparse.Namespace) -> int:
    """Send an ID-number correction for a person to the laptops that enrolled them."""
    from fieldkit.hq.console import staff_audit
    from fieldkit.hq.reviews import correct_id_number
    from fieldkit.identity.idnumber import mask_id_number, parse_id_number

    new_id = parse_id_number(args.id_number).value
    with open_hq(ctx, args) as hq:
        staff = hq_staff_login(hq, args)
        with hq.db.transaction():
            devices = correct_id_number(hq, args.person_uuid, new_id, note=args.note, decided_by=staff)
            staff_audit.record(
                hq, staff, "correct_id", f"person:{args.person_uuid}",
                id_corrected_to=mask_id_number(new_id), laptops=devices, via="cli",
            )  # fmt: skip
    print(f"Correction queued for {devices} device(s).")
    return 0


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    """Per device: batches, expected vs received records, gaps, review items, decisions sent."""
    from fieldkit.hq.report import reconciliation
    from fieldkit.hq.search_queue import depth

    with open_hq(ctx, args) as hq:
        lines = reconciliation(hq)
        queue = depth(hq)
    print(
        f"{'device':<18} {'status':<9} {'batches':>7} {'expected':>8} {'received':>8} {'missing':>7}  reviews"
    )
    for line in lines:
        reviews = ", ".join(f"{k} {n}" for k, n in sorted(line.review_counts.items())) or "-"
        print(
            f"{line.name[:18]:<18} {line.status:<9} {line.batches:>7} {line.expected:>8} {line.received:>8} "
            f"{line.missing_count:>7}  {reviews}"
        )
    print(
        f"Duplicate-search queue: {queue['queued']} queued, {queue['running']} running, "
        f"{queue['failed']} failed (`fieldkit hq queue` lists them)."
    )
    if args.out:
        from fieldkit.hq.report_pdf import write_reconciliation_pdf

        write_reconciliation_pdf(lines, Path(args.out))
        print(f"Report written to {args.out}.")
    return 0


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--hq-home", metavar="DIR", default=default, help="HQ data folder (default: <home>/hq)"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database: SQLite path or postgresql://… ($FIELDKIT_HQ_DB)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``fieldkit hq …``."""
    from fieldkit.cli import hq_fraud_cmds, hq_worker_cmds, package_cmds

    hq = sub.add_parser("hq", help="headquarters: server, devices, intake, reviews, roster, packages")
    _common(hq, top=True)
    actions = hq.add_subparsers(dest="hq_command", required=True, metavar="ACTION")

    def action(name: str, help_text: str, handler: object) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text)
        _common(parser, top=False)
        if handler is not None:
            parser.set_defaults(handler=handler)
        return parser

    action("init", "create the HQ database and key pairs", cmd_init)
    action("rotate-keys", "make new HQ key pairs, keeping the old ones for old batches", cmd_rotate_keys)
    reg = action("register-device", "approve a laptop's device key", cmd_register)
    reg.add_argument("--public-key", required=True)
    reg.add_argument("--name", required=True)
    reg.add_argument(
        "--region",
        action="append",
        metavar="CODE",
        help="a region whose work packages this device receives (repeat, or a comma list)",
    )
    action("revoke-device", "refuse a device from now on", cmd_revoke).add_argument("key_id")
    action("devices", "list registered devices", cmd_devices)
    keys = action(
        "export-device-keys", "write approved device keys (for receipt verification)", cmd_export_device_keys
    )
    keys.add_argument("--out", required=True, metavar="FILE")
    check = action("verify-receipt", "check a receipt with all device and ID keys", cmd_verify_receipt)
    check.add_argument("file", metavar="FILE", help="a receipt PDF, or a PNG/JPEG scan or photo of one")
    check.add_argument("--id-number", help="also check that the receipt belongs to this ID number")
    action("import-batch", "take in a batch file (USB transfer)", cmd_import_batch).add_argument(
        "file", metavar="FILE"
    )
    serve = action("serve", "run the headquarters HTTP API", cmd_serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--tls-cert", metavar="FILE", help="certificate (PEM) for HTTPS")
    serve.add_argument("--tls-key", metavar="FILE", help="private key (PEM) for HTTPS")
    serve.add_argument("--max-mb", type=int, default=256, help="largest batch accepted, in MB")
    serve.add_argument(
        "--processes",
        type=int_range(1, 64),
        default=1,
        metavar="N",
        help="API processes sharing the port (PostgreSQL only; run `fieldkit hq worker` beside them)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        metavar="IPS",
        help="proxies whose X-Forwarded-For/-Proto are trusted (behind nginx or Caddy; '*' = any)",
    )
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="no duplicate-search worker in this process (run `fieldkit hq worker` instead)",
    )
    operator = action("operator", "headquarters staff accounts", None)
    operator_actions = operator.add_subparsers(dest="operator_command", required=True, metavar="ACTION")
    op_add = operator_actions.add_parser("add", help="create a staff account")
    _common(op_add, top=False)
    op_add.add_argument("--login", required=True)
    op_add.add_argument("--name", required=True)
    op_add.add_argument("--role", choices=("reviewer", "admin"), default="reviewer")
    op_add.set_defaults(handler=cmd_operator_add)
    review = action("review", "list and decide review items", None)
    review_actions = review.add_subparsers(dest="review_command", required=True, metavar="ACTION")
    listing = review_actions.add_parser("list", help="open items (--all: decided too)")
    _common(listing, top=False)
    listing.add_argument("--all", action="store_true")
    listing.set_defaults(handler=cmd_review_list)
    decide = review_actions.add_parser("decide", help="approve or reject an item")
    _common(decide, top=False)
    decide.add_argument("id", type=int)
    verdict = decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    decide.add_argument("--note", required=True)
    decide.add_argument("--operator", metavar="LOGIN")
    decide.set_defaults(handler=cmd_review_decide)
    correct = action("correct-id", "send an ID-number correction to the laptops", cmd_correct_id)
    correct.add_argument("person_uuid")
    correct.add_argument("id_number")
    correct.add_argument("--note", required=True)
    correct.add_argument("--operator", metavar="LOGIN")
    report = action("report", "reconciliation per device", cmd_report)
    report.add_argument("--out", metavar="FILE.pdf")
    package_cmds.register_hq(actions)
    hq_worker_cmds.register_hq(action)
    hq_fraud_cmds.register_hq(action)
    for name in ("roster-load", "package"):  # note: --hq-home/--db are accepted after every action
        _common(actions.choices[name], top=False)
