"""The accuracy report: how well palm or face matching separates people, as pictures and figures.

Why pictures: a threshold is a policy decision taken by people who will not read score files. The
score histograms show how far apart genuine and impostor comparisons lie and where the threshold
cuts; the DET curve (drawn by the application with the evaluation harness's own plot) shows the
trade-off between false accepts and false rejects. Comparisons that failed (``-inf``: an image
that could not be enrolled) cannot be drawn on a score axis, so they are counted in the caption.

PNG drawing uses OpenCV (ASCII labels only: its fonts have no Chinese); the PDF puts the PNGs beside
a table of the figures in Chinese and English.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image

from reports.documents import build, content_width, heading, para, spacer, styles, table
from reports.errors import ImageUnreadable

_SIZE = (800, 460)
_PLOT = (70, 50, 770, 390)  # left, top, right, bottom
_GENUINE = (60, 150, 40)
_IMPOSTOR = (40, 40, 210)
_FONT = cv2.FONT_HERSHEY_SIMPLEX


@dataclass(frozen=True)
class AccuracyFigures:
    """The evaluation summary as printed (rates as fractions, None where not measurable)."""

    modality: str
    dataset: str
    protocol: str
    identities: int
    images: int
    genuine_pairs: int
    impostor_pairs: int
    eer: float
    eer_threshold: float
    frr_at_far: dict[str, float | None] = field(default_factory=dict)
    failure_to_enroll: int = 0
    failure_rate: float = 0.0


def _ascii(text: str) -> str:
    return text.encode("ascii", "replace").decode("ascii")


def _put(image: npt.NDArray[np.uint8], text: str, origin: tuple[int, int], scale: float = 0.5) -> None:
    cv2.putText(image, _ascii(text), origin, _FONT, scale, (0, 0, 0), 1, cv2.LINE_AA)


def histogram_png(
    genuine: npt.ArrayLike,
    impostor: npt.ArrayLike,
    *,
    title: str = "",
    threshold: float | None = None,
    bins: int = 50,
) -> bytes:
    """Overlaid genuine and impostor score histograms (each normalised to its own total) as PNG bytes."""
    gen = np.asarray(genuine, dtype=np.float64)
    imp = np.asarray(impostor, dtype=np.float64)
    gen_ok, imp_ok = gen[np.isfinite(gen)], imp[np.isfinite(imp)]
    image = np.full((_SIZE[1], _SIZE[0], 3), 255, dtype=np.uint8)
    left, top, right, bottom = _PLOT
    both = np.concatenate([gen_ok, imp_ok])
    low, high = (float(both.min()), float(both.max())) if both.size else (0.0, 1.0)
    if threshold is not None and math.isfinite(threshold):
        low, high = min(low, threshold), max(high, threshold)
    if high <= low:
        high = low + 1.0
    edges = np.linspace(low, high, bins + 1)
    shares = [np.histogram(values, bins=edges)[0] / max(1, values.size) for values in (gen_ok, imp_ok)]
    peak = max(float(max(s.max(initial=0.0) for s in shares)), 1e-9)
    bar = (right - left) / bins
    for share, colour in zip(shares, (_GENUINE, _IMPOSTOR), strict=True):
        overlay = image.copy()
        for index, value in enumerate(share):
            if value <= 0:
                continue
            x0 = int(left + index * bar)
            y0 = int(bottom - (bottom - top) * value / peak)
            cv2.rectangle(overlay, (x0, y0), (int(x0 + bar) - 1, bottom), colour, -1)
        image = np.asarray(cv2.addWeighted(overlay, 0.55, image, 0.45, 0), dtype=np.uint8)
    cv2.rectangle(image, (left, top), (right, bottom), (0, 0, 0), 1)
    for fraction in np.linspace(0, 1, 6):
        x = int(left + fraction * (right - left))
        cv2.line(image, (x, bottom), (x, bottom + 5), (0, 0, 0), 1)
        _put(image, f"{low + fraction * (high - low):.3g}", (x - 18, bottom + 22), 0.45)
        y = int(bottom - fraction * (bottom - top))
        _put(image, f"{fraction * peak * 100:.0f}%", (left - 50, y + 5), 0.45)
    if threshold is not None and math.isfinite(threshold):
        x = int(left + (threshold - low) / (high - low) * (right - left))
        cv2.line(image, (x, top), (x, bottom), (0, 0, 0), 2)
        _put(image, "threshold", (min(x + 5, right - 90), top + 18), 0.45)
    _put(image, "score", ((left + right) // 2 - 20, bottom + 48))
    _put(image, title, (left, top - 18), 0.65)
    failed = (gen.size - gen_ok.size, imp.size - imp_ok.size)
    legend = (
        (f"genuine ({gen_ok.size:,}; failed {failed[0]:,})", _GENUINE),
        (f"impostor ({imp_ok.size:,}; failed {failed[1]:,})", _IMPOSTOR),
    )
    for index, (text, colour) in enumerate(legend):
        y = top + 22 + 22 * index
        cv2.rectangle(image, (right - 330, y - 10), (right - 310, y + 4), colour, -1)
        _put(image, text, (right - 302, y + 3), 0.45)
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("the histogram could not be encoded as PNG")
    return bytes(encoded.tobytes())


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.3f} %"


def _picture(png: bytes, width: float) -> Image:
    decoded = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if decoded is None:
        raise ImageUnreadable("A chart for the accuracy report is not a readable PNG.")
    height, pixels_wide = decoded.shape[:2]
    return Image(io.BytesIO(png), width=width, height=width * height / pixels_wide)


def accuracy_pdf(
    figures: AccuracyFigures, det_png: bytes, histogram: bytes, *, generated_at: str = ""
) -> bytes:
    """The accuracy report as a PDF: the figures, the DET curve and the score histograms."""
    st = styles()
    width = content_width()
    names = {"palm": "掌静脉 palm vein", "face": "人脸 face"}
    rows = [
        ["数据集 Dataset", f"{figures.dataset} ({figures.protocol})"],
        ["人数 / 图像 Identities / images", f"{figures.identities} / {figures.images}"],
        ["真 / 假比对 Genuine / impostor pairs", f"{figures.genuine_pairs:,} / {figures.impostor_pairs:,}"],
        ["等错误率 EER", f"{_percent(figures.eer)} (threshold {figures.eer_threshold:.4g})"],
        *[[f"FAR {far} 时拒真率 FRR at FAR {far}", _percent(frr)] for far, frr in figures.frr_at_far.items()],
        ["采集失败 Failure to enrol", f"{figures.failure_to_enroll} ({figures.failure_rate * 100:.2f} %)"],
    ]
    story: list[Flowable] = [
        para(f"识别准确性报告 Accuracy report: {names.get(figures.modality, figures.modality)}", st["title"]),
        para(f"生成 Generated {generated_at}", st["subtitle"]),
        heading("指标 Figures"),
        table(["指标 Measure", "数值 Value"], rows, [width * 0.45, width * 0.55]),
        para(
            "n/a：假比对数量不足，无法测量该误识率。 n/a: too few impostor pairs to measure that FAR. "
            "无法提取特征的图像计为错误，不被丢弃。 Images that could not be enrolled count as errors.",
            st["small"],
        ),
        heading("DET 曲线 DET curve"),
        _picture(det_png, min(width, 150 * mm)),
        spacer(4),
        heading("分数分布 Score histograms"),
        _picture(histogram, width),
    ]
    return build(
        story, title=f"Accuracy report {figures.modality}", footer=f"fieldkit · accuracy · {generated_at}"
    )
