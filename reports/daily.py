"""The daily team summary: what was done today, what is left, what has not reached headquarters.

Why these parts: at the end of a field day the team lead must answer four questions before leaving
the site — how many people did we serve (by kind and result), which exceptions are still open, who
on the list has not come yet, and is everything sent (or must the laptop go back by USB). A chart of
the day's throughput per hour shows the queue at a glance. The summary may be e-mailed or printed,
so people appear only masked (``张**``, ``1304**********123X``); the store holds the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable

from reports import labels
from reports.documents import build, content_width, csv_text, heading, para, spacer, styles, table
from reports.layout import font_name

KIND_ORDER = ("enrollment", "certification", "home_visit", "delegated")
FIRST_HOUR, LAST_HOUR = 7, 20  # the chart always shows a working day; other hours appear if used


@dataclass(frozen=True)
class CountRow:
    """How many records of one kind ended with one result today."""

    kind: str
    result: str
    count: int


@dataclass(frozen=True)
class OpenCase:
    """An open case, as listed for the team (person masked)."""

    reference: str
    kind: str
    opened_at: str
    person: str  # masked name and ID number
    summary: str = ""


@dataclass(frozen=True)
class DuePerson:
    """Someone on the cycle's list who has not been certified yet.

    ``person`` and ``masked_id`` are masked (the summary may be e-mailed); ``name``, ``id_last4``,
    ``address`` and ``phone`` are for the team's own work list (:func:`due_list_pdf`) only.
    """

    person: str
    masked_id: str
    unit: str = ""
    district: str = ""
    enrolled: bool = False
    name: str = ""
    id_last4: str = ""
    address: str = ""
    phone: str = ""
    home_visit: bool = False


@dataclass(frozen=True)
class DailySummary:
    """Everything the daily summary shows, gathered by the application from the store."""

    date: str
    cycle: int
    agency: str
    team: str
    generated_at: str
    counts: list[CountRow] = field(default_factory=list)
    hourly: list[int] = field(default_factory=lambda: [0] * 24)
    open_cases: list[OpenCase] = field(default_factory=list)
    due: list[DuePerson] = field(default_factory=list)
    roster_total: int = 0
    certified_total: int = 0
    unsynced: int = 0
    device: str = ""

    @property
    def served(self) -> int:
        return sum(row.count for row in self.counts)


def _hours(hourly: list[int]) -> range:
    used = [hour for hour, count in enumerate(hourly) if count]
    return range(min([FIRST_HOUR, *used]), max([LAST_HOUR, *used]) + 1)


def hourly_chart(hourly: list[int], width: float, height: float = 150) -> Drawing:
    """Bars of records per hour (local time), drawn with reportlab graphics."""
    hours = _hours(hourly)
    drawing = Drawing(width, height, initialFontName=font_name())
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 28
    chart.width, chart.height = width - 48, height - 56
    chart.data = [[hourly[h] for h in hours]]
    chart.bars[0].fillColor = colors.Color(0.22, 0.45, 0.7)
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = [f"{h:02d}" for h in hours]
    peak = max([1, *hourly])
    step = max(1, -(-peak // 5))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (-(-(peak + step // 2 + 1) // step))  # headroom for the labels
    chart.valueAxis.valueStep = step
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName = font_name()
        axis.fontSize = 7
    chart.barLabelFormat = lambda value: str(int(value)) if value else ""
    chart.barLabels.fontName = font_name()
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(34, height - 10, "每小时办理量 Records per hour", fontName=font_name(), fontSize=8.5))
    drawing.add(String(width / 2, 4, "时 hour", fontName=font_name(), fontSize=7, textAnchor="middle"))
    return drawing


def _count_table(summary: DailySummary, width: float) -> Flowable:
    results = sorted({row.result for row in summary.counts})
    header = [
        "业务\nKind",
        *[labels.both(labels.RESULTS, r).replace(" ", "\n", 1) for r in results],
        "合计\nTotal",
    ]
    rows = []
    kinds = [k for k in KIND_ORDER if any(r.kind == k for r in summary.counts)]
    kinds += sorted({r.kind for r in summary.counts} - set(kinds))
    for kind in kinds:
        cells = [
            sum(r.count for r in summary.counts if r.kind == kind and r.result == res) for res in results
        ]
        rows.append([labels.both(labels.KINDS, kind), *map(str, cells), str(sum(cells))])
    totals = [sum(r.count for r in summary.counts if r.result == res) for res in results]
    if rows:
        rows.append(["合计 Total", *map(str, totals), str(summary.served)])
    first = width * 0.3
    other = (width - first) / (len(results) + 1)
    numeric = range(1, len(results) + 2)
    return table(
        header,
        rows,
        [first] + [other] * (len(results) + 1),
        numeric=numeric,
        empty="今日无记录 Nothing recorded today",
    )


def daily_pdf(summary: DailySummary) -> bytes:
    """The daily summary as a PDF (A4 portrait; the lists continue on further pages)."""
    st = styles()
    width = content_width()
    due_left = max(0, summary.roster_total - summary.certified_total)
    story: list[Flowable] = [
        para(f"{summary.agency}  工作日报 Daily summary", st["title"]),
        para(
            f"日期 Date {summary.date}   工作组 Team {summary.team or '—'}   周期 Cycle {summary.cycle}   "
            f"设备 Device {summary.device or '—'}   生成 Generated {summary.generated_at}",
            st["subtitle"],
        ),
        spacer(6),
        para(
            f"今日办理 {summary.served} 人次 · 待处理个案 {len(summary.open_cases)} 件 · "
            f"本周期已认证 {summary.certified_total}/{summary.roster_total} 人，尚余 {due_left} 人 · "
            f"未同步记录 {summary.unsynced} 条",
            st["body"],
        ),
        para(
            f"Served today {summary.served} · open cases {len(summary.open_cases)} · certified this cycle "
            f"{summary.certified_total} of {summary.roster_total}, {due_left} still due · "
            f"records not yet sent to headquarters {summary.unsynced}",
            st["small"],
        ),
        heading("按业务与结果统计 Counts by kind and result"),
        _count_table(summary, width),
        spacer(8),
        hourly_chart(summary.hourly, width),
        heading("未同步 Not yet synced"),
        para(
            f"{summary.unsynced} 条记录尚未送达总部。"
            + ("请联网同步或导出批次文件（U盘）。" if summary.unsynced else "全部已同步。")
            + f"  {summary.unsynced} record(s) have not reached headquarters"
            + (": sync or export a batch file (USB)." if summary.unsynced else "; everything is sent."),
            st["body"],
        ),
        heading(f"待处理个案 Open cases ({len(summary.open_cases)})"),
        table(
            ["编号 Reference", "类型 Kind", "开立 Opened", "人员 Person", "说明 Details"],
            [
                [c.reference, labels.both(labels.CASE_KINDS, c.kind), c.opened_at, c.person, c.summary]
                for c in summary.open_cases
            ],
            [width * 0.2, width * 0.18, width * 0.16, width * 0.22, width * 0.24],
            empty="无 None",
        ),
        heading(f"应认证未到 Due, not yet seen ({len(summary.due)})"),
        table(
            ["人员 Person", "身份证号 ID number", "单位 Unit", "区县 District", "已采集 Enrolled"],
            [
                [p.person, p.masked_id, p.unit or "—", p.district or "—", "是 yes" if p.enrolled else "否 no"]
                for p in summary.due
            ],
            [width * 0.16, width * 0.26, width * 0.26, width * 0.18, width * 0.14],
            empty="无 None",
        ),
    ]
    footer = f"{summary.agency} · {summary.team or ''} · {summary.date}"
    return build(story, title=f"Daily summary {summary.date}", footer=footer)


TEAM_ONLY = (
    "工作组内部用：含姓名、住址和电话，请勿外传、拍照或张贴；当日用后交回组长或粉碎。"
    "  For the team only: names, addresses and phones — do not pass on; hand back or shred after use."
)


def due_list_pdf(summary: DailySummary) -> bytes:
    """The team's own work list of who is still due: who, where, phone (ID: last four digits only).

    Why a separate paper: the daily summary leaves the team (e-mailed, filed) and shows people only
    masked, which is useless for finding them; the team planning its visits needs the name, the
    address and a number to call. This list says on every page that it stays with the team, shows
    no more of the ID number than the last four digits (enough to tell two 王秀英 apart at the door),
    and is sorted by district and address so a visit route can be read off it.
    """
    st = styles()
    width = content_width(wide=True)
    people = sorted(summary.due, key=lambda p: (p.district, p.address, p.name or p.person))
    visits = sum(1 for p in people if p.home_visit)
    story: list[Flowable] = [
        para(f"{summary.agency}  应认证未到名单 Still due — team work list", st["title"]),
        para(
            f"日期 Date {summary.date}   工作组 Team {summary.team or '—'}   周期 Cycle {summary.cycle}   "
            f"共 {len(people)} 人（需上门 {visits} 人） {len(people)} people, {visits} home visits",
            st["subtitle"],
        ),
        para(TEAM_ONLY, st["body"]),
        spacer(6),
        table(
            [
                "姓名 Name",
                "身份证后四位 ID (last 4)",
                "住址 Address",
                "电话 Phone",
                "区县 / 单位 District / unit",
                "已采集 Enrolled",
                "上门 Visit",
                "已办 Done",
            ],
            [
                [
                    p.name or p.person,
                    f"****{p.id_last4}" if p.id_last4 else "—",
                    p.address or "—",
                    p.phone or "—",
                    " / ".join(x for x in (p.district, p.unit) if x) or "—",
                    "是 yes" if p.enrolled else "否 no",
                    "上门 yes" if p.home_visit else "",
                    "□",
                ]
                for p in people
            ],
            [w * width for w in (0.1, 0.1, 0.27, 0.13, 0.17, 0.08, 0.08, 0.07)],
            empty="无 None — everyone on the list is certified",
        ),
    ]
    footer = f"工作组内部用 Team only · {summary.team or ''} · {summary.date}"
    return build(story, title=f"Due list {summary.date}", footer=footer, wide=True)


def daily_csv(summary: DailySummary) -> str:
    """The same figures as one long-format CSV (``section,key,detail,value``) for spreadsheets."""
    rows: list[list[object]] = [
        ["total", name, "", value]
        for name, value in (
            ("date", summary.date),
            ("cycle", summary.cycle),
            ("team", summary.team),
            ("served", summary.served),
            ("open_cases", len(summary.open_cases)),
            ("roster_total", summary.roster_total),
            ("certified_total", summary.certified_total),
            ("due_not_seen", len(summary.due)),
            ("unsynced", summary.unsynced),
        )
    ]
    rows += [["count", row.kind, row.result, row.count] for row in summary.counts]
    rows += [["hour", f"{hour:02d}", "", count] for hour, count in enumerate(summary.hourly) if count]
    rows += [["open_case", case.reference, case.kind, case.opened_at] for case in summary.open_cases]
    rows += [
        ["due", person.masked_id, person.unit, "enrolled" if person.enrolled else "not_enrolled"]
        for person in summary.due
    ]
    return csv_text(["section", "key", "detail", "value"], rows)
