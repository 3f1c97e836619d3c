"""The multi-page reports rendered and read back: daily summary (PDF, chart, CSV), case list,
headquarters reconciliation, and the accuracy report's pictures."""

from __future__ import annotations

import csv
import io

import cv2
import numpy as np

from reports.accuracy import AccuracyFigures, accuracy_pdf, histogram_png
from reports.cases import CaseRow, cases_csv, cases_pdf
from reports.daily import CountRow, DailySummary, DuePerson, OpenCase, daily_csv, daily_pdf
from reports.documents import csv_cell
from reports.reconciliation import ReconciliationRow, ranges, reconciliation_csv, reconciliation_pdf
from tests.reports.pdf_tools import pdf_fonts, pdf_text, render


def _summary(due: int = 3) -> DailySummary:
    hourly = [0] * 24
    hourly[9], hourly[10], hourly[14] = 12, 30, 5
    return DailySummary(
        date="2026-11-28",
        cycle=2026,
        agency="邯郸市社会保险事业管理中心",
        team="第三采集组",
        generated_at="2026-11-28 18:05",
        counts=[
            CountRow("enrollment", "complete", 20),
            CountRow("enrollment", "held", 1),
            CountRow("certification", "accept", 24),
            CountRow("certification", "reject", 2),
        ],
        hourly=hourly,
        open_cases=[
            OpenCase(
                "3FA2C1-2026-00004", "suspected_duplicate", "2026-11-28 10:02", "王** 1304**********1234"
            )
        ],
        due=[
            DuePerson(f"李{'*' * (i % 2 + 1)}", f"1304**********12{i:02d}", "邯钢", "丛台区", i % 2 == 0)
            for i in range(due)
        ],
        roster_total=120,
        certified_total=90,
        unsynced=47,
        device="key 0123456789abcdef",
    )


def _all_embedded(pdf: bytes) -> bool:
    found = pdf_fonts(pdf)
    return bool(found) and all(f["emb"] == "yes" for f in found)


def test_daily_summary_pdf_shows_counts_chart_and_lists() -> None:
    pdf = daily_pdf(_summary())
    text = pdf_text(pdf)
    for expected in ("工作日报", "第三采集组", "今日办理 47 人次", "未同步记录 47 条", "采集完成",
                     "认证通过", "3FA2C1-2026-00004", "疑似重复", "每小时办理量", "邯钢",
                     "1304**********1201"):  # fmt: skip
        assert expected in text, expected
    assert _all_embedded(pdf)
    page = render(pdf, dpi=60)[0]
    blue = (page[:, :, 0] > 140) & (page[:, :, 2] < 90)  # the bars of the hourly chart
    assert blue.sum() > 200


def test_daily_summary_runs_to_more_pages_for_a_long_list() -> None:
    pdf = daily_pdf(_summary(due=400))
    pages = render(pdf, dpi=30)
    assert len(pages) >= 8
    assert "人员 Person" in pdf_text(pdf).split("\f")[-2]  # the table header repeats on later pages


def test_daily_csv_is_long_format() -> None:
    rows = list(csv.reader(io.StringIO(daily_csv(_summary()))))
    assert rows[0] == ["section", "key", "detail", "value"]
    assert ["count", "certification", "accept", "24"] in rows
    assert ["total", "unsynced", "", "47"] in rows and ["total", "served", "", "47"] in rows
    assert ["hour", "10", "", "30"] in rows
    assert sum(1 for r in rows if r[0] == "due") == 3


def test_csv_cells_cannot_become_formulas() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and csv_cell("@x") == "'@x"
    assert csv_cell("-12") == "-12" and csv_cell("-x") == "'-x" and csv_cell(None) == ""


def test_case_list_shows_decisions_open_first() -> None:
    rows = [
        CaseRow("A-2026-00001", "id_mismatch", "approved", "2026-11-27 09:00", "张** 1304**********1220",
                "mismatches: name_differs", "李明", "2026-11-27 16:00", "组长", "roster corrected"),
        CaseRow("A-2026-00002", "no_id_card", "open", "2026-11-28 11:00", "赵** 1304**********0011",
                "no_card_approval: CT-2026-17"),
    ]  # fmt: skip
    pdf = cases_pdf(rows, agency="社保中心", team="第三组", generated_at="2026-11-28 18:00")
    text = pdf_text(pdf)
    assert text.index("A-2026-00002") < text.index("A-2026-00001")
    for expected in (
        "个案清单",
        "身份信息不符",
        "无身份证审批",
        "已批准",
        "待处理",
        "roster corrected",
        "组长",
    ):
        assert expected in text, expected
    assert _all_embedded(pdf)
    table = list(csv.reader(io.StringIO(cases_csv(rows))))
    assert table[1][:3] == ["A-2026-00002", "no_id_card", "open"]
    assert "无个案" in pdf_text(cases_pdf([], agency="社保中心"))


def test_reconciliation_flags_devices_with_gaps_duplicates_or_undecided_conflicts() -> None:
    rows = [
        ReconciliationRow("laptop-01", 3, 120, 120),
        ReconciliationRow("laptop-02", 2, 80, 76, (5, 6, 7, 40), duplicates=1, conflicts=2,
                          decisions=("kept HQ version of P-17",)),
    ]  # fmt: skip
    assert rows[0].ok and not rows[1].ok
    pdf = reconciliation_pdf(rows, agency="社保中心", period="2026-11", generated_at="2026-12-01 09:00")
    text = pdf_text(pdf)
    for expected in ("批次核对报告", "laptop-02", "5-7, 40", "需处理", "正常", "kept HQ version of P-17"):
        assert expected in text, expected
    assert text.index("laptop-02") < text.index("laptop-01")  # problems first
    assert "1 台设备" in text
    assert _all_embedded(pdf)
    table = list(csv.reader(io.StringIO(reconciliation_csv(rows))))
    assert table[2][4] == "5-7, 40" and table[2][-1] == "no"


def test_ranges_compress_sequence_numbers() -> None:
    assert ranges((1, 2, 3, 7, 9, 10, 11, 12)) == "1-3, 7, 9-12"
    assert ranges(()) == "—"
    assert ranges(tuple(range(0, 200, 2)), limit=3) == "0, 2, 4, … (+97 more)"


def test_histogram_and_accuracy_pdf() -> None:
    rng = np.random.default_rng(0)
    genuine = np.append(rng.normal(0.8, 0.05, 400), -np.inf)
    impostor = rng.normal(0.3, 0.08, 4000)
    png = histogram_png(genuine, impostor, title="palm scores", threshold=0.55)
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (460, 800, 3)
    green = (image[:, :, 1] > 120) & (image[:, :, 0] < 140) & (image[:, :, 2] < 140)
    red = (image[:, :, 2] > 120) & (image[:, :, 1] < 140)
    assert green[:, 450:].sum() > green[:, :350].sum()  # genuine scores lie to the right
    assert red[:, :350].sum() > red[:, 450:].sum()
    figures = AccuracyFigures("palm", "synthetic", "all", 5, 20, 30, 160, 0.0125, 0.41,
                              {"0.01": 0.02, "0.001": None}, 1, 0.05)  # fmt: skip
    det = histogram_png(impostor, genuine, title="stands in for the DET plot")
    pdf = accuracy_pdf(figures, det, png, generated_at="2026-11-28")
    text = pdf_text(pdf)
    assert "识别准确性报告" in text and "1.250 %" in text and "n/a" in text and "掌静脉" in text
    assert pdf.count(b"/Subtype /Image") == 2 and _all_embedded(pdf)
