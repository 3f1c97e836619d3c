"""The headquarters reconciliation report: per device, what was expected, what arrived, what is wrong.

Why per device: each laptop numbers what it sends (outbox sequence), so a gap in the numbers is a
lost record and a number seen twice a duplicate, whatever the batches looked like; conflicts (the
same record changed on two sides) and what HQ decided about them are listed beside them. A device
with any gap, duplicate or undecided conflict is flagged so that nobody has to read the figures to
find it. This module only lays out rows the HQ side has computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from reports.documents import build, content_width, csv_text, heading, para, spacer, styles, table


@dataclass(frozen=True)
class ReconciliationRow:
    """One device's reconciliation figures."""

    device: str
    batches: int
    expected: int
    received: int
    missing_sequences: tuple[int, ...] = ()
    duplicates: int = 0
    conflicts: int = 0
    decisions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return (
            not self.missing_sequences
            and self.duplicates == 0
            and self.received >= self.expected
            and (self.conflicts <= len(self.decisions))
        )


def ranges(numbers: tuple[int, ...] | list[int], *, limit: int = 40) -> str:
    """``1-3, 7, 9-12`` for a list of sequence numbers; long lists end with "… (+N more)"."""
    values = sorted(set(numbers))
    parts: list[str] = []
    start = previous = None
    for value in [*values, None]:
        if start is not None and previous is not None and (value is None or value != previous + 1):
            parts.append(str(start) if start == previous else f"{start}-{previous}")
            start = None
        if value is not None and start is None:
            start = value
        previous = value
    if len(parts) > limit:
        hidden = len(parts) - limit
        parts = [*parts[:limit], f"… (+{hidden} more)"]
    return ", ".join(parts) or "—"


def reconciliation_pdf(
    rows: list[ReconciliationRow], *, agency: str = "", period: str = "", generated_at: str = ""
) -> bytes:
    """The reconciliation report as a landscape A4 PDF."""
    st = styles()
    width = content_width(wide=True)
    flagged = [r for r in rows if not r.ok]
    story: list[Flowable] = [
        para(f"{agency}  批次核对报告 Reconciliation report".strip(), st["title"]),
        para(
            f"期间 Period {period or '—'}   生成 Generated {generated_at}   设备 Devices {len(rows)}",
            st["subtitle"],
        ),
        spacer(4),
        para(
            f"应收 {sum(r.expected for r in rows)} 条，实收 {sum(r.received for r in rows)} 条；"
            f"{len(flagged)} 台设备有缺失、重复或未决冲突。  Expected {sum(r.expected for r in rows)}, "
            f"received {sum(r.received for r in rows)}; {len(flagged)} device(s) need attention.",
            st["body"],
        ),
        heading("按设备 By device"),
        table(
            [
                "设备 Device",
                "批次 Batches",
                "应收 Expected",
                "实收 Received",
                "缺失序号 Missing",
                "重复 Dupl.",
                "冲突 Conflicts",
                "处理 Decisions",
                "状态 Status",
            ],
            [
                [
                    r.device,
                    str(r.batches),
                    str(r.expected),
                    str(r.received),
                    ranges(r.missing_sequences),
                    str(r.duplicates),
                    str(r.conflicts),
                    "\n".join(r.decisions) or "—",
                    "正常 OK" if r.ok else "需处理 CHECK",
                ]
                for r in sorted(rows, key=lambda r: (r.ok, r.device))
            ],
            [w * width for w in (0.14, 0.06, 0.07, 0.07, 0.2, 0.06, 0.07, 0.23, 0.1)],
            numeric=(1, 2, 3, 5, 6),
            empty="无设备 No devices",
        ),
    ]
    footer = f"{agency} · 批次核对 Reconciliation · {generated_at}".strip(" ·")
    return build(story, title="Reconciliation report", footer=footer, wide=True)


def reconciliation_csv(rows: list[ReconciliationRow]) -> str:
    """The same rows as CSV (missing sequences as ranges, decisions joined by " | ")."""
    header = ["device", "batches", "expected", "received", "missing_sequences", "duplicates", "conflicts"]
    header += ["decisions", "ok"]
    return csv_text(
        header,
        [
            [
                r.device,
                r.batches,
                r.expected,
                r.received,
                ranges(r.missing_sequences, limit=10000),
                r.duplicates,
                r.conflicts,
                " | ".join(r.decisions),
                "yes" if r.ok else "no",
            ]
            for r in rows
        ],
    )
