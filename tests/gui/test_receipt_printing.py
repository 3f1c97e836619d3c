"""Receipts through Qt's print system: A4 and the 80 mm roll painted onto a QPrinter (a PDF file
here, read back and rendered), the full-page preview dialog, and a reprint counted as a copy; the
receipt is the primary action after a certification, and reprintable from "already certified"."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtPrintSupport import QPrinter, QPrintPreviewWidget

from fieldkit.services.receipt_printing import receipt_pages
from reports.raster import pdf_to_pngs
from tests.gui.conftest import (
    CLERK,
    CLERK_PASSWORD,
    LEAD,
    LEAD_PASSWORD,
    ROWS,
    enrol_directly,
    unlock,
    wait_idle,
)


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _open(qtbot, app, number: str):  # type: ignore[no-untyped-def]
    window = app.window
    window.show_screen("receipts")
    screen = window.screens["receipts"]
    screen.number.setText(number)
    screen.find_number()
    panel = screen.panel
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.number == number, timeout=5_000)
    wait_idle(qtbot, app.tasks, timeout=20_000)
    return panel


def test_a4_and_roll_through_qprinter_with_preview(qtbot, make_app, gui_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    number = enrol_directly(gui_home, ROWS[4])
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    panel = _open(qtbot, app, number)
    # the panel shows the whole page: scaled to fit its area, not to its width only
    viewport = panel.scroller.viewport()
    pixmap = panel.image.pixmap()
    assert pixmap is not None and pixmap.height() <= viewport.height()
    store = app.session.store

    a4, roll = receipt_pages(store, number, layout="a4"), receipt_pages(store, number, layout="roll80")
    assert a4.page_mm == (210.0, 297.0) and not a4.is_copy
    assert roll.page_mm[0] == 80.0 and roll.page_mm[1] > 100

    original = tmp_path / "original-a4.pdf"
    panel.print_to(_pdf_printer(original), a4)
    wait_idle(qtbot, app.tasks)
    assert "原件" in panel.print_status.text() or "Original" in panel.print_status.text()
    assert store.receipts.first_printed_at(number) is not None
    pages = pdf_to_pngs(original.read_bytes(), dpi=40)
    assert len(pages) == len(a4.pages) == 1

    # the next print is copy 1, marked on the page; on the 80 mm roll this time
    panel.paper.setCurrentIndex(panel.paper.findData("roll80"))
    panel.preview()
    qtbot.waitUntil(
        lambda: panel.preview_dialog is not None and panel.preview_dialog.isVisible(), timeout=20_000
    )
    dialog = panel.preview_dialog
    view = dialog.findChild(QPrintPreviewWidget)
    assert view.zoomMode() == QPrintPreviewWidget.ZoomMode.FitInView  # the whole page, not the top third
    qtbot.waitUntil(lambda: view.pageCount() >= 1, timeout=5_000)
    printer = view.findChild(QPrinter) or dialog.printer()
    size = printer.pageLayout().fullRect(0)  # millimetres
    assert round(size.width()) == 80
    dialog.reject()  # closed without printing: nothing is counted
    wait_idle(qtbot, app.tasks)
    assert store.receipts.get_by_number(number).copies == 0
    copy = receipt_pages(store, number, layout="roll80")
    assert copy.is_copy and copy.copy_number == 1
    roll_file = tmp_path / "copy-roll.pdf"
    panel.print_to(_pdf_printer(roll_file), copy)
    wait_idle(qtbot, app.tasks)
    assert store.receipts.get_by_number(number).copies == 1
    assert "1" in panel.print_status.text()
    assert len(pdf_to_pngs(roll_file.read_bytes(), dpi=40)) == len(copy.pages)


def test_receipt_is_primary_after_a_pass_and_reprint_from_already_certified(
    qtbot, make_app, gui_home: Path
) -> None:  # type: ignore[no-untyped-def]
    enrol_directly(gui_home, ROWS[0])
    app = make_app(gui_home)
    unlock(qtbot, app, CLERK, CLERK_PASSWORD)
    window = app.window
    window.start_certification(ROWS[0][0], ROWS[0][1])
    screen = window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: bool(decided), timeout=20_000)
    outcome = decided[0]
    assert outcome.decision.outcome == "accept"
    assert screen.receipt_button.isVisible() and screen.receipt_button.hasFocus()
    assert screen.receipt_button.property("role") == "primary"
    wait_idle(qtbot, app.tasks)
    screen.reset()
    screen.input.prefill(ROWS[0][0], ROWS[0][1])
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: screen.banner.outcome == "already_certified", timeout=10_000)
    wait_idle(qtbot, app.tasks)
    assert screen.reprint_button.isVisible()
    screen.reprint_button.click()
    panel = screen.receipt_dialog.findChild(type(window.screens["receipts"].panel))
    qtbot.waitUntil(lambda: panel.view is not None, timeout=10_000)
    assert panel.view.number == outcome.receipt.number


def test_history_and_reprint_from_the_person(qtbot, make_app, gui_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypinyin import lazy_pinyin

    number = enrol_directly(gui_home, ROWS[5])
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    # Receipts: found by the person's name in pinyin, not only by number
    window.show_screen("receipts")
    screen = window.screens["receipts"]
    screen.number.setText("".join(lazy_pinyin(ROWS[5][1])))
    screen.find_number()
    qtbot.waitUntil(lambda: [v.number for v in screen.views] == [number], timeout=5_000)
    # Today → the person → history, with the receipt ready to reprint
    window.show_screen("today")
    today = window.today
    wait_idle(qtbot, app.tasks)
    today.table.selectRow(next(i for i, r in enumerate(today.view.rows) if r.id_number == ROWS[5][0]))
    today.history_button.click()
    dialog = today.history_dialog
    qtbot.waitUntil(lambda: dialog.history is not None, timeout=5_000)
    kinds = [line.kind for line in dialog.history.lines]
    assert "enrollment" in kinds and "receipt" in kinds
    assert ROWS[5][0] not in dialog.heading.text()  # masked
    panel = dialog.panel
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.number == number, timeout=10_000)
    wait_idle(qtbot, app.tasks)
    store = app.session.store
    for expected_copy in (False, True):  # the first print is the original, the reprint a counted copy
        pages = receipt_pages(store, number, layout="a4")
        assert pages.is_copy is expected_copy
        panel.print_to(_pdf_printer(tmp_path / f"p{int(expected_copy)}.pdf"), pages)
        wait_idle(qtbot, app.tasks)
    assert store.receipts.get_by_number(number).copies == 1
