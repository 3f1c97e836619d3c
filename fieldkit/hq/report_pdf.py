"""The reconciliation report as a PDF: headquarters' figures laid out by the ``reports`` library."""

from __future__ import annotations

from pathlib import Path

from fieldkit.errors import UserError
from fieldkit.files import atomic_write
from fieldkit.hq.intake import expand_ranges
from fieldkit.hq.report import DeviceReconciliation
from fieldkit.times import now_display
from reports.errors import ReportsError
from reports.reconciliation import ReconciliationRow, reconciliation_pdf


def _row(line: DeviceReconciliation) -> ReconciliationRow:
    def total(kind: str) -> int:
        return sum(n for key, n in line.review_counts.items() if key.startswith(f"{kind}/"))

    decided = {
        f"{key.replace('/', ' ')}": n for key, n in line.review_counts.items() if not key.endswith("/open")
    }
    return ReconciliationRow(
        device=f"{line.name} ({line.key_id[:8]})" + ("" if line.status == "approved" else " [revoked]"),
        batches=line.batches,
        expected=line.expected,
        received=line.received,
        missing_sequences=tuple(expand_ranges(line.missing, limit=10_000)),
        duplicates=total("duplicate"),
        conflicts=total("conflict"),
        decisions=tuple(f"{key} × {n}" for key, n in sorted(decided.items())),
    )


def reconciliation_pdf_bytes(lines: list[DeviceReconciliation]) -> bytes:
    """The report as PDF bytes (the console sends them as a download; the CLI writes a file)."""
    try:
        return reconciliation_pdf([_row(x) for x in lines], generated_at=now_display(zone=True))
    except ReportsError as exc:
        raise UserError(f"The report could not be drawn: {exc}", code="report.failed") from None


def write_reconciliation_pdf(lines: list[DeviceReconciliation], target: Path) -> None:
    """Render and write the report atomically."""
    data = reconciliation_pdf_bytes(lines)
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise UserError(f"Cannot write {target}: {exc.strerror}.", code="report.unwritable") from None
