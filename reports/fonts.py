"""Finding and registering a CJK TrueType font that reportlab can embed.

Why a search and not a bundled font: a CJK font is 5-20 MB and the field laptops already carry one
(Windows: Microsoft YaHei ``msyh.ttc`` or SimSun ``simsun.ttc``; Debian/Ubuntu: WenQuanYi
``wqy-microhei.ttc`` from ``fonts-wqy-microhei``). reportlab embeds only TrueType outlines: Noto CJK
OTF (CFF outlines) is refused, and the built-in ``STSong-Light`` CID font is *not embedded*, so a
viewer without it shows blank boxes — never used here. When nothing usable is found we stop with an
error naming every path tried, so the clerk can install a font instead of printing empty receipts.

``FIELDKIT_CJK_FONT`` names a font file to use first (``path`` or ``path#index`` for a collection).
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from reports.errors import FontNotFound

FONT_ENV = "FIELDKIT_CJK_FONT"
FONT_NAME = "FieldkitCJK"
SAMPLE = "凭证编号姓名认证采集"  # characters every candidate must really have

# (file name, subfont index) in the order we prefer them: YaHei and WenQuanYi Micro Hei are clear
# sans-serif faces that survive a 203 dpi thermal printer better than a Song (serif) face.
_WINDOWS = (("msyh.ttc", 0), ("msyh.ttf", 0), ("simhei.ttf", 0), ("simsun.ttc", 0), ("simkai.ttf", 0))
_LINUX = (
    "truetype/wqy/wqy-microhei.ttc",
    "truetype/wqy/wqy-zenhei.ttc",
    "truetype/arphic/uming.ttc",
    "truetype/arphic/ukai.ttc",
    "truetype/droid/DroidSansFallbackFull.ttf",
)
_LINUX_ROOTS = ("/usr/share/fonts", "/usr/local/share/fonts")


@dataclass(frozen=True)
class CjkFont:
    """The registered font: its reportlab name and where it came from."""

    name: str
    path: str
    subfont: int


_lock = threading.Lock()
_registered: CjkFont | None = None


def _parse_override(value: str) -> tuple[str, int]:
    path, _, index = value.partition("#")
    return path, int(index) if index.isdigit() else 0


def candidate_paths(environ: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """Every (path, subfont index) worth trying, most preferred first (the override leads)."""
    env = dict(os.environ) if environ is None else environ
    found: list[tuple[str, int]] = []
    if env.get(FONT_ENV):
        found.append(_parse_override(env[FONT_ENV]))
    windir = env.get("WINDIR") or env.get("SystemRoot") or ("C:\\Windows" if sys.platform == "win32" else "")
    if windir:
        found += [(str(Path(windir) / "Fonts" / name), index) for name, index in _WINDOWS]
        local = env.get("LOCALAPPDATA")
        if local:  # note: fonts installed "for this user only" on Windows 10+
            found += [(str(Path(local) / "Microsoft/Windows/Fonts" / n), i) for n, i in _WINDOWS]
    for root in _LINUX_ROOTS:
        found += [(str(Path(root) / rel), 0) for rel in _LINUX]
    home = env.get("HOME")
    if home:
        found += [(str(Path(home) / ".local/share/fonts" / Path(rel).name), 0) for rel in _LINUX]
    return found


def _try(path: str, subfont: int) -> TTFont | str:
    """The loaded font, or why it cannot be used (reported to the user when nothing works)."""
    if not Path(path).is_file():
        return "not found"
    try:
        font = TTFont(FONT_NAME, path, subfontIndex=subfont)
    except (TTFError, OSError, ValueError, IndexError) as exc:
        return f"not usable ({str(exc)[:80]})"
    missing = [c for c in SAMPLE if ord(c) not in font.face.charToGlyph]
    if missing:
        return "has no Chinese characters"
    return font


def register_cjk_font(environ: dict[str, str] | None = None) -> CjkFont:
    """Register the first usable CJK font under :data:`FONT_NAME` (once per process) and return it.

    Raises :class:`FontNotFound` listing every path tried and why each was refused.
    note: loading parses the whole file (~0.1 s for WenQuanYi); later calls are free.
    """
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        tried: list[str] = []
        for path, subfont in candidate_paths(environ):
            outcome = _try(path, subfont)
            if isinstance(outcome, TTFont):
                pdfmetrics.registerFont(outcome)
                _registered = CjkFont(FONT_NAME, path, subfont)
                return _registered
            tried.append(f"{path}: {outcome}")
        raise FontNotFound(
            "No Chinese TrueType font was found, so receipts and reports cannot be printed. "
            "Install one (Debian/Ubuntu: apt install fonts-wqy-microhei; Windows: Microsoft YaHei "
            f"msyh.ttc) or set {FONT_ENV} to a .ttf/.ttc file. Looked for:\n  " + "\n  ".join(tried),
            tried=tried,
        )


def forget_registered_font() -> None:
    """Forget the cached choice (tests that change ``FIELDKIT_CJK_FONT``)."""
    global _registered
    with _lock:
        _registered = None


def has_glyphs(text: str) -> bool:
    """True when the registered font can draw every character of ``text`` (rare name characters)."""
    font = pdfmetrics.getFont(register_cjk_font().name)
    char_to_glyph = font.face.charToGlyph
    return all(ord(c) in char_to_glyph for c in text if not c.isspace())
