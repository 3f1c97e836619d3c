"""The enrolment wizard's state, without Qt: named steps, where we are, what each step needs and
produces, and the one save at the end (Electrum's ``wizard.py`` shape).

Why in the core: the desktop app draws these steps (``fieldkit.gui.screens.enrollment_*`` map each
step name to a page), ``fieldkit enroll`` fills the same draft from image files and saves it through
the same :meth:`EnrolmentWizard.save`, and the tests walk the steps with no window at all.

Why the state is a plain draft until the end: the workflow (``fieldkit.workflows.enrollment``)
takes everything at once — card, face, samples per hand, hand failures — and saves it in one
transaction. Until then nothing is written: closing the laptop or unplugging a device mid-way loses
no record, and the draft survives an idle lock because the window keeps it in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from capture.devices import CardRecord
from fieldkit.errors import UserError
from fieldkit.services.receipts import save_signatures
from fieldkit.services.visit import EnrolCheck
from fieldkit.workflows.enrollment import DEFAULT_SAMPLES, EnrollmentOutcome, HandResult, enroll
from fieldkit.workflows.gallery import GalleryHit
from fieldkit.workflows.liveness import LivenessEvidence, LivenessPolicy
from fieldkit.workflows.policy import DecisionContext
from matching.palm_index import PalmIndex
from storage.store import Store

Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class StepSpec:
    """One step: what it needs from the draft before it can be shown, and what it adds to it."""

    key: str
    needs: tuple[str, ...]
    produces: tuple[str, ...]
    can_go_back: bool = True  # note: not from the first step, nor from the receipt (it is saved)


STEP_SPECS = (
    StepSpec("card", (), ("card",), can_go_back=False),
    StepSpec("match", ("card",), ("check",)),
    StepSpec("face", ("card", "check"), ("face_image",)),  # or face_skipped
    StepSpec("left", ("card", "check"), ("samples", "hands")),  # or a failure for the hand
    StepSpec("right", ("card", "check"), ("samples", "hands")),
    StepSpec("duplicates", ("card", "check"), ("duplicates",)),
    StepSpec("review", ("card", "check", "duplicates"), ("outcome",)),
    StepSpec("receipt", ("outcome",), (), can_go_back=False),
)
STEPS = tuple(spec.key for spec in STEP_SPECS)


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
    retiree_cannot_sign: bool = False  # the receipt then prints "无法签名" (set by the finish step)
    outcome: EnrollmentOutcome | None = None
    signature_problem: str = ""
    liveness: LivenessEvidence | None = None
    palm_frames: dict[str, list[Image]] = field(default_factory=dict)
    """Per hand, the last sample's kept frame and the frames after it (the palm sequence checks)."""
    """What the liveness checks the enrolment policy requires produced (face challenge, palm report);
    None when none ran — a required check then holds the enrolment as "liveness not possible"."""

    @property
    def in_progress(self) -> bool:
        """True when something was collected that is not yet saved."""
        return self.card is not None and self.outcome is None

    @property
    def id_number(self) -> str:
        return self.card.id_number if self.card else ""

    def palm_sequence(self) -> tuple[Image | None, list[Image]]:
        """A captured hand's sample and its frame sequence for the palm liveness report."""
        for hand, images in self.palm_images().items():
            frames = list(self.palm_frames.get(hand, []))
            return (frames[0] if frames else images[0]), frames
        return None, []

    def palm_images(self) -> dict[str, list[Image]]:
        """The samples that count: every hand's, except a hand recorded as impossible to capture."""
        return {
            hand: list(images)
            for hand, images in self.samples.items()
            if images and hand not in self.failures
        }


class EnrolmentWizard:
    """The navigation map over :data:`STEPS` and the draft it fills."""

    def __init__(self) -> None:
        self.draft = EnrolmentDraft()
        self.index = 0

    @property
    def current(self) -> str:
        return STEPS[self.index]

    @property
    def can_go_back(self) -> bool:
        return STEP_SPECS[self.index].can_go_back and self.index > 0

    def missing(self, key: str) -> list[str]:
        """What step ``key`` needs that the draft does not hold yet (empty: it may be shown)."""
        spec = STEP_SPECS[STEPS.index(key)]
        return [name for name in spec.needs if getattr(self.draft, name) is None]

    def go(self, index: int) -> str:
        """Stand on step ``index`` (the window restores a draft after a rebuild this way)."""
        if not 0 <= index < len(STEPS):
            raise ValueError(f"no enrolment step {index}")
        self.index = index
        return self.current

    def next(self) -> str:
        """The following step (staying on the last one)."""
        if self.index + 1 < len(STEPS):
            self.index += 1
        return self.current

    def back(self) -> str:
        """The previous step, where going back is allowed."""
        if self.can_go_back:
            self.index -= 1
        return self.current

    def restart(self) -> None:
        """Forget the draft and begin again with the card."""
        self.draft = EnrolmentDraft()
        self.index = 0

    def save(
        self,
        store: Store,
        *,
        actor: str,
        device: str,
        place: str,
        cycle: int,
        gallery: PalmIndex | None = None,
        context: DecisionContext | None = None,
        samples: int = DEFAULT_SAMPLES,
        liveness_policy: LivenessPolicy | None = None,
        liveness: LivenessEvidence | None = None,
    ) -> tuple[EnrollmentOutcome, str]:
        """Run the enrolment workflow on the draft (one transaction), then keep the signatures.

        Returns the outcome and the code of a signature problem ("" if none): a signature that cannot
        be kept (receipt documents unavailable) does not undo the enrolment. The draft itself is not
        touched here (the GUI runs this on its store thread); :meth:`record` puts the result in it.
        ``liveness_policy``: the checks enrolment requires (default: the stored policy's enrolment
        part), assessed against ``liveness`` (default ``draft.liveness``; the GUI adds the palm
        report it made at the save).
        """
        draft = self.draft
        if draft.card is None:
            raise UserError("Read or type the ID card first.", code="enroll.no_card")
        if liveness_policy is None:
            from fieldkit.workflows.stored_policy import stored_liveness_policy

            liveness_policy = stored_liveness_policy(store).for_enrolment()
        outcome = enroll(
            store,
            card=draft.card,
            face_image=draft.face_image,
            palm_images=draft.palm_images(),
            hand_failures=dict(draft.failures),
            actor=actor,
            device=device,
            place=place,
            cycle=cycle,
            gallery=gallery,
            context=context,
            samples=samples,
            retiree_cannot_sign=draft.retiree_cannot_sign,
            liveness=liveness if liveness is not None else draft.liveness,
            liveness_policy=liveness_policy,
        )
        problem = ""
        try:
            save_signatures(
                store, actor, outcome.enrollment.uuid, draft.retiree_signature, draft.operator_signature
            )
        except UserError as exc:
            problem = exc.code
        return outcome, problem

    def record(self, outcome: EnrollmentOutcome, signature_problem: str = "") -> None:
        """Keep what the save produced in the draft (then the receipt step may be shown)."""
        self.draft.outcome, self.draft.signature_problem = outcome, signature_problem
