"""``fieldkit roster import``, ``fieldkit person search|show`` and ``fieldkit operator add|list``."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from fieldkit import auth
from fieldkit.cli.arg_types import CYCLE, int_range, region_code
from fieldkit.cli.context import NEW_PASSWORD_ENV, Context, secret
from fieldkit.errors import UserError
from fieldkit.identity.idnumber import mask_id_number, parse_id_number
from fieldkit.paths import reports_dir
from fieldkit.workflows.roster_import import import_roster, rejected_rows
from storage.records import OPERATOR_ROLES, Person
from storage.store import Store

_SHOWN_REJECTIONS = 30


def cmd_roster_import(ctx: Context, args: argparse.Namespace) -> int:
    """Import a roster CSV and report every row's fate."""
    path = Path(args.file)
    with ctx.open_store() as store:
        report = import_roster(
            store,
            path,
            cycle=args.cycle,
            region=args.region or "default",
            actor=ctx.actor(store),
            strict=args.strict,
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    report_path = Path(args.report) if args.report else reports_dir(ctx.home) / f"roster-import-{stamp}.csv"
    report.write_csv(report_path)
    outcome = report.outcome
    summary = {
        "file_encoding": report.encoding,
        "rows": len(report.rows),
        "accepted": report.accepted,
        "rejected": report.rejected,
        "imported": not report.strict_refused and outcome is not None,
        "added": outcome.added if outcome else 0,
        "updated": outcome.updated if outcome else 0,
        "unchanged": outcome.unchanged if outcome else report.accepted if not report.strict_refused else 0,
        "ignored_columns": report.ignored_columns,
        "report": str(report_path),
        "rejections": [dataclasses.asdict(r) for r in rejected_rows(report)],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(
            f"{len(report.rows)} rows read ({report.encoding}): {report.accepted} valid, "
            f"{report.rejected} rejected."
        )
        if report.ignored_columns:
            print(f"Columns not used: {', '.join(report.ignored_columns)}")
        for row in rejected_rows(report)[:_SHOWN_REJECTIONS]:
            print(f"  line {row.line} ({row.masked_id}): {row.reason}")
        if report.rejected > _SHOWN_REJECTIONS:
            print(f"  ... and {report.rejected - _SHOWN_REJECTIONS} more in the report file.")
        if report.strict_refused:
            print("Nothing was imported (--strict and some rows were rejected).")
        elif outcome is None or outcome.batch is None:
            print("Nothing changed: every valid row is already in the roster.")
        else:
            print(
                f"Imported: {outcome.added} new, {outcome.updated} updated, {outcome.unchanged} unchanged; "
                f"roster cycle {args.cycle}, region {args.region or 'default'}."
            )
        print(f"Report: {report_path}")
    return 1 if report.strict_refused else 0


def _person_json(person: Person, *, masked: bool) -> dict[str, Any]:
    data = dataclasses.asdict(person)
    data["birth_date"] = person.birth_date.isoformat() if person.birth_date else None
    if masked:
        data["id_number"] = mask_id_number(person.id_number)
    return data


def _looks_like_id(query: str) -> bool:
    return bool(re.fullmatch(r"\d{4,17}[\dXx]?", query.strip()))


def cmd_person_search(ctx: Context, args: argparse.Namespace) -> int:
    """Find people by ID number (or its beginning) or by name (Chinese included)."""
    query = args.query.strip()
    if not query:
        raise UserError("Give an ID number or a name to search for.", code="person.empty_query")
    with ctx.open_store() as store:
        if _looks_like_id(query):
            found = store.people.search_id_prefix(query.upper(), limit=args.limit)
        else:
            found = store.people.search_name(query, limit=args.limit)
    if args.json:
        print(json.dumps([_person_json(p, masked=False) for p in found], ensure_ascii=False))
        return 0
    if not found:
        print("No one found.")
        return 0
    for p in found:
        birth = p.birth_date.isoformat() if p.birth_date else "?"
        print(f"{p.id_number}  {p.name}  {birth}  {p.unit or ''}")
    return 0


def _find_person(store: Store, key: str) -> Person:
    key = key.strip()
    if re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", key):
        return store.people.get(key)
    person = store.people.find_by_id_number(parse_id_number(key).value)
    if person is None:
        raise UserError(f"No one with ID number {mask_id_number(key)} is stored.", code="person.not_found")
    return person


def cmd_person_show(ctx: Context, args: argparse.Namespace) -> int:
    """Everything stored about one person."""
    with ctx.open_store() as store:
        person = _find_person(store, args.key)
        entries = store.roster.entries_for(person.uuid)
        enrollments = store.enrollments.for_person(person.uuid)
        certifications = store.certifications.for_person(person.uuid)
    data = _person_json(person, masked=False)
    data["roster"] = [{"cycle": e.cycle, "region": e.region} for e in entries]
    data["enrollments"] = [{"uuid": e.uuid, "status": e.status, "at": e.completed_at} for e in enrollments]
    data["certifications"] = [
        {"cycle": c.cycle, "result": c.result, "at": c.certified_at} for c in certifications
    ]
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    for key, value in data.items():
        if isinstance(value, list):
            value = "; ".join(", ".join(str(v) for v in item.values()) for item in value) or "-"
        print(f"{key:>16}: {'' if value is None else value}")
    return 0


def cmd_operator_add(ctx: Context, args: argparse.Namespace) -> int:
    """Create an operator account (password typed twice, or from FIELDKIT_NEW_PASSWORD)."""
    with ctx.open_store() as store:
        actor = ctx.actor(store)
        password = secret(NEW_PASSWORD_ENV, f"Password for {args.login}: ", confirm=True)
        operator = auth.add_operator(
            store, login=args.login, name=args.name, role=args.role, password=password, actor=actor
        )
    print(f"Operator {operator.login} ({operator.role}) created.")
    return 0


def cmd_operator_list(ctx: Context, args: argparse.Namespace) -> int:
    """Accounts and whether they are active, disabled or locked (until when)."""
    from fieldkit.services.operators import operator_rows

    with ctx.open_store() as store:
        rows = operator_rows(store)
    for row in rows:
        state = f"locked until {row.locked_until}" if row.locked else ("active" if row.active else "disabled")
        print(f"{row.login:<16} {row.role:<10} {state}")
    if not rows:
        print("No operators yet: add one with `fieldkit operator add`.")
    return 0


def cmd_operator_change(ctx: Context, args: argparse.Namespace) -> int:
    """``disable``, ``enable``, ``unlock`` or ``reset-password`` an account, as a supervisor."""
    from fieldkit.services import operators

    with ctx.open_store() as store:
        actor = ctx.actor(store)
        if actor == "cli":
            raise UserError(
                "Changing an account needs a supervisor: add --operator LOGIN.",
                code="operator.not_supervisor",
            )
        supervisor = store.operators.get(actor)
        action = args.operator_command
        if action == "reset-password":
            password = secret(NEW_PASSWORD_ENV, f"New password for {args.login}: ", confirm=True)
            operators.reset_password(store, supervisor, args.login, password)
        elif action == "unlock":
            operators.unlock(store, supervisor, args.login)
        else:
            operators.set_active(store, supervisor, args.login, active=action == "enable")
    print(f"Operator {args.login}: {action} done.")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add roster, person and operator commands to the top-level parser."""
    roster = sub.add_parser("roster", help="import the roster sent by headquarters")
    roster_actions = roster.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    imp = roster_actions.add_parser("import", help="import a roster CSV (UTF-8 or GBK)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--cycle", type=CYCLE, default=dt.date.today().year, help="certification year")
    imp.add_argument(
        "--region", type=region_code, help="GB/T 2260 region code of this roster (default: none)"
    )
    imp.add_argument("--strict", action="store_true", help="import nothing if any row is rejected")
    imp.add_argument("--report", metavar="PATH", help="where to write the per-row CSV report")
    imp.add_argument("--json", action="store_true", help="machine-readable summary")
    imp.set_defaults(handler=cmd_roster_import)

    person = sub.add_parser("person", help="find and show people")
    person_actions = person.add_subparsers(dest="person_command", required=True, metavar="ACTION")
    search = person_actions.add_parser("search", help="search by ID number or name")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int_range(1, 1000), default=20)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_person_search)
    show = person_actions.add_parser("show", help="show one person by ID number or UUID")
    show.add_argument("key", metavar="ID_NUMBER")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_person_show)

    operator = sub.add_parser("operator", help="manage operator accounts")
    op_actions = operator.add_subparsers(dest="operator_command", required=True, metavar="ACTION")
    add = op_actions.add_parser("add", help="create an account")
    add.add_argument("--login", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=OPERATOR_ROLES, default="operator")
    add.set_defaults(handler=cmd_operator_add)
    listing = op_actions.add_parser("list", help="list accounts")
    listing.set_defaults(handler=cmd_operator_list)
    for action, text in (
        ("disable", "disable an account (it can no longer log in)"),
        ("enable", "enable a disabled account"),
        ("unlock", "lift a lock-out after wrong passwords"),
        ("reset-password", "set a new password (FIELDKIT_NEW_PASSWORD or typed twice); also unlocks"),
    ):
        change = op_actions.add_parser(action, help=f"{text}; needs --operator SUPERVISOR")
        change.add_argument("login", metavar="LOGIN")
        change.set_defaults(handler=cmd_operator_change)
