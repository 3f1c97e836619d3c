"""A signature pad: sign with a mouse, a pen or a finger; the result is a PNG.

Why PNG bytes: the receipt workflow keeps signatures as images (``save_signatures``); a PNG with a
white background prints the same everywhere. Strokes are kept as points so the pad can be redrawn at
any size and cleared; an empty pad gives no PNG (``None``), never a blank image that looks signed.
"""

from __future__ import annotations

from PyQt5.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QSize, Qt, pyqtSignal
from PyQt5.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPen
from PyQt5.QtWidgets import QSizePolicy, QWidget

translate = QCoreApplication.translate
Stroke = list[tuple[float, float]]  # points in 0..1 of the pad's width and height


class SignaturePad(QWidget):
    """Draw strokes; ``to_png()`` renders them in black on white."""

    changed = pyqtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self.setMinimumSize(300, 130)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return QSize(420, 160)

    @property
    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self.update()
        self.changed.emit()

    def add_stroke(self, points: Stroke) -> None:
        """Add a stroke in pad coordinates 0..1 (tests and scripts sign with this)."""
        self._strokes.append([(float(x), float(y)) for x, y in points])
        self.update()
        self.changed.emit()

    # -- input --------------------------------------------------------------------------------------
    def _relative(self, event: QMouseEvent) -> tuple[float, float]:
        return (
            min(max(event.pos().x() / max(self.width(), 1), 0.0), 1.0),
            min(max(event.pos().y() / max(self.height(), 1), 0.0), 1.0),
        )

    def mousePressEvent(self, event: QMouseEvent | None) -> None:
        if event is not None and event.button() == Qt.MouseButton.LeftButton:
            self._strokes.append([self._relative(event)])

    def mouseMoveEvent(self, event: QMouseEvent | None) -> None:
        if event is not None and event.buttons() & Qt.MouseButton.LeftButton and self._strokes:
            self._strokes[-1].append(self._relative(event))
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent | None) -> None:
        if event is not None and event.button() == Qt.MouseButton.LeftButton:
            self.changed.emit()

    # -- drawing ------------------------------------------------------------------------------------
    def _paint(self, painter: QPainter, width: int, height: int, pen_width: float) -> None:
        pen = QPen(QColor("#111111"))
        pen.setWidthF(pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.Antialiasing)
        for stroke in self._strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(QPointF(stroke[0][0] * width, stroke[0][1] * height))
            for x, y in stroke[1:]:
                path.lineTo(QPointF(x * width, y * height))
            painter.drawPath(path)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#9aa0a6"), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.78)
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.is_empty:
            painter.setPen(QColor("#9aa0a6"))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, translate("SignaturePad", "Sign here")
            )
        self._paint(painter, self.width(), self.height(), 2.5)

    def to_png(self, width: int = 600, height: int = 200) -> bytes | None:
        """The signature as PNG bytes, or None when nothing was signed."""
        if self.is_empty:
            return None
        image = QImage(width, height, QImage.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._paint(painter, width, height, 3.0)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
