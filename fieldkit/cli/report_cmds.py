"""``fieldkit receipt verify|print|show`` and ``fieldkit report daily|cases|accuracy``.

``receipt verify`` is the one command meant for people outside the team (a clerk elsewhere, an
auditor years later): it needs no store, says plainly GENUINE / ALTERED / UNKNOWN DEVICE, and exits 0
only for a genuine receipt. Keys come from this laptop's store when it can be opened and from a file
headquarters exports (``--device-keys``: ``<key_id> <public_key_hex>`` per line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from fieldkit.cli.arg_types import CYCLE
from fieldkit.cli.context import Context
from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.workflows.receipts import ReceiptCheck

_WORDS = {
    "genuine": "GENUINE 真实有效",
    "altered": "ALTERED 已被篡改",
    "unknown_device": "UNKNOWN DEVICE 未知设备",
}


def _known_keys(ctx: Context, args: argparse.Namespace, id_keys: dict[str, bytes]) -> dict[str, bytes]:
    """Device public keys to check signatures with; fills ``id_keys`` with the agency ID-binding keys
    this laptop's store holds (none with ``--no-store``)."""
    from fieldkit.agency_id_key import stored_id_keys
    from fieldkit.services.receipts import known_keys
    from storage.errors import StorageError

    device_keys = Path(args.device_keys) if args.device_keys else None
    if not args.no_store and ctx.store_file.exists():
        try:
            with ctx.open_store() as store:
                id_keys.update(stored_id_keys(store))
                return known_keys(store, device_keys)
        except (UserError, StorageError) as exc:
            if getattr(exc, "code", "").startswith("receipt.keys"):
                raise
            print(
                f"note: this laptop's store was not used ({exc}); only --device-keys count.", file=sys.stderr
            )
    return known_keys(None, device_keys)


def _fact_lines(check: ReceiptCheck) -> list[str]:
    """The signed facts, one per line, for the reader to compare with the paper."""
    from reports import labels

    facts = check.facts
    if facts is None:  # version 1
        return [
            "  OLD RECEIPT (format 1) 旧版凭证: its signature covers only number, type, result, time and "
            "device — NOT the name or the other facts printed on the page; compare them with care, "
            "and its ID check is weak (unsalted hash)."
        ]
    rows = [
        ("姓名 Name", facts.name),
        ("性别 Gender", labels.both(labels.GENDERS, facts.gender)),
        ("地点 Place", facts.place),
        ("工作组 Team", facts.team),
        ("经办人 Operator", facts.operator),
        ("机构 Agency", facts.agency),
        *((f"{zh} {en}", value) for zh, en, value in facts.extra),
    ]
    return [
        "  Signed facts — compare each with the paper; any difference means the paper was altered "
        "签名内容，请逐项与纸面核对：",
        *(f"    {label}: {value or '—'}" for label, value in rows),
    ]


def _describe(
    check: ReceiptCheck, known: int, id_number: str | None, id_keys: dict[str, bytes]
) -> tuple[bool, list[str]]:
    """(genuine for this person?, lines to print) for one verdict."""
    from fieldkit.identity.id_binding import MissingIdKey, is_keyed
    from fieldkit.times import display_time
    from fieldkit.workflows.receipts import payload_matches_id

    word = _WORDS[check.status]
    if check.status == "unknown_device":
        return False, [
            f"{word}: signed by device key {check.key_id}, which is not among the {known} known key(s). "
            "Ask headquarters for its device key list and give it with --device-keys FILE."
        ]
    if check.status == "altered" or check.payload is None:
        return False, [
            f"{word}: the code's contents do not match the signature of device key {check.key_id or '?'}. "
            "This receipt is NOT genuine."
        ]
    p = check.payload
    lines = [
        f"{word}: receipt {p.get('number')} — {p.get('kind')}, result {p.get('result')}, "
        f"issued {display_time(str(p.get('issued_at', '')), zone=True)}, device {p.get('device')}, "
        f"key {check.key_id}.",
        *_fact_lines(check),
    ]
    if check.version != 1 and not is_keyed(p.get("id")):
        lines.append(
            "  ID binding unkeyed 身份证绑定未加密钥: made before the laptop held the agency key; only "
            "its salted scrypt hash protects the ID number."
        )
    if p.get("kind") in ("certification", "home_visit", "delegated") and p.get("result") != "accept":
        # note: a genuine slip is not a certification; say so before anyone reads GENUINE as "certified"
        lines.append(
            "A notice that the certification did NOT pass (未通过/待复核), not proof of certification."
        )
    if id_number is None:
        return True, lines
    try:
        matches = payload_matches_id(p, id_number, id_keys)
    except MissingIdKey as exc:
        return False, [*lines, str(exc)]
    if matches:
        return True, [*lines, "The ID number given matches this receipt's person. 身份证号码相符。"]
    return False, [*lines, "The ID number given does NOT match this receipt's person. 身份证号码不符。"]


