"""Reports as files, for both front-ends: the day's summary (PDF/CSV) and the case list (PDF),
through ``fieldkit.workflows.report_data``; ``fieldkit report daily|cases`` and the Receipts screen's
report buttons call these.

Why lazily imported: like the receipt documents, the reports pull in ``reports`` (reportlab); if they
are unavailable the rest of the GUI works and the clerk is told why there is no report. The files are
masked (``张**``, ``1304**********123X``) because they leave the encrypted store.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from types import ModuleType

from fieldkit.errors import UserError
from storage.store import Store


def _report_data() -> ModuleType:
    try:
        return importlib.import_module("fieldkit.workflows.report_data")
    except ImportError:
        raise UserError(
            "Reports are not available in this installation.", code="receipt.documents_missing"
        ) from None


def write_daily(
    store: Store,
    folder: Path,
    *,
    cycle: int | None = None,
    day: dt.date | None = None,
    team_list: bool = False,
) -> list[Path]:
    """A day's summary (PDF and CSV; default today) into ``folder``; the paths written.

    ``team_list`` adds the team's own due list (names, addresses, phones; ID last four digits).
    """
    written = _report_data().write_daily_report(store, folder, day=day, cycle=cycle, team_list=team_list)
    return list(written.paths)


def write_cases(store: Store, target: Path) -> Path:
    """The case list with decisions as a PDF file."""
    return Path(_report_data().write_cases_report(store, target))
