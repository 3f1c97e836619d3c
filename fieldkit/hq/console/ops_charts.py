"""Cycle-progress charts drawn on the server as inline SVG.

Why SVG text and not a JavaScript chart library: the console has no front-end build chain and runs
on office PCs that may not reach the internet; an SVG is a few hundred bytes per district, prints,
scales, and is drawn from the same numbers as the table beside it (every text is escaped).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from fieldkit.hq.console.ops_data import DistrictProgress

Words = Callable[[str], str]


def _english(key: str) -> str:
    """The legend without a page translator (tests, other callers)."""
    return {
        "ops.progress.certified": "Certified",
        "ops.progress.remaining": "Remaining",
        "ops.progress.cases": "Open cases",
        "ops.chart.aria": "Certified of due, by district",
        "ops.chart.overall": "Overall",
    }[key]


WIDTH = 640
LABEL = 150  # note: room for a district name such as 浦东新区 or 110105
BAR = 22
GAP = 12
CERTIFIED = "#2e7d32"
REMAINING = "#c8e6c9"
CASES = "#e65100"


def _text(x: float, y: float, value: str, *, anchor: str = "start", fill: str = "#222") -> str:
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="13" text-anchor="{anchor}" fill="{fill}">'
        f"{escape(value)}</text>"
    )


def progress_svg(lines: list[DistrictProgress], t: Words = _english) -> str:
    """One horizontal bar per district: certified (dark) of due (light), percent and open cases;
    ``t`` gives the legend in the page's language."""
    if not lines:
        return ""
    top = 26
    height = top + len(lines) * (BAR + GAP) + 4
    scale = max(max(p.due for p in lines), 1)
    plot = WIDTH - LABEL - 150
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-label="{escape(t("ops.chart.aria"))}">',
        f'<rect x="{LABEL}" y="4" width="12" height="12" fill="{CERTIFIED}"/>',
        _text(LABEL + 16, 15, t("ops.progress.certified")),
        f'<rect x="{LABEL + 140}" y="4" width="12" height="12" fill="{REMAINING}"/>',
        _text(LABEL + 156, 15, t("ops.progress.remaining")),
        f'<rect x="{LABEL + 290}" y="4" width="12" height="12" fill="{CASES}"/>',
        _text(LABEL + 306, 15, t("ops.progress.cases")),
    ]
    for index, line in enumerate(lines):
        y = top + index * (BAR + GAP)
        due_w = plot * line.due / scale
        done_w = plot * min(line.certified, line.due) / scale
        parts.append(_text(LABEL - 8, y + BAR - 6, line.district, anchor="end"))
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{due_w:.1f}" height="{BAR}" fill="{REMAINING}"/>')
        parts.append(
            f'<rect x="{LABEL}" y="{y}" width="{done_w:.1f}" height="{BAR}" fill="{CERTIFIED}">'
            f"<title>{escape(line.district)}: {line.certified}/{line.due}</title></rect>"
        )
        parts.append(_text(LABEL + due_w + 6, y + BAR - 6, f"{line.certified}/{line.due} ({line.percent}%)"))
        if line.cases:
            parts.append(_text(WIDTH - 4, y + BAR - 6, f"⚑ {line.cases}", anchor="end", fill=CASES))
    parts.append("</svg>")
    return "".join(parts)


def totals_svg(lines: list[DistrictProgress], t: Words = _english) -> str:
    """A ring with the whole cycle's certified share (the page's headline figure)."""
    due = sum(p.due for p in lines)
    done = sum(min(p.certified, p.due) for p in lines)
    share = 0.0 if due == 0 else done / due
    radius, size = 46, 120
    circumference = 2 * 3.141592653589793 * radius
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        f'role="img" aria-label="{escape(t("ops.chart.overall"))} {round(share * 100)}%">'
        f'<circle cx="60" cy="60" r="{radius}" fill="none" stroke="{REMAINING}" stroke-width="14"/>'
        f'<circle cx="60" cy="60" r="{radius}" fill="none" stroke="{CERTIFIED}" stroke-width="14" '
        f'stroke-dasharray="{circumference * share:.1f} {circumference:.1f}" transform="rotate(-90 60 60)"/>'
        f'<text x="60" y="58" font-size="20" text-anchor="middle" fill="#222">{round(share * 100)}%</text>'
        f'<text x="60" y="78" font-size="11" text-anchor="middle" fill="#555">{done}/{due}</text>'
        "</svg>"
    )
