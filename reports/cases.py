"""The case list for supervisors and headquarters: every exception and what was decided about it.

Why a separate document: cases (ID mismatches, approvals for people without a card, capture
failures, suspected duplicates) are where fraud and mistakes hide, and HQ reviews them in bulk. The
list shows each case's facts and the decision with its reason and who made it; open cases come first.
People are masked, as in every report that may leave the laptop.
"""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable

from reports import labels
from reports.documents import build, content_width, csv_text, heading, para, spacer, styles, table
from reports.rows import CaseRow

__all__ = ["CaseRow", "cases_csv", "cases_pdf"]


def _sorted(rows: list[CaseRow]) -> list[CaseRow]:
    return sorted(rows, key=lambda r: (r.status != "open", r.opened_at, r.reference))


def cases_pdf(rows: list[CaseRow], *, agency: str, team: str = "", generated_at: str = "") -> bytes:
    """The case list as a landscape A4 PDF: a count by kind and status, then every case."""
    st = styles()
    width = content_width(wide=True)
    by_kind = Counter((r.kind, r.status) for r in rows)
    kinds = sorted({r.kind for r in rows})
    statuses = [s for s in labels.CASE_STATUSES if any(r.status == s for r in rows)]
    summary_rows = [
        [
            labels.both(labels.CASE_KINDS, k),
            *[str(by_kind[(k, s)]) for s in statuses],
            str(sum(by_kind[(k, s)] for s in statuses)),
        ]
        for k in kinds
    ]
    other = (width * 0.5) / (len(statuses) + 1)
    story: list[Flowable] = [
        para(f"{agency}  个案清单 Case list", st["title"]),
        para(
            f"工作组 Team {team or '—'}   生成 Generated {generated_at}   共 {len(rows)} 件 cases",
            st["subtitle"],
        ),
        heading("按类型统计 By kind"),
        table(
            ["类型 Kind", *[labels.both(labels.CASE_STATUSES, s) for s in statuses], "合计 Total"],
            summary_rows,
            [width * 0.3] + [other] * (len(statuses) + 1),
            numeric=range(1, len(statuses) + 2),
            empty="无个案 No cases",
        ),
        spacer(4),
        heading("个案与处理 Cases and decisions"),
        table(
            [
                "编号 Reference",
                "类型 Kind",
                "状态 Status",
                "人员 Person",
                "情况 Details",
                "开立 Opened",
                "处理 Decision",
            ],
            [
                [
                    r.reference,
                    labels.both(labels.CASE_KINDS, r.kind),
                    labels.both(labels.CASE_STATUSES, r.status),
                    r.person,
                    r.details,
                    f"{r.opened_at}\n{r.opened_by}".strip(),
                    "\n".join(x for x in (f"{r.decided_at} {r.decided_by}".strip(), r.decision_note) if x)
                    or "—",
                ]
                for r in _sorted(rows)
            ],
            [w * width for w in (0.12, 0.11, 0.08, 0.17, 0.2, 0.12, 0.2)],
            empty="无个案 No cases",
        ),
    ]
    return build(
        story, title="Case list", footer=f"{agency} · 个案清单 Case list · {generated_at}", wide=True
    )


def cases_csv(rows: list[CaseRow]) -> str:
    """The case list as CSV (same columns, codes rather than words)."""
    header = ["reference", "kind", "status", "person", "details", "opened_at", "opened_by", "decided_at"]
    header += ["decided_by", "decision_note"]
    return csv_text(
        header,
        [
            [
                r.reference,
                r.kind,
                r.status,
                r.person,
                r.details,
                r.opened_at,
                r.opened_by,
                r.decided_at,
                r.decided_by,
                r.decision_note,
            ]
            for r in _sorted(rows)
        ],
    )
