"""The step interface every enrolment page implements, and what a page may ask of the wizard.

The wizard's state (steps, draft, navigation, the save) is Qt-free, in
:mod:`fieldkit.services.enrolment_wizard`; this module is only the Qt side of a step. A page talks to
the screen through :class:`WizardHost`, so no page imports the screen that holds it.
"""

from __future__ import annotations

from typing import Any, Protocol

from PyQt5.QtCore import Qt, pyqtSignal
from PyQt5.QtWidgets import QPushButton, QWidget

from fieldkit.gui.session import Session
from fieldkit.services.enrolment_wizard import EnrolmentDraft, EnrolmentWizard, Image

__all__ = ["Image", "WizardHost", "WizardStep"]


class WizardHost(Protocol):
    """What the enrolment screen offers its pages."""

    session: Session
    state: EnrolmentWizard
    certify_instead: Any  # a Qt signal (ID number, name)

    @property
    def draft(self) -> EnrolmentDraft: ...

    def current_step(self) -> WizardStep: ...

    def restart(self) -> None: ...

    def device_name(self) -> str: ...

    def place(self) -> str: ...


class WizardStep(QWidget):
    """One page. ``enter`` is called when it is shown, ``leave`` when another page is shown."""

    completed = pyqtSignal()
    key = ""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.wizard = wizard
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a busy page holds focus; Enter does nothing

    @property
    def draft(self) -> EnrolmentDraft:
        return self.wizard.draft

    def focus_target(self) -> QWidget:
        """Where keyboard focus goes when the page is shown: its enabled primary button, else itself."""
        for widget in self.findChildren(QPushButton):
            if widget.property("role") == "primary" and widget.isVisibleTo(self) and widget.isEnabled():
                return widget
        return self

    def enter(self) -> None:
        """Called each time the page is shown."""

    def leave(self) -> None:
        """Called when the page is left (stop captures here)."""
