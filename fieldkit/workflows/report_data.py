"""Gathering the reports' data from the store (and the evaluation harness) and handing it to ``reports``.

Why masked: the daily summary and the case list are files that leave the encrypted store (printed,
e-mailed, left on a desktop), so people appear as ``张**`` and ``1304**********123X``, the project's
standard masks (``fieldkit.privacy``); the store keeps the rest.

Why a few read-only SQL queries here: the repositories answer "one person's records"; a day's summary
needs "every record between two instants" and "who in this cycle is certified", and asking person by
person loads every enrolment image (seconds for 500 people). The queries only read, like
``receipts.next_receipt_number``. note: they belong in ``storage`` as repository methods
(``enrollments.between``, ``certifications.certified_in_cycle``); see the issue notes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.device_key import stored_device_key
from fieldkit.errors import UserError
from fieldkit.files import atomic_write, private_folder
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.privacy import mask_name
from fieldkit.times import display_time, now_display
from fieldkit.wire import keys as wire_keys
from fieldkit.workflows.cases import case_details, case_rows, home_visit_people, masked_person
from fieldkit.workflows.enrolment_holds import enrolled_people
from fieldkit.workflows.receipt_documents import reports_errors
from fieldkit.workflows.receipt_facts import agency_and_team
from reports.accuracy import AccuracyFigures, accuracy_pdf, histogram_png
from reports.cases import cases_pdf
from reports.daily import CountRow, DailySummary, DuePerson, OpenCase, daily_csv, daily_pdf, due_list_pdf
from storage.store import Store

_ISO = "%Y-%m-%dT%H:%M:%S.%fZ"


def _day_bounds(day: dt.date) -> tuple[str, str]:
    """The local calendar day as UTC timestamps in the store's text form (they sort as text)."""
    start = dt.datetime.combine(day, dt.time(0)).astimezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0)).astimezone()
    return start.astimezone(dt.UTC).strftime(_ISO), end.astimezone(dt.UTC).strftime(_ISO)


def _local_hour(iso_utc: str) -> int:
    return dt.datetime.fromisoformat(iso_utc).astimezone().hour


def certification_kind(method: str) -> str:
    """The receipt kind a certification's method stands for."""
    return method if method in ("home_visit", "delegated") else "certification"


def daily_summary(store: Store, *, day: dt.date | None = None, cycle: int | None = None) -> DailySummary:
    """The day's figures (local calendar day; default today) and the cycle's open work."""
    day = day or dt.date.today()
    cycle = cycle or day.year
    start, end = _day_bounds(day)
    counts: Counter[tuple[str, str]] = Counter()
    hourly = [0] * 24
    for status, at in store.enrollments.completed_between(start, end):
        counts[("enrollment", status)] += 1
        hourly[_local_hour(at)] += 1
    for method, result, at in store.certifications.made_between(start, end):
        counts[(certification_kind(method), result)] += 1
        hourly[_local_hour(at)] += 1
    certified = store.certifications.people_accepted(cycle)
    enrolled = enrolled_people(store)  # complete, or held and cleared by approved cases
    roster = store.roster.people_in_cycle(cycle)
    visits = home_visit_people(store)
    due = [
        DuePerson(
            mask_name(p.name),
            mask_id_number(p.id_number),
            p.unit or "",
            p.district or "",
            p.uuid in enrolled,
            name=p.name,
            id_last4=p.id_number[-4:],
            address=p.address or "",
            phone=p.phone or "",
            home_visit=p.uuid in visits,
        )
        for p in roster
        if p.uuid not in certified
    ]
    open_cases = [
        OpenCase(
            c.reference,
            c.kind,
            display_time(c.opened_at),
            masked_person(store, c.person_uuid),
            case_details(store, c),
        )
        for c in store.cases.list(status="open")
    ]
    agency, _agency_en, team = agency_and_team(store)
    keys = _key_ids(store)
    return DailySummary(
        date=day.isoformat(),
        cycle=cycle,
        agency=agency,
        team=team,
        generated_at=now_display(),
        counts=[CountRow(kind, result, n) for (kind, result), n in sorted(counts.items())],
        hourly=hourly,
        open_cases=open_cases,
        due=due,
        roster_total=len(roster),
        certified_total=sum(1 for p in roster if p.uuid in certified),
        unsynced=store.outbox.pending_count(),
        device=f"key {keys[0]}" if keys else "",
    )


def _key_ids(store: Store) -> list[str]:
    key = stored_device_key(store)
    return [wire_keys.key_id(key.public_key().public_bytes_raw())] if key else []


@dataclass(frozen=True)
class WrittenFiles:
    """The files a report command wrote."""

    paths: list[Path]


