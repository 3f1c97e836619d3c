"""Errors raised by the matching library.

Why a family of its own: ``matching`` may not import ``fieldkit``, yet the application must tell a
retake-able capture ("fingers closed") from a broken file or an unknown template version. Every
error carries a stable ``code`` (the reason), ``params``, and whether the operator can act on it.
"""

from __future__ import annotations

from typing import Any


class MatchingError(Exception):
    """Base of all matching errors."""

    code = "matching.error"
    user_facing = True

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params = params


class BadImage(MatchingError):
    """The bytes or array are not a usable image (empty, truncated, huge, wrong shape)."""

    code = "image.bad"


class RoiNotFound(MatchingError):
    """No palm region could be cut; ``code`` names why (``roi.no_hand``, ``roi.fingers_closed``, ...)."""

    code = "roi.not_found"


class TemplateError(MatchingError):
    """Template bytes are damaged, foreign, or of a version this code cannot compare."""

    code = "template.bad"
