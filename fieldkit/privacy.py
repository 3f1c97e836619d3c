"""Masking of ID numbers and names, and the logging setup that applies it everywhere.

Why a filter on every handler rather than care at each call site: one forgotten ``%s`` would put an
ID number into a plain-text log on a laptop that may be lost. The filter masks anything shaped like
an ID number (15 or 18 characters) and every run of Chinese characters (names and addresses are the
only Chinese text a log would ever see), after the message is formatted.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import weakref
from pathlib import Path

from fieldkit.identity.idnumber import mask_id_number

_ID_PATTERN = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15})(?!\d)")
# CJK unified ideographs incl. extensions A-I (rare given-name characters live in the
# supplementary planes), compatibility ideographs, and the middle dot of minority names
_CJK_RUN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u00b7\U00020000-\U000323af\U0002f800-\U0002fa1f]+"
)


def mask_name(name: str) -> str:
    """Keep the first character (usually the surname) and star the rest: 张三丰 -> 张**."""
    name = name.strip()
    if len(name) <= 1:
        return "*" if name else ""
    return name[0] + "*" * (len(name) - 1)


def mask_id_numbers(text: str) -> str:
    """Mask every ID-number-shaped token, keeping the rest (places and notes stay readable)."""
    return _ID_PATTERN.sub(lambda m: mask_id_number(m.group(0)), text)


def mask_text(text: str) -> str:
    """Mask every ID-number-shaped token and every Chinese run in free text."""
    return _CJK_RUN.sub(lambda m: mask_name(m.group(0)), mask_id_numbers(text))


class MaskingFilter(logging.Filter):
    """Rewrites each record's final message through ``mask_text``; drops args so nothing leaks."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # note: exception text (e.g. a CSV value quoted in an error) is masked too
            record.exc_text = mask_text(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class _NoTracebackFormatter(logging.Formatter):
    """For the console: the message only; tracebacks belong in the log file, not in a clerk's face."""

    def format(self, record: logging.LogRecord) -> str:
        saved, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = saved


# the handlers configure_logging installed (replaced on the next call; others' handlers are left alone)
_OUR_HANDLERS: weakref.WeakSet[logging.Handler] = weakref.WeakSet()


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log file (and each rotated one) is created owner-only (0600), whatever the umask.

    Why: the log is masked, but it still says who worked when and on what; like everything else
    fieldkit writes it is for the laptop's owner only.
    """

    def _open(self):  # type: ignore[no-untyped-def]
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return os.fdopen(descriptor, self.mode, encoding=self.encoding, errors=self.errors)


def configure_logging(log_dir: Path | None, *, verbose: bool = False) -> None:
    """Root logging: a rotating file in the data folder (if any) and warnings on stderr, all masked."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if handler in _OUR_HANDLERS:
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    handlers.append(console)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            handlers.append(
                _PrivateRotatingFileHandler(
                    log_dir / "fieldkit.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
                )
            )
        except OSError:
            pass  # note: an unwritable log folder must not stop field work
    for handler in handlers:
        handler.addFilter(MaskingFilter())
        formatter = _NoTracebackFormatter if handler is console else logging.Formatter
        handler.setFormatter(formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        _OUR_HANDLERS.add(handler)
        root.addHandler(handler)