def write_daily_report(
    store: Store,
    out_dir: Path,
    *,
    day: dt.date | None = None,
    cycle: int | None = None,
    team_list: bool = False,
) -> WrittenFiles:
    """``daily-YYYY-MM-DD.pdf`` and ``.csv`` in ``out_dir`` (masked: they may leave the team; the CSV
    with a BOM, for Excel). With ``team_list``, also ``due-YYYY-MM-DD.pdf``: the team's own work list
    of who is still due with name, address and phone (ID: last four digits only) — asked for
    explicitly, so a folder of daily reports e-mailed as a whole never carries it by accident."""
    summary = daily_summary(store, day=day, cycle=cycle)
    with reports_errors():
        pdf = daily_pdf(summary)
        due_pdf = due_list_pdf(summary) if team_list else None
    private_folder(out_dir)
    pdf_path, csv_path = out_dir / f"daily-{summary.date}.pdf", out_dir / f"daily-{summary.date}.csv"
    atomic_write(pdf_path, pdf)
    atomic_write(csv_path, daily_csv(summary), encoding="utf-8-sig")
    paths = [pdf_path, csv_path]
    if due_pdf is not None:
        paths.append(out_dir / f"due-{summary.date}.pdf")
        atomic_write(paths[-1], due_pdf)
    return WrittenFiles(paths)


def cases_report_pdf(store: Store) -> bytes:
    """The case list PDF for supervisors and headquarters."""
    agency, _agency_en, team = agency_and_team(store)
    rows = case_rows(store)  # masked: the list leaves the store
    with reports_errors():
        return cases_pdf(rows, agency=agency, team=team, generated_at=now_display())


# -- accuracy ----------------------------------------------------------------------------------------
def write_accuracy_report(folder: Path, kind: str, out_dir: Path, *, protocol: str = "all") -> WrittenFiles:
    """Run the evaluation harness on ``folder`` and write the DET curve, histograms (PNG) and PDF."""
    from matching import metrics
    from matching.errors import MatchingError

    try:
        if kind == "face":
            from matching.evaluate_face import evaluate_face

            result, scores = evaluate_face(folder, protocol=protocol, id_photo=False)
        elif kind == "palm":
            from matching.evaluate import evaluate_palm

            # note: the report shows the shipped engine on the given images; cross-validated figures
            # come from ``python -m matching.evaluate palm DIR`` (tuning is a development task)
            result, evaluation = evaluate_palm(folder, protocol=protocol, folds=0)
            scores = evaluation.scores()
        else:
            raise UserError("The kind must be palm or face.", code="report.bad_kind")
    except MatchingError as exc:
        raise UserError(exc.message, code=exc.code) from None
    private_folder(out_dir)
    det_path = out_dir / f"accuracy-{kind}-det.png"
    hist_path = out_dir / f"accuracy-{kind}-scores.png"
    pdf_path = out_dir / f"accuracy-{kind}.pdf"
    curves = {f"{result['dataset']} ({protocol})": metrics.det_points(scores.genuine, scores.impostor)}
    metrics.draw_det_plot(curves, det_path, title=f"{kind} DET: {result['dataset']}")
    figures = _figures(kind, protocol, result)
    with reports_errors():
        histogram = histogram_png(
            scores.genuine,
            scores.impostor,
            title=f"{kind} scores: {result['dataset']}",
            threshold=figures.eer_threshold,
        )
        atomic_write(hist_path, histogram)
        atomic_write(
            pdf_path, accuracy_pdf(figures, det_path.read_bytes(), histogram, generated_at=now_display())
        )
    return WrittenFiles([det_path, hist_path, pdf_path])


def _figures(kind: str, protocol: str, result: dict[str, Any]) -> AccuracyFigures:
    failures = result.get("failure_to_enroll", {})
    return AccuracyFigures(
        modality=kind,
        dataset=str(result.get("dataset", "")),
        protocol=protocol,
        identities=int(result.get("identities", 0)),
        images=int(result.get("images", 0)),
        genuine_pairs=int(result.get("genuine_pairs", 0)),
        impostor_pairs=int(result.get("impostor_pairs", 0)),
        eer=float(result.get("eer", 0.0)),
        eer_threshold=float(result.get("eer_threshold", 0.0)),
        frr_at_far=dict(result.get("frr_at_far", {})),
        failure_to_enroll=int(failures.get("count", 0)),
        failure_rate=float(failures.get("rate", 0.0)),
    )


def write_cases_report(store: Store, target: Path) -> Path:
    """The case list PDF written to ``target`` (atomically, owner-only: it names people, masked)."""
    return atomic_write(target, cases_report_pdf(store))