def cmd_receipt_verify(ctx: Context, args: argparse.Namespace) -> int:
    """Find the QR code in a PDF or a scan/photo and check its signature."""
    from fieldkit.identity.idnumber import parse_id_number
    from fieldkit.services.receipts import check_file

    wanted = parse_id_number(args.id_number).value if args.id_number else None  # a typo: exit 1 now
    id_keys: dict[str, bytes] = {}
    keys = _known_keys(ctx, args, id_keys)
    return report_checks(check_file(Path(args.file), keys), len(keys), wanted, id_keys)


def report_checks(
    checks: list[ReceiptCheck], known: int, id_number: str | None, id_keys: dict[str, bytes]
) -> int:
    """Print each verdict; 0 only if every code is genuine (and matches ``id_number`` if given).

    Shared with ``fieldkit hq verify-receipt``, which checks with HQ's own keys."""
    all_good = True
    for check in checks:
        good, lines = _describe(check, known, id_number, id_keys)
        all_good = all_good and good
        for line in lines:
            print(line)
    return 0 if all_good else 1


def cmd_receipt_print(ctx: Context, args: argparse.Namespace) -> int:
    """Print (or save) a receipt; a reprint is counted and marked as a copy."""
    from fieldkit.services.receipts import print_receipt

    with ctx.open_store() as store:
        outcome = print_receipt(
            store,
            ctx.actor(store),
            args.number,
            layout=args.layout,
            printer=args.printer,
            save_to=Path(args.save) if args.save else None,
            english=not args.chinese_only,
        )
    what = f"copy {outcome.copy_number} (marked 复印件 COPY)" if outcome.is_copy else "the original"
    print(f"Receipt {outcome.number}: {what} sent to {outcome.sent_to}.")
    return 0


def cmd_receipt_show(ctx: Context, args: argparse.Namespace) -> int:
    """Write a receipt's PDF without printing it (marked as a copy once the original was printed)."""
    from fieldkit.services.receipts import receipt_pdf, was_printed

    with ctx.open_store() as store:
        copy = was_printed(store, args.number)
        pdf = receipt_pdf(store, args.number, layout=args.layout, english=not args.chinese_only)
    out = atomic_write(Path(args.out), pdf)
    print(f"Wrote {out} ({'marked as a copy' if copy else 'not yet printed'}).")
    return 0


def cmd_receipt_list(ctx: Context, args: argparse.Namespace) -> int:
    """The newest receipts, or those of a receipt number / the people a query finds (IDs masked)."""
    from fieldkit.identity.idnumber import mask_id_number
    from fieldkit.privacy import mask_name
    from fieldkit.services.person_history import find_receipts

    with ctx.open_store() as store:
        views = find_receipts(store, args.query or "", cycle=args.cycle, limit=args.limit)
    for view in views:
        person = f"{mask_name(view.person_name)} {mask_id_number(view.id_number)}"
        copies = f"copies {view.copies}"
        print(f"{view.number}  {view.kind:<13} {view.result:<9} {view.issued_at}  {copies}  {person}")
    if not views:
        print("No receipt found." if args.query else "No receipts yet.")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def cmd_report_daily(ctx: Context, args: argparse.Namespace) -> int:
    """The day's summary as PDF and CSV."""
    from fieldkit.services.reports import write_daily

    with ctx.open_store() as store:
        written = write_daily(
            store, Path(args.out), day=args.date, cycle=args.cycle, team_list=args.team_list
        )
    for path in written:
        print(f"Wrote {path}")
    return 0


