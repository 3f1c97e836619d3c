"""A live preview: the frame, the face box or palm outline, a quality bar and one line of advice.

Why the outline is drawn here but computed elsewhere: the numbers come from the same analysis the
quality gate uses (``fieldkit.workflows.capture_preview``); this widget only scales and paints
them, so what the clerk sees is exactly what auto-capture decides on.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PyQt5.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PyQt5.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from fieldkit.gui.widgets.common import label, simulation_badge
from fieldkit.workflows.capture_preview import Look

translate = QCoreApplication.translate


def advice(look: Look | None, kind: str) -> str:
    """One short sentence for the clerk about the current frame."""
    if look is None:
        return translate("Preview", "Waiting for the device…")
    if look.score is None:
        if kind == "face":
            if look.problem == "face.many":
                return translate("Preview", "More than one face: only the retiree should face the camera.")
            return translate("Preview", "No face yet: ask the person to look at the camera.")
        return translate("Preview", "No palm yet: lay the whole hand flat, fingers spread.")
    if look.score >= 70:
        return translate("Preview", "Good — hold still.")
    return translate("Preview", "Nearly: hold still and keep the hand flat.")


class FrameView(QWidget):
    """The frame scaled to fit, with the outline polygon in image coordinates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._look: Look | None = None
        self.setMinimumSize(240, 150)  # note: shrinks so a result and its buttons fit 1366×698 at 24 pt
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    @property
    def look(self) -> Look | None:
        """The analysis drawn over the current frame."""
        return self._look

    def show_frame(self, image: QImage, look: Look | None) -> None:
        self._image, self._look = image, look
        self.update()

    def clear(self) -> None:
        self._image, self._look = None, None
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202124"))
        if self._image is None or self._image.isNull():
            painter.setPen(QColor("#bdc1c6"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, translate("Preview", "No picture"))
            return
        scale = min(self.width() / self._image.width(), self.height() / self._image.height())
        w, h = self._image.width() * scale, self._image.height() * scale
        x0, y0 = (self.width() - w) / 2, (self.height() - h) / 2
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        painter.drawImage(QRectF(x0, y0, w, h), self._image)
        look = self._look
        if look is not None and look.outline:
            good = look.score is not None and look.score >= 70
            pen = QPen(QColor("#34a853" if good else "#fbbc04"))
            pen.setWidth(3)
            painter.setPen(pen)
            points = [QPointF(x0 + x * scale, y0 + y * scale) for x, y in look.outline]
            painter.drawPolygon(QPolygonF(points))


class PreviewWidget(QWidget):
    """Frame view, quality bar, advice line, and the simulation badge when the device is simulated."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.view = FrameView()
        self.quality = QProgressBar()
        self.quality.setRange(0, 100)
        self.quality.setFormat(translate("Preview", "Quality %p"))
        self.quality.setObjectName(f"{kind}Quality")
        self.advice = label(advice(None, kind), "muted")
        self.badge = simulation_badge()
        self.badge.hide()
        top = QHBoxLayout()
        self.caption = QLabel()
        top.addWidget(self.caption, 1)
        top.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.quality)
        layout.addWidget(self.advice)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)

    def set_simulated(self, simulated: bool) -> None:
        self.badge.setVisible(simulated)

    def show_frame(self, image: QImage, look: Look) -> None:
        self.view.show_frame(image, look)
        self.quality.setValue(look.score or 0)
        self.advice.setText(advice(look, self.kind))

    def show_still(self, image: QImage, text: str, *, keep_outline: bool = False) -> None:
        """A captured frame, kept on screen with a confirmation line (and the outline it was kept with)."""
        self.view.show_frame(image, self.view.look if keep_outline else None)
        self.advice.setText(text)

    def reset(self, *, waiting: bool = True) -> None:
        """Empty the preview; ``waiting`` says a capture is about to start."""
        self.view.clear()
        self.quality.setValue(0)
        self.advice.setText(advice(None, self.kind) if waiting else "")
