"""The window fits a 1366×768 laptop (and 1366×698 above a taskbar) at every font size a clerk can
choose: never larger than the free screen, the navigation and lock button always on screen, and
the pages scroll instead of growing the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyQt5.QtCore import QPoint, QRect
from PyQt5.QtWidgets import QScrollArea, QWidget

from tests.gui.conftest import LEAD, LEAD_PASSWORD, unlock, wait_idle

SCREENS = ("today", "enrol", "certify", "cases", "sync", "receipts", "settings")


def test_tick_boxes_grow_with_the_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PyQt5.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    from fieldkit.gui import style

    sizes = []
    for font in (12, 24):
        box = QCheckBox("x")
        box.setStyleSheet(style.style_sheet(font))
        qtbot.addWidget(box)
        box.ensurePolished()
        option = QStyleOptionButton()
        option.initFrom(box)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        sizes.append(rect.height())
    assert sizes[0] >= 19 and sizes[1] >= 38, sizes


def _inside(widget: QWidget, window: QWidget) -> bool:
    """The whole widget lies within the window's client area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def _area(page: QWidget) -> QScrollArea:
    area = page.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    return area


def _scrolls(page: QWidget) -> bool:
    area = _area(page)
    return area.widget().minimumSizeHint().height() > area.viewport().height()


def _too_wide(page: QWidget) -> bool:
    area = _area(page)
    return area.widget().minimumSizeHint().width() > area.viewport().width()


@pytest.mark.parametrize("font", [12, 24])
@pytest.mark.parametrize("height", [768, 698])
def test_the_window_fits_the_laptop_screen(qtbot, make_app, gui_home: Path, font: int, height: int) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    prefs = app.session.prefs
    prefs.font_size = font
    window.apply_prefs(prefs)
    available = QRect(0, 0, 1366, height)
    window.fit_to_screen(available)
    qtbot.wait(50)
    scrolled, wide = [], []
    for key in SCREENS:
        window.show_screen(key)
        wait_idle(qtbot, app.tasks)
        qtbot.wait(20)
        frame = window.frameGeometry()
        assert window.width() <= available.width() and frame.height() <= available.height() + 1
        hint = window.minimumSizeHint()
        assert hint.width() <= available.width() and hint.height() <= available.height() - 32, (key, hint)
        assert _inside(window.lock_button, window), key  # the bottom of the navigation is never cut off
        if _scrolls(window.screens[key]):
            scrolled.append(key)
        if _too_wide(window.screens[key]):
            wide.append(key)
    # note: the working screens fit without scrolling at any font; at 24 pt sync, receipts and
    # settings scroll (nothing is cut off)
    assert [key for key in scrolled if key in ("today", "enrol", "certify", "cases")] == [], scrolled
    if font == 12:
        assert scrolled == [] and wide == [], (scrolled, wide)
    assert [key for key in wide if key != "receipts"] == [], wide  # nothing scrolls sideways
    window.show_screen("receipts")  # the Receipts screen no longer grows the window by itself
    before = window.size()
    wait_idle(qtbot, app.tasks)
    qtbot.wait(50)
    assert window.size() == before


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_result_and_its_ways_on_fit_at_24_points(qtbot, make_app, gui_home: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import ROWS, enrol_directly, write_palm_folder

    enrol_directly(gui_home, ROWS[0])
    write_palm_folder(gui_home / "palms", 611)  # someone else's palm: not matched, ways on shown
    app = make_app(gui_home, language)
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    window = app.window
    prefs = app.session.prefs
    prefs.font_size = 24
    window.apply_prefs(prefs)
    window.fit_to_screen(QRect(0, 0, 1366, 698))
    window.start_certification(ROWS[0][0], ROWS[0][1])
    screen = window.certify
    decided: list[object] = []
    screen.decided.connect(decided.append)
    screen.input.use_button.click()
    qtbot.waitUntil(lambda: bool(decided), timeout=20_000)
    wait_idle(qtbot, app.tasks)
    qtbot.wait(50)
    assert screen.followup.offering and screen.followup.retry_button.isVisible()
    assert not _scrolls(screen) and not _too_wide(screen)  # result, reason, ways on, Next: all on screen
