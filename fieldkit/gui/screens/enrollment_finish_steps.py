"""Enrolment steps 6-8: duplicate check, review with signatures and save, then the receipt.

Why the duplicate check is a step of its own: a palm already enrolled under another ID number is the
fraud this system exists to stop. The clerk learns it before the save (the enrolment will be *held*
for a supervisor, and the receipt says so) instead of after the retiree has left. The save itself is
the workflow's ``enroll`` — it repeats every check and writes the record, its cases and its signed
receipt in one transaction on the store thread.
"""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, Qt
from PyQt5.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QVBoxLayout

from fieldkit.errors import UserError
from fieldkit.gui.errors import describe
from fieldkit.gui.screens.enrollment_draft import WizardHost, WizardStep
from fieldkit.gui.texts import failure_text, hand_text, mismatch_text
from fieldkit.gui.widgets.common import button, card, label, set_role, show_message, title
from fieldkit.gui.widgets.liveness_panel import palm_liveness_text
from fieldkit.gui.widgets.receipt_panel import ReceiptPanel
from fieldkit.gui.widgets.signature_pad import SignaturePad
from fieldkit.identity.idnumber import mask_id_number
from fieldkit.services import receipts as receipt_docs
from fieldkit.services.liveness import with_palm_report
from fieldkit.workflows import enrollment
from fieldkit.workflows.enrollment import EnrollmentOutcome
from fieldkit.workflows.gallery import GalleryHit

translate = QCoreApplication.translate


class DuplicateStep(WizardStep):
    key = "duplicates"

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.result = label("", "subtitle", name="duplicateResult")
        self.next_button = button(
            translate("Enrolment", "Next: review and sign"), "primary", name="duplicatesNext"
        )
        self.next_button.clicked.connect(self.completed)
        layout = QVBoxLayout(self)
        layout.addWidget(title(translate("Enrolment", "Step 6: is anyone else enrolled with these palms?")))
        layout.addWidget(self.result)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.next_button)
        layout.addLayout(row)

    def enter(self) -> None:
        draft = self.draft
        if draft.duplicates is not None:
            self._show(draft.duplicates)
            return
        self.next_button.setEnabled(False)
        self.result.setText(translate("Enrolment", "Searching every enrolled palm on this laptop…"))
        session = self.wizard.session
        person = draft.check.identification.person if draft.check else None
        hands = list(draft.hands.values())
        gallery, context = session.gallery, session.context

        def work() -> list[GalleryHit]:
            if gallery is None or context is None:
                return []
            return enrollment.find_duplicates(gallery, hands, context, person.uuid if person else None)

        session.tasks.store(work, self._found, self._failed, owner=self)

    def _found(self, hits: list[GalleryHit]) -> None:
        self.draft.duplicates = hits
        self._show(hits)

    def _show(self, hits: list[GalleryHit]) -> None:
        if hits:
            set_role(self.result, "warning")
            # note: two short calls, because pylupdate5 drops a translate() whose text is split over lines
            warning = translate("Enrolment", "Warning: {n} palm(s) look like another enrolled person's.")
            held = translate(
                "Enrolment", "It is saved but held until a supervisor decides. Tell the person no more."
            )
            self.result.setText(warning.format(n=len(hits)) + "\n" + held)
        else:
            set_role(self.result, "ok")
            self.result.setText(
                translate("Enrolment", "No one else enrolled on this laptop has these palms ✔")
                + "\n"
                + translate("Enrolment", "Headquarters checks all districts after the next sync.")
            )
        self.next_button.setEnabled(True)
        self.next_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        set_role(self.result, "error")
        self.result.setText(describe(error).full())


