"""Small drawing helpers shared by the documents: measuring and wrapping Chinese text, a top-to-bottom
column that measures before it draws, and a reproducible canvas.

Why our own wrapping: reportlab's ``simpleSplit`` breaks lines at spaces only, and Chinese has none,
so a long place name would run off the paper. Here a line may break between any two CJK characters,
while Latin words and numbers (a receipt number, a key id) stay whole when they fit.

Why measure first (``Column``): an 80 mm roll has no fixed page height; the page is exactly as long
as what is printed on it, so the layout is built once, measured, and then drawn.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from reports.fonts import register_cjk_font

_NO_LINE_START = frozenset("。，、；：？！）」』】》〉…%）")
"""Chinese closing punctuation, which by typesetting rule does not begin a line."""
_TOKEN = re.compile(r"[A-Za-z0-9@._:/\-+()%#]+|\s+|.", re.DOTALL)

# note: reportlab's default wraps every image in ASCII85 text, which its pure-Python encoder does at
# ~1 MB/s (a third of a receipt's time); binary streams are standard PDF and half the size.
rl_config.useA85 = 0

DrawOp = Callable[[Canvas, float, float], None]  # (canvas, left x, y of the block's top)


def font_name() -> str:
    """The registered CJK font (registering it on first use; raises FontNotFound)."""
    return register_cjk_font().name


def width_of(text: str, size: float) -> float:
    """Printed width of ``text`` in points."""
    return float(stringWidth(text, font_name(), size))


def fit_size(text: str, size: float, width: float, minimum: float) -> float:
    """The largest size <= ``size`` (and >= ``minimum``) at which ``text`` fits on one line."""
    natural = width_of(text, size)
    if natural <= width:
        return size
    return max(minimum, size * width / natural)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``; breaks between CJK characters or at spaces."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN.findall(paragraph):
            if width_of(line + token, size) <= width:
                line += token
                continue
            if token.isspace():  # the break itself: the space is not carried to the next line
                lines.append(line.rstrip())
                line = ""
                continue
            if token in _NO_LINE_START and len(line.rstrip()) > 1:
                # note: a line never starts with "。" or "）": the last character goes down with it
                lines.append(line.rstrip()[:-1])
                line = line.rstrip()[-1] + token
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = ""
            for char in token:  # note: only a word wider than a whole line is cut by characters
                if line and width_of(line + char, size) > width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line.rstrip())
    return lines


def new_canvas(buffer: io.BytesIO, pagesize: tuple[float, float], *, title: str) -> Canvas:
    """A canvas that writes the same bytes for the same content (no clock or random ids inside).

    note: the title is metadata a viewer shows; it must never name the person.
    """
    # note: initialFontName keeps the unembedded Helvetica (reportlab's default) out of the file
    canvas = Canvas(buffer, pagesize=pagesize, invariant=True, pageCompression=1, initialFontName=font_name())
    canvas.setTitle(title)
    canvas.setAuthor("fieldkit")
    canvas.setCreator("fieldkit reports")
    return canvas


@dataclass
class Column:
    """Blocks laid top to bottom in a fixed width; ``height`` is known before anything is drawn."""

    width: float
    height: float = 0.0
    _ops: list[tuple[float, DrawOp]] = field(default_factory=list)

    def space(self, points: float) -> None:
        self.height += points

    def block(self, height: float, op: DrawOp) -> None:
        """Reserve ``height`` points and draw them with ``op(canvas, left, top)`` later."""
        self._ops.append((self.height, op))
        self.height += height

    def text(
        self,
        text: str,
        size: float,
        *,
        align: str = "left",
        leading: float | None = None,
        grey: float = 0.0,
        indent: float = 0.0,
    ) -> None:
        """Wrapped text; ``align`` is left, centre or right."""
        leading = leading or size * 1.3
        for line in wrap(text, size, self.width - indent):
            self.block(leading, _line_op(line, size, leading, align, grey, self.width, indent))

    def rule(self, *, gap: float = 4.0, dash: bool = False) -> None:
        def op(canvas: Canvas, left: float, top: float) -> None:
            canvas.saveState()
            canvas.setLineWidth(0.6)
            if dash:
                canvas.setDash(2, 2)
            canvas.line(left, top - gap, left + self.width, top - gap)
            canvas.restoreState()

        self.block(2 * gap, op)

    def draw(self, canvas: Canvas, left: float, top: float) -> None:
        for offset, op in self._ops:
            op(canvas, left, top - offset)


def _line_op(
    line: str, size: float, leading: float, align: str, grey: float, width: float, indent: float
) -> DrawOp:
    def op(canvas: Canvas, left: float, top: float) -> None:
        canvas.setFont(font_name(), size)
        canvas.setFillGray(grey)
        baseline = top - leading + (leading - size) / 2 + size * 0.18
        if align == "centre":
            canvas.drawCentredString(left + width / 2, baseline, line)
        elif align == "right":
            canvas.drawRightString(left + width, baseline, line)
        else:
            canvas.drawString(left + indent, baseline, line)
        canvas.setFillGray(0)

    return op


def draw_lines(
    canvas: Canvas, lines: list[str], x: float, top: float, size: float, *, leading: float, grey: float = 0
) -> float:
    """Draw lines from ``top`` downwards; returns the y below the last one."""
    canvas.setFont(font_name(), size)
    canvas.setFillGray(grey)
    y = top
    for line in lines:
        y -= leading
        canvas.drawString(x, y + (leading - size) / 2 + size * 0.18, line)
    canvas.setFillGray(0)
    return y
