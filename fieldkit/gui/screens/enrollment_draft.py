"""The enrolment wizard's state and the step interface every page implements.

Why the state is a plain object held by the wizard: the workflow (``fieldkit.workflows.enrollment``)
takes everything at once at the end — card, face, samples per hand, hand failures — and saves it in
one transaction. Until then nothing is written: closing the laptop or unplugging a device mid-way
loses no record, and the draft survives an idle lock because the window keeps it in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from PyQt5.QtCore import pyqtSignal
from PyQt5.QtWidgets import QWidget

from capture.devices import CardRecord
from fieldkit.services.visit import EnrolCheck
from fieldkit.workflows.enrollment import EnrollmentOutcome, HandResult
from fieldkit.workflows.gallery import GalleryHit

if TYPE_CHECKING:
    from fieldkit.gui.screens.enrollment_screen import EnrollmentScreen

Image = npt.NDArray[np.uint8]
STEPS = ("card", "match", "face", "left", "right", "duplicates", "review", "receipt")


@dataclass
class EnrolmentDraft:
    """Everything collected so far for one person."""

    card: CardRecord | None = None
    check: EnrolCheck | None = None
    face_image: Image | None = None
    face_skipped: bool = False
    samples: dict[str, list[Image]] = field(default_factory=lambda: {"left": [], "right": []})
    hands: dict[str, HandResult] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    duplicates: list[GalleryHit] | None = None
    retiree_signature: bytes | None = None
    operator_signature: bytes | None = None
    outcome: EnrollmentOutcome | None = None
    signature_problem: str = ""

    @property
    def in_progress(self) -> bool:
        """True when something was collected that is not yet saved."""
        return self.card is not None and self.outcome is None

    @property
    def id_number(self) -> str:
        return self.card.id_number if self.card else ""


class WizardStep(QWidget):
    """One page. ``enter`` is called when it is shown, ``leave`` when another page is shown."""

    completed = pyqtSignal()
    key = ""

    def __init__(self, wizard: EnrollmentScreen) -> None:
        super().__init__()
        self.wizard = wizard

    @property
    def draft(self) -> EnrolmentDraft:
        return self.wizard.draft

    def enter(self) -> None:
        """Called each time the page is shown."""

    def leave(self) -> None:
        """Called when the page is left (stop captures here)."""