def cmd_report_cases(ctx: Context, args: argparse.Namespace) -> int:
    """The case list with decisions as PDF."""
    from fieldkit.services.reports import write_cases

    with ctx.open_store() as store:
        out = write_cases(store, Path(args.out))
    print(f"Wrote {out}")
    return 0


def cmd_report_accuracy(ctx: Context, args: argparse.Namespace) -> int:
    """DET curve, score histograms and a PDF from an ``<identity>/<image>`` folder."""
    from fieldkit.workflows.report_data import write_accuracy_report

    written = write_accuracy_report(Path(args.folder), args.kind, Path(args.out), protocol=args.protocol)
    for path in written.paths:
        print(f"Wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``receipt`` and ``report`` commands."""
    receipt = sub.add_parser("receipt", help="verify, print or show signed receipts")
    actions = receipt.add_subparsers(dest="receipt_command", required=True, metavar="ACTION")
    verify = actions.add_parser("verify", help="is a receipt (PDF, scan or photo) genuine? exit 0 only if so")
    verify.add_argument("file", metavar="FILE", help="a receipt PDF, or a PNG/JPEG scan or photo of one")
    verify.add_argument(
        "--device-keys",
        metavar="FILE",
        help="device keys from headquarters: '<key_id> <public_key_hex>' lines",
    )
    verify.add_argument("--no-store", action="store_true", help="do not use this laptop's own key")
    verify.add_argument("--id-number", help="also check that the receipt belongs to this ID number")
    verify.set_defaults(handler=cmd_receipt_verify)

    def layout_options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("number", metavar="NUMBER", help="the receipt number, e.g. 3FA2C1-2026-R000017")
        parser.add_argument("--layout", choices=("a4", "roll80"), default="a4", help="A4 or 80 mm roll")
        parser.add_argument("--chinese-only", action="store_true", help="leave out the English lines")

    printing = actions.add_parser("print", help="print a receipt (a reprint is counted and marked COPY)")
    layout_options(printing)
    printing.add_argument("--printer", metavar="NAME", help="printer name (default: the system's default)")
    printing.add_argument(
        "--save", metavar="FILE", help="save the PDF instead of printing (or as well, with --printer)"
    )
    printing.set_defaults(handler=cmd_receipt_print)
    show = actions.add_parser("show", help="write a receipt's PDF without printing it")
    layout_options(show)
    show.add_argument("--out", required=True, metavar="FILE.pdf")
    show.set_defaults(handler=cmd_receipt_show)

    listing = actions.add_parser("list", help="newest receipts, or a person's (name, pinyin, last 4 digits)")
    listing.add_argument(
        "query",
        nargs="?",
        metavar="QUERY",
        help="receipt number, ID number or its last 4 digits, name or pinyin",
    )
    listing.add_argument("--cycle", type=int, default=dt.date.today().year, help="roster year searched")
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(handler=cmd_receipt_list)

    report = sub.add_parser("report", help="daily summary, case list, accuracy report")
    kinds = report.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    daily = kinds.add_parser("daily", help="the day's summary (PDF and CSV)")
    daily.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today, local time)")
    daily.add_argument("--cycle", type=CYCLE, help="certification cycle (default: the date's year)")
    daily.add_argument("--out", required=True, metavar="DIR")
    daily.add_argument(
        "--team-list",
        action="store_true",
        help="also due-DATE.pdf: who is still due with name, address, phone (team only; ID last 4)",
    )
    daily.set_defaults(handler=cmd_report_daily)
    cases = kinds.add_parser("cases", help="every case with its decision (PDF)")
    cases.add_argument("--out", required=True, metavar="FILE.pdf")
    cases.set_defaults(handler=cmd_report_cases)
    accuracy = kinds.add_parser("accuracy", help="DET curve and score histograms from an evaluation folder")
    accuracy.add_argument("folder", metavar="FOLDER", help="<identity>/<image> folders")
    accuracy.add_argument("--kind", choices=("palm", "face"), required=True)
    accuracy.add_argument("--protocol", choices=("all", "enroll-verify"), default="all")
    accuracy.add_argument("--out", required=True, metavar="DIR")
    accuracy.set_defaults(handler=cmd_report_accuracy)
