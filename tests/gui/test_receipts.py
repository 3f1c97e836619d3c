"""Receipts: the list, the page preview, printing an original then a counted copy (saved as PDF), and
checking a receipt code and a receipt file."""

from __future__ import annotations

from pathlib import Path

from tests.gui.conftest import LEAD, LEAD_PASSWORD, ROWS, enrol_directly, unlock, wait_idle


def test_find_print_and_check_receipts(qtbot, make_app, gui_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    number = enrol_directly(gui_home, ROWS[3])
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    window.show_screen("receipts")
    screen = window.screens["receipts"]
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=5_000)
    screen.table.selectRow(0)
    panel = screen.panel
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.number == number, timeout=5_000)
    wait_idle(qtbot, app.tasks, timeout=20_000)
    assert panel.view.genuine and ROWS[3][1] in panel.fields.text()
    assert panel.page is not None, panel.notice.text()  # the page, drawn by PDFium
    first, second = tmp_path / "original.pdf", tmp_path / "copy.pdf"
    panel.save_pdf(first)
    qtbot.waitUntil(lambda: first.exists() and panel.print_button.isEnabled(), timeout=20_000)
    wait_idle(qtbot, app.tasks, timeout=20_000)
    panel.save_pdf(second)
    qtbot.waitUntil(lambda: second.exists() and panel.print_button.isEnabled(), timeout=20_000)
    wait_idle(qtbot, app.tasks, timeout=20_000)
    assert app.session.store.receipts.get_by_number(number).copies == 1  # the second print is copy 1
    assert "1" in panel.print_status.text()

    screen.code.setText(panel.view.qr)
    screen.verify()
    qtbot.waitUntil(lambda: screen.verdict.property("role") == "ok", timeout=5_000)
    assert number in screen.verdict.text()
    head, _, tail = panel.view.qr.partition(".")
    screen.code.setText(head[:-2] + ("A" if head[-2] != "A" else "B") + head[-1] + "." + tail)
    screen.verify()
    qtbot.waitUntil(lambda: screen.verdict.property("role") == "error", timeout=5_000)
    screen.verify_file(first)  # the QR code read back from the printed PDF
    qtbot.waitUntil(lambda: screen.verdict.property("role") == "ok", timeout=20_000)
    screen.number.setText("NOPE-2026-R000001")
    screen.find_number()
    qtbot.waitUntil(lambda: panel.view is None and "没有找到" in panel.notice.text(), timeout=5_000)
    screen.daily_report(tmp_path / "reports")
    screen.cases_report(tmp_path / "reports" / "cases.pdf")
    wait_idle(qtbot, app.tasks, timeout=20_000)
    written = sorted(p.suffix for p in (tmp_path / "reports").iterdir())
    assert written == [".csv", ".pdf", ".pdf"], screen.report_message.text()
