"""Every text the GUI passes to ``translate`` has a finished Chinese translation.

Why: pylupdate5 silently leaves out a ``translate(context, text)`` call whose text is split over
lines with a trailing comma, and a new text left ``unfinished`` shows in English on a Chinese
screen. Neither is visible in an offscreen test that looks for widgets, so this reads the source.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "fieldkit" / "gui"


def _translations(name: str) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(GUI / "i18n" / name).getroot().iter("context"):
        context_name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") is None
            text = (translation.text or "") if finished and translation is not None else ""
            found[(context_name, message.findtext("source") or "")] = text
    return found


def _calls() -> list[tuple[str, int, str, str]]:
    """``translate("Context", "text")`` calls, and ``self.tr("text")`` calls (context: the class)."""
    calls = []
    for path in sorted(GUI.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            context, text = node.args[0], node.args[1]
            if name == "translate" and isinstance(context, ast.Constant) and isinstance(text, ast.Constant):
                calls.append((where, node.lineno, str(context.value), str(text.value)))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for node in ast.walk(cls):
                func = node.func if isinstance(node, ast.Call) else None
                if (
                    isinstance(node, ast.Call)
                    and isinstance(func, ast.Attribute)
                    and func.attr == "tr"
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "self"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    calls.append((where, node.lineno, cls.name, str(node.args[0].value)))
    return calls


def test_the_source_has_translate_calls() -> None:
    assert len(_calls()) > 300  # note: the scan itself works (a broken walk would pass everything)


def test_every_gui_text_is_translated_in_chinese_and_english() -> None:
    for name in ("fieldkit_zh_CN.ts", "fieldkit_en.ts"):
        have = _translations(name)
        missing = [f"{where}:{line} {context!r} {text!r}" for where, line, context, text in _calls()
                   if not have.get((context, text))]  # fmt: skip
        assert not missing, f"{name} lacks (scripts/i18n_qm.py --update):\n" + "\n".join(missing)