class ReviewStep(WizardStep):
    key = "review"

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.summary = label("", name="reviewSummary")
        self.retiree_pad, self.operator_pad = SignaturePad(), SignaturePad()
        self.retiree_pad.setObjectName("retireeSignature")
        self.operator_pad.setObjectName("operatorSignature")
        self.cannot_sign = QCheckBox(translate("Enrolment", "The retiree cannot sign"))
        self.cannot_sign.setObjectName("cannotSign")
        self.message = label("", "error", name="reviewMessage")
        self.save_button = button(
            translate("Enrolment", "Save the enrolment"), "primary", name="saveEnrolment"
        )
        self.save_button.clicked.connect(self.save)
        # note: a "signatures needed" message goes as soon as the clerk fixes it (issue 17, item 7)
        for pad in (self.retiree_pad, self.operator_pad):
            pad.changed.connect(self.message.clear)
        self.cannot_sign.toggled.connect(self.message.clear)
        pads = QGridLayout()
        for column, (caption, pad) in enumerate(
            (
                (translate("Enrolment", "Retiree's signature"), self.retiree_pad),
                (translate("Enrolment", "Operator's signature"), self.operator_pad),
            )
        ):
            clear = button(translate("Enrolment", "Clear"))
            clear.setAutoDefault(False)  # note: Enter never wipes a signature
            clear.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            clear.clicked.connect(pad.clear)
            heading = QHBoxLayout()  # note: Clear beside the caption: one row less at large fonts
            heading.addWidget(label(caption), 1)
            heading.addWidget(clear)
            pads.addLayout(heading, 0, column)
            pads.addWidget(pad, 1, column)
        box, inner = card()
        inner.addWidget(self.summary)
        # note: read out to the person before they sign (issue 17, item 10)
        self.consent = label(
            translate("Enrolment", "By signing I confirm these are my details.")
            + " "
            + translate("Enrolment", "My palm and face are kept encrypted, for certification only."),
            "muted",
            name="consentText",
        )
        inner.addWidget(self.consent)
        layout = QVBoxLayout(self)
        # note: no page title: the step bar above already says "7. Sign", and the room is needed
        layout.addWidget(box)
        layout.addLayout(pads, 1)
        row = QHBoxLayout()
        row.addWidget(self.cannot_sign)
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def enter(self) -> None:
        draft = self.draft
        lines = []
        if draft.card is not None:
            lines.append(f"<b>{draft.card.name}</b> · {mask_id_number(draft.card.id_number)}")
        captured = [
            translate("Enrolment", "Face: captured ✔")
            if draft.face_image is not None
            else translate("Enrolment", "Face: skipped")
        ]
        for hand in ("left", "right"):
            if hand in draft.hands:
                text = translate("Enrolment", "{hand}: {n} samples ✔").format(
                    hand=hand_text(hand), n=len(draft.hands[hand].captures)
                )
            else:
                text = translate(
                    "Enrolment", "{hand}: not captured ({reason}) — a case will be opened"
                ).format(hand=hand_text(hand), reason=failure_text(draft.failures.get(hand, "other")))
            captured.append(text)
        lines.append(" · ".join(captured))  # note: one line, so Save stays on a 768-pixel screen at 24 pt
        if draft.check is not None:
            lines += [mismatch_text(code) for code in draft.check.identification.mismatches]
        if draft.duplicates:
            lines.append(
                translate("Enrolment", "Possible duplicate: the enrolment will be held for a supervisor.")
            )
        if not receipt_docs.documents_available():
            lines.append(
                translate(
                    "Enrolment", "Note: signatures and receipt printing are not installed in this version."
                )
            )
        self.summary.setText("<br>".join(lines))
        self.message.clear()
        self.save_button.setEnabled(True)

    def save(self) -> None:
        draft = self.draft
        retiree = None if self.cannot_sign.isChecked() else self.retiree_pad.to_png()
        operator = self.operator_pad.to_png()
        if operator is None or (retiree is None and not self.cannot_sign.isChecked()):
            show_message(
                self.message,
                translate("Enrolment", "Both signatures are needed (or tick: cannot sign)."),
                "error",
            )
            return
        draft.retiree_signature, draft.operator_signature = retiree, operator
        draft.retiree_cannot_sign = self.cannot_sign.isChecked()  # the receipt prints 无法签名
        session, wizard = self.wizard.session, self.wizard.state
        store, actor = session.require_store(), session.actor
        device, place = self.wizard.device_name(), self.wizard.place()
        cycle, gallery, context = session.cycle, session.gallery, session.context
        samples = session.policy.samples_per_hand
        policy = session.policy.liveness.for_enrolment()
        scanner = session.hub.get("palm_scanner")
        face_liveness = draft.liveness
        palm, palm_frames = draft.palm_sequence()
        self.save_button.setEnabled(False)
        show_message(self.message, translate("Enrolment", "Saving…"), "progress")

        def work() -> tuple[EnrollmentOutcome, str]:
            return wizard.save(
                store,
                actor=actor,
                device=device,
                place=place,
                cycle=cycle,
                gallery=gallery,
                context=context,
                samples=samples,
                liveness_policy=policy,
                liveness=with_palm_report(policy, face_liveness, scanner, palm, palm_frames),
            )

        session.tasks.store(work, self._saved, self._failed, owner=self)

    def _saved(self, result: tuple[EnrollmentOutcome, str]) -> None:
        self.wizard.state.record(*result)
        self.retiree_pad.clear()
        self.operator_pad.clear()
        self.cannot_sign.setChecked(False)
        self.wizard.session.data_changed.emit()
        self.completed.emit()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_message(self.message, describe(error).full(), "error")


class ReceiptStep(WizardStep):
    key = "receipt"

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.result = label("", "subtitle", name="enrolmentResult")
        self.panel = ReceiptPanel(wizard.session)
        self.next_person = button(translate("Enrolment", "Next person"), "primary", name="nextPerson")
        self.next_person.clicked.connect(wizard.restart)
        layout = QVBoxLayout(self)
        layout.addWidget(title(translate("Enrolment", "Step 8: saved — the receipt")))
        layout.addWidget(self.result)
        layout.addWidget(self.panel, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.next_person)
        layout.addLayout(row)

    def enter(self) -> None:
        outcome = self.draft.outcome
        if outcome is None:
            return
        kinds = {case.kind for case in outcome.cases}
        if outcome.status == "held" and "presentation_attack" in kinds:
            text = translate("Enrolment", "Saved, and held for a supervisor: the liveness check suspects a photo, a screen or a print.")  # fmt: skip # noqa: E501
        elif outcome.status == "held" and "liveness_not_possible" in kinds:
            text = translate("Enrolment", "Saved, and held for a supervisor: the liveness check the policy requires could not be done.")  # fmt: skip # noqa: E501
        elif outcome.status == "held":
            text = translate("Enrolment", "Saved, and held for a supervisor (possible duplicate).")
        else:
            text = translate("Enrolment", "Enrolment complete ✔")
        if outcome.cases:
            text += " " + translate("Enrolment", "Cases opened for review: {refs}").format(
                refs=", ".join(case.reference for case in outcome.cases)
            )
        palm = (outcome.liveness.summary.get("palm") if outcome.liveness else None) or {}
        if palm.get("status"):  # note: said and recorded, also "not available on this device"
            text += "\n" + palm_liveness_text(str(palm["status"]))
        if self.draft.signature_problem:
            text += "\n" + describe(UserError("", code=self.draft.signature_problem)).text
        self.result.setText(text)
        self.panel.show_receipt(outcome.receipt.number)
        self.next_person.setFocus()
