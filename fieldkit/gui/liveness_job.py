"""The face liveness challenge on its own thread: camera frames to the service, prompts to the screen.

Why a job like ``CaptureJob``: the challenge looks at every frame (YuNet, the planarity tracker),
which must never run on the Qt thread. The service's ``FaceLivenessRun`` does all image work and
keeps the clock; this job only reads frames from the hub's face camera, feeds them, and sends the
screen the frame to show, the prompt code and the progress. The clerk's "skip" is handed to the
worker thread (``request_skip``) so the session is only ever touched by one thread. A simulated
face camera that can act out prompts (the replay kit's ``replay-face``) is told the challenge, as
the CLI's workflow does.
"""

from __future__ import annotations

import threading
import time

from PyQt5.QtCore import QObject, pyqtSignal
from PyQt5.QtGui import QImage

from capture.errors import CaptureError, DeviceTimeout
from fieldkit.devices.hub import DeviceHub
from fieldkit.errors import UserError
from fieldkit.gui.capture_job import to_qimage
from fieldkit.gui.thread_job import ThreadJob
from fieldkit.services.liveness import FaceLivenessRun
from fieldkit.workflows.liveness import LivenessPolicy
from matching.liveness.challenge import GESTURES, Timing

ROLE = "face_camera"
TIMING: Timing | None = None  # None: the challenge's generous defaults (tests shorten it)


class LivenessJob(ThreadJob):
    """One run of the face challenge; ``finished`` carries the ``LivenessEvidence``."""

    preview = pyqtSignal(QImage)
    prompted = pyqtSignal(str, int, int, int)  # prompt code, gestures done, gestures in all, skips left
    finished = pyqtSignal(object)  # LivenessEvidence
    failed = pyqtSignal(object)  # UserError (camera problem: nothing recorded)

    def __init__(self, hub: DeviceHub, policy: LivenessPolicy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub, self.policy = hub, policy
        self._skip = threading.Event()
        self.run: FaceLivenessRun | None = None

    def start(self) -> None:
        self._launch(self._work, "liveness")

    def request_skip(self) -> None:
        """The person cannot make the current gesture (applied to the session on the worker thread)."""
        self._skip.set()

    # -- worker thread --------------------------------------------------------------------------
    def _work(self) -> None:
        with self.hub.using(ROLE):
            try:
                self._challenge()
            except Exception as exc:
                if getattr(exc, "code", "").startswith("device.") or isinstance(exc, CaptureError):
                    self.hub.release(ROLE)
                if isinstance(exc, CaptureError):
                    exc = UserError(
                        f"The camera failed during the liveness check: {exc.message}", code="liveness.camera"
                    )
                self._emit(self.failed, exc)

    def _challenge(self) -> None:
        camera = self.hub.frames(ROLE)
        acted = getattr(camera, "acts_out", None)
        run = self.run = FaceLivenessRun(
            self.policy, kinds=tuple(acted) if acted else GESTURES, timing=TIMING
        )
        act_out = getattr(camera, "act_out", None)
        if callable(act_out):
            act_out(run.gestures)  # note: the simulator "hears" the prompts, as a trainer would
        shown: tuple[str, int, int, int] | None = None
        while not run.finished:
            if self._stop.is_set():
                return
            if self._skip.is_set():
                self._skip.clear()
                if run.skip(time.monotonic()) and callable(act_out):
                    act_out(run.gestures[run.gestures_done :])
            try:
                frame = camera.grab(timeout=1.0)
            except DeviceTimeout:
                run.tick(time.monotonic())  # note: no frames still runs the clock out
            else:
                run.feed(frame.image, time.monotonic())
                self._emit(self.preview, to_qimage(frame.image))
            now = (run.prompt, run.gestures_done, len(run.gestures), run.skips_left)
            if now != shown:
                shown = now
                self._emit(self.prompted, *now)
        if not self._stop.is_set():
            self._emit(self.finished, run.evidence())
