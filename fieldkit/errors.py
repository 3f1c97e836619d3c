"""Typed errors of the application layer.

Why: the CLI and (later) the GUI must turn every expected failure into a readable message and a
stable exit code without guessing from exception text. Each error carries a stable ``code`` (for
translation tables and tests), ``params`` (already masked: never a clear ID number or name) and
whether it is the user's to fix.
"""

from __future__ import annotations

from typing import Any


class FieldkitError(Exception):
    """Base of every error fieldkit raises on purpose."""

    code = "fieldkit.error"
    user_facing = True

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params = params

    def __str__(self) -> str:
        return self.message


class UserError(FieldkitError):
    """Something the operator can fix: bad input, wrong passphrase, missing file (exit code 1)."""

    code = "fieldkit.user"


class UsageError(FieldkitError):
    """The command was called wrongly (exit code 2, like argparse)."""

    code = "fieldkit.usage"
