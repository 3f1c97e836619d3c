"""Argument types that refuse impossible values while parsing (exit 2, a usage error).

Why: ``--samples -1`` or ``--keep-days -5`` used to reach the workflows, which either accepted them
silently or failed deep inside. A bound checked by argparse is reported with the option's name
before the store is opened, and nothing is touched.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from fieldkit.identity.region import region_problem


def int_range(low: int, high: int) -> Callable[[str], int]:
    """An ``int`` option between ``low`` and ``high`` inclusive."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range ({low} to {high})")
        return value

    parse.__name__ = "number"
    return parse


def float_range(low: float, high: float) -> Callable[[str], float]:
    """A finite ``float`` option between ``low`` and ``high`` inclusive."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is out of range ({low:g} to {high:g})")
        return value

    parse.__name__ = "number"
    return parse


def region_code(text: str) -> str:
    """A GB/T 2260 region code (``fieldkit.identity.region``)."""
    problem = region_problem(text)
    if problem is not None:
        shown = "".join(c if c.isprintable() else "?" for c in text[:20])
        raise argparse.ArgumentTypeError(f"{shown!r}: {problem}")
    return text.strip()


CYCLE = int_range(2000, 2100)
"""A certification cycle is a year."""
TIMEOUT = float_range(1.0, 600.0)
