"""Plain rows the application hands to the documents.

Why apart from the documents: a screen lists the same rows a report prints; keeping the dataclasses
here, with no reportlab import, lets the desktop app hold them without loading the PDF engine (a
build without it still shows its lists).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseRow:
    """One case as printed (all text already masked and formatted by the application)."""

    reference: str
    kind: str
    status: str
    opened_at: str
    person: str
    details: str = ""
    opened_by: str = ""
    decided_at: str = ""
    decided_by: str = ""
    decision_note: str = ""
