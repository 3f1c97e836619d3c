"""Errors raised by ``reports`` (stable codes; messages never carry names or ID numbers).

Why its own family: ``reports`` may not import ``fieldkit``, yet the application must turn a missing
font or a damaged PDF into a clear message with exit code 1. It maps these by ``code`` and
``user_facing``, like the other libraries' errors.
"""

from __future__ import annotations

from typing import Any


class ReportsError(Exception):
    """Base of every error ``reports`` raises on purpose."""

    code = "reports.error"
    user_facing = True

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params = params

    def __str__(self) -> str:
        return self.message


class FontNotFound(ReportsError):
    """No usable CJK TrueType font: Chinese would print as blank boxes, so nothing is printed."""

    code = "reports.no_cjk_font"


class RasterError(ReportsError):
    """A PDF could not be turned into images (damaged, empty or encrypted)."""

    code = "reports.raster"


class ImageUnreadable(ReportsError):
    """An image given to a report (photo, signature, scan) could not be decoded."""

    code = "reports.image_unreadable"
