"""Translations (complete, compiled, loaded; both languages switch at run time) and the widgets
whose output other code relies on (signature PNG, strength meter, clerk messages)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from PyQt5.QtCore import QCoreApplication

from fieldkit.errors import UserError
from fieldkit.gui import i18n
from fieldkit.gui.errors import describe
from fieldkit.gui.widgets.signature_pad import SignaturePad
from fieldkit.gui.widgets.strength_meter import StrengthMeter
from tests.gui.conftest import LEAD, LEAD_PASSWORD, unlock

REPO = Path(__file__).resolve().parents[2]


def _load_qm() -> ModuleType:
    """The .qm compiler, a build tool in scripts/ (not part of the installed package)."""
    spec = importlib.util.spec_from_file_location("i18n_qm", REPO / "scripts" / "i18n_qm.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_qm"] = module  # note: dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


qm = _load_qm()
PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%p")


def test_compiled_translations_match_their_sources(tmp_path: Path) -> None:
    for ts in qm.ts_files():
        assert qm.compile_messages(qm.read_ts(ts)) == ts.with_suffix(".qm").read_bytes(), (
            f"{ts.name} changed: run python scripts/i18n_qm.py"
        )
    chinese = qm.read_ts(qm.HERE / "fieldkit_zh_CN.ts")
    untranslated = [m.source for m in chinese if m.translation is None]
    assert untranslated == []
    for message in chinese:
        assert sorted(PLACEHOLDER.findall(message.source)) == sorted(
            PLACEHOLDER.findall(message.translation or "")
        )


def test_every_string_in_the_code_is_in_the_translation_files(tmp_path: Path) -> None:
    tool = shutil.which("pylupdate5") or str(Path(sys.executable).parent / "pylupdate5")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([tool, *map(str, qm.python_sources()), "-ts", str(fresh)], check=True, capture_output=True)
    extracted = {(m.context, m.source) for m in qm.read_ts(fresh)}
    shipped = {(m.context, m.source) for m in qm.read_ts(qm.HERE / "fieldkit_zh_CN.ts")}
    assert extracted - shipped == set(), "run python scripts/i18n_qm.py --update and translate"


def test_both_languages_at_run_time(qtbot, make_app, gui_home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(gui_home)
    window = app.window
    assert window.unlock.open_button.text() == "打开"
    window.unlock.findChild(type(window.unlock.open_button), "toggleLanguage").click()
    assert window.unlock.open_button.text() == "Open"
    unlock(qtbot, app, LEAD, LEAD_PASSWORD)
    assert window.nav_buttons["today"].text() == "Today"
    window.show_screen("settings")
    settings = window.screens["settings"]
    settings.language.setCurrentIndex(settings.language.findData("zh_CN"))
    settings.apply_prefs()
    assert window.nav_buttons["today"].text() == "今日工作"
    assert window.current == "settings" and not window.locked  # rebuilt in place, still logged in
    # Qt's own dialogs (Yes/No, file and print dialogs) speak Chinese too, and English again after
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "是(&Y)"
    assert QCoreApplication.translate("QPrintPreviewDialog", "Print Preview") == "打印预览"
    settings.language.setCurrentIndex(settings.language.findData("en"))
    settings.apply_prefs()
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Yes"


def test_the_package_ships_qts_own_chinese() -> None:
    spec = (REPO / "pyinstaller.spec").read_text(encoding="utf-8")
    assert "qtbase_zh_CN.qm" in spec
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in i18n.qt_translations_folders())


def test_signature_pad_gives_png_only_when_signed(qtbot) -> None:  # type: ignore[no-untyped-def]
    pad = SignaturePad()
    qtbot.addWidget(pad)
    assert pad.is_empty and pad.to_png() is None
    pad.add_stroke([(0.1, 0.5), (0.9, 0.5)])
    png = pad.to_png()
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    pad.clear()
    assert pad.to_png() is None


def test_strength_meter_and_clerk_messages(qtbot) -> None:  # type: ignore[no-untyped-def]
    meter = StrengthMeter()
    qtbot.addWidget(meter)
    meter.update_for("abc")
    weak = meter.score
    meter.update_for("seven long words make a strong passphrase")
    assert weak <= 1 < meter.score
    message = describe(UserError("Card 130402195306151228 of 张三丰 is odd.", code="something.new"))
    assert "130402195306151228" not in message.text and "三丰" not in message.text  # masked
    assert describe(UserError("x", code="auth.locked")).next_step
    assert describe(RuntimeError("bug")).code == "internal"  # a bug is a calm message, never a traceback
