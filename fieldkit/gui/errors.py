"""Turning every expected failure into a sentence a clerk understands, with what to do next.

Why codes and not exception text: the workflows raise typed errors with stable codes (``auth.locked``,
``enroll.samples_disagree`` ...) and English messages meant for logs and the CLI. The GUI maps the
code to a translated message and a next step here, in one table; an unknown code falls back to the
workflow's own (masked) message, so nothing is ever shown as a bare traceback. ID numbers and names
never reach the log: messages are masked by ``fieldkit.privacy`` before logging.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import QMessageBox, QWidget

from fieldkit.privacy import mask_text

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClerkMessage:
    """What the screen shows: a short problem statement and the next step."""

    text: str
    next_step: str
    code: str

    def full(self) -> str:
        return f"{self.text}\n{self.next_step}" if self.next_step else self.text


def _table() -> dict[str, tuple[str, str]]:
    """Code → (message, next step), translated at call time so a language switch applies at once."""
    return {
        "auth.failed": (
            translate("Errors", "Wrong login or password."),
            translate("Errors", "Check the login and type the password again."),
        ),
        "auth.locked": (
            translate("Errors", "This account is locked after too many wrong passwords."),
            translate("Errors", "Wait 15 minutes, or ask a supervisor to log in."),
        ),
        "location.none": (
            translate("Errors", "No GPS receiver is set up."),
            translate("Errors", "Type the address or the coordinates instead."),
        ),
        "location.missing": (
            translate("Errors", "The place of the visit is missing."),
            translate("Errors", "Read the GPS or type the address."),
        ),
        "certify.delegation": (
            translate("Errors", "A delegated certification needs the office and the documents seen."),
            translate("Errors", "Type the office and tick the documents."),
        ),
        "certify.no_card_approval": (
            translate("Errors", "Without an ID card the approval reference and the official are needed."),
            translate("Errors", "Type the approval reference and who approved it."),
        ),
        "operator.not_supervisor": (
            translate("Errors", "Only a supervisor can change operator accounts."),
            translate("Errors", "Ask the supervisor to confirm with their password."),
        ),
        "operator.self": (
            translate("Errors", "You cannot disable your own account."),
            translate("Errors", "Another supervisor must do it."),
        ),
        "operator.last_supervisor": (
            translate("Errors", "This is the last active supervisor of the team."),
            translate("Errors", "Add another supervisor first."),
        ),
        "operator.exists": (
            translate("Errors", "This login is already taken."),
            translate("Errors", "Choose another login."),
        ),
        "followup.accepted": (
            translate("Errors", "This person is already certified this year."),
            translate("Errors", "No case is needed."),
        ),
        "followup.no_attempt": (
            translate("Errors", "There is no failed attempt to report yet."),
            translate("Errors", "Certify the person first."),
        ),
        "store.wrong_passphrase": (
            translate("Errors", "The passphrase does not open the store."),
            translate("Errors", "Type the store passphrase again (check the keyboard language)."),
        ),
        "store.not_found": (
            translate("Errors", "There is no store on this laptop yet."),
            translate("Errors", "Create one on the first-start screen."),
        ),
        "store.locked": (
            translate("Errors", "Another program is using the store."),
            translate("Errors", "Close the other fieldkit window and try again."),
        ),
        "store.damaged": (
            translate("Errors", "The store file is damaged."),
            translate("Errors", "Call your supervisor: the store must be restored from a backup."),
        ),
        "store.too_new": (
            translate("Errors", "The store was written by a newer fieldkit."),
            translate("Errors", "Install the newer fieldkit version before continuing."),
        ),
        "operator.weak_password": (
            translate("Errors", "The password is too short."),
            translate("Errors", "Use at least 8 characters."),
        ),
        "operator.bad_login": (
            translate("Errors", "A login must be one word without spaces."),
            translate("Errors", "Type a login such as wang01."),
        ),
        "operator.no_name": (
            translate("Errors", "The operator needs a name."),
            translate("Errors", "Type the operator's full name."),
        ),
        "store.conflict": (
            translate("Errors", "That entry already exists."),
            translate("Errors", "Choose another login or number."),
        ),
        "card.none": (
            translate("Errors", "No ID card was found on the reader."),
            translate("Errors", "Lay the card flat on the reader, or type the number by hand."),
        ),
        "card.name_missing": (
            translate("Errors", "A name is needed for manual entry."),
            translate("Errors", "Type the name as printed on the card."),
        ),
        "capture.no_good_frame": (
            translate("Errors", "No clear picture was captured in time."),
            translate("Errors", "Ask the person to hold still, check the light, and capture again."),
        ),
        "capture.cancelled": (
            translate("Errors", "The capture was stopped."),
            translate("Errors", "Capture again when ready."),
        ),
        "device.unplugged": (
            translate("Errors", "The device stopped sending pictures (unplugged?)."),
            translate("Errors", "Plug it back in and capture again; nothing captured so far is lost."),
        ),
        "device.not_found": (
            translate("Errors", "The device was not found."),
            translate("Errors", "Check the cable, or choose another device under Devices & settings."),
        ),
        "device.timeout": (
            translate("Errors", "The device did not answer in time."),
            translate("Errors", "Unplug it, plug it back in and capture again."),
        ),
        "device.settings": (
            translate("Errors", "The device settings do not fit this driver."),
            translate("Errors", "Fix them under Devices & settings."),
        ),
        "enroll.samples_disagree": (
            translate("Errors", "The samples of this hand do not match each other."),
            translate("Errors", "Check it is the same hand, then capture the three samples again."),
        ),
        "template.outdated": (
            translate("Errors", "Palms enrolled by an older version cannot be compared."),
            translate("Errors", "Enrol this person's palms again."),
        ),
        "roi.samples_cut_differently": (
            translate("Errors", "The palm was not in the same place in every sample."),
            translate("Errors", "Ask the person to hold the hand open and flat as before; capture again."),
        ),
        "enroll.palm_quality": (
            translate("Errors", "A palm picture is not clear enough."),
            translate("Errors", "Ask the person to spread the fingers and hold still; capture again."),
        ),
        "enroll.face_quality": (
            translate("Errors", "The face picture is not clear enough."),
            translate("Errors", "Ask the person to look at the camera; capture again or skip the face."),
        ),
        "enroll.already": (
            translate("Errors", "This person is already enrolled."),
            translate("Errors", "Use Certification instead."),
        ),
        "enroll.no_palm": (
            translate("Errors", "Neither palm could be captured."),
            translate(
                "Errors", "Enrolment needs at least one hand; record the reason and call a supervisor."
            ),
        ),
        "enroll.hand_missing": (
            translate("Errors", "A hand has no samples."),
            translate("Errors", "Capture it, or mark it as impossible with a reason."),
        ),
        "certify.no_hand": (
            translate("Errors", "This hand is not enrolled for the person."),
            translate("Errors", "Use the other hand."),
        ),
        "certify.witness": (
            translate("Errors", "A home visit needs the witness's name and relation."),
            translate("Errors", "Fill in both witness fields."),
        ),
        "case.not_supervisor": (
            translate("Errors", "Only a supervisor can decide a case."),
            translate("Errors", "Ask a supervisor to log in for this decision."),
        ),
        "case.no_note": (
            translate("Errors", "A decision needs a note saying why."),
            translate("Errors", "Write a short note and try again."),
        ),
        "case.decided": (
            translate("Errors", "This case was already decided."),
            translate("Errors", "Refresh the list."),
        ),
        "sync.unreachable": (
            translate("Errors", "Headquarters could not be reached. Nothing was lost."),
            translate("Errors", "Check the network and try again later, or export a batch file for USB."),
        ),
        "sync.refused": (
            translate("Errors", "Headquarters refused the batch."),
            translate("Errors", "Has this laptop been registered at headquarters? Call your supervisor."),
        ),
        "sync.tls": (
            translate("Errors", "The headquarters certificate is not the expected one. Nothing was sent."),
            translate("Errors", "Do not continue on this network; call your supervisor."),
        ),
        "sync.insecure_http": (
            translate("Errors", "The headquarters address uses plain http:// on an open network."),
            translate("Errors", "A supervisor sets an https:// address (or allows http on a closed LAN)."),
        ),
        "sync.no_signing_key": (
            translate("Errors", "The headquarters key file is too old to check headquarters' answers."),
            translate("Errors", "Ask headquarters for a new hq_public.key."),
        ),
        "sync.refused.package.region_not_allowed": (
            translate("Errors", "This laptop is not registered for this region's work package."),
            translate(
                "Errors", "Check the region under Sync, or ask headquarters to register this laptop for it."
            ),
        ),
        "sync.no_hq": (
            translate("Errors", "No headquarters address or key is set."),
            translate("Errors", "A supervisor sets them under Sync."),
        ),
        "batch.empty": (
            translate("Errors", "There is nothing to send."),
            translate("Errors", "Everything has already reached headquarters."),
        ),
        "batch.bad_hq_key": (
            translate("Errors", "The headquarters key is not valid."),
            translate("Errors", "Ask headquarters for the hq_public.key file again."),
        ),
        "hq.bad_key_file": (
            translate("Errors", "The headquarters key file is not valid."),
            translate("Errors", "Ask headquarters for the hq_public.key file again."),
        ),
        "receipt.qr_malformed": (
            translate("Errors", "This is not a fieldkit receipt code."),
            translate("Errors", "Scan the QR code on the receipt again."),
        ),
        "receipt.documents_missing": (
            translate("Errors", "Receipt printing is not installed in this version."),
            translate("Errors", "The receipt is saved and signed; print it later from Receipts."),
        ),
        "receipt.render_failed": (
            translate("Errors", "The receipt preview could not be drawn."),
            translate("Errors", "The receipt is saved; its details are shown as text."),
        ),
        "roster.not_found": (
            translate("Errors", "The roster file was not found."),
            translate("Errors", "Choose the file again."),
        ),
        "config.bad": (
            translate("Errors", "The device settings file cannot be read."),
            translate("Errors", "Call your supervisor to fix fieldkit.toml."),
        ),
        "store.weak_passphrase": (
            translate("Errors", "The passphrase is too short or too easy to guess."),
            translate("Errors", "Use several unrelated words, or mix letters, digits and signs."),
        ),
        "print.no_lp": (
            translate("Errors", "No printing system was found on this laptop."),
            translate("Errors", "Use Save as PDF and print the file from another computer."),
        ),
        "print.failed": (
            translate("Errors", "The printer did not take the receipt."),
            translate("Errors", "Check paper, power and cable, then press Print again."),
        ),
        "receipt.bad_signature": (
            translate("Errors", "A signature could not be read."),
            translate("Errors", "Clear the pad and sign again."),
        ),
        "receipt.no_code": (
            translate("Errors", "No receipt code was found in that file."),
            translate("Errors", "Scan or photograph the whole receipt, flat and in focus."),
        ),
        "store.record_not_found": (
            translate("Errors", "Nothing was found with that number."),
            translate("Errors", "Check the number and try again."),
        ),
        "case.not_found": (
            translate("Errors", "No case has that reference."),
            translate("Errors", "Check the reference and try again."),
        ),
        "package.no_signing_key": (
            translate("Errors", "The headquarters key file cannot check work packages (it is too old)."),
            translate("Errors", "Ask headquarters for a new hq_public.key."),
        ),
        "policy.bad": (
            translate("Errors", "These policy values are not allowed."),
            translate("Errors", "Use rates between 0 and 1 and at least one attempt."),
        ),
        "thresholds.unsupported": (
            translate("Errors", "The calibration data cannot vouch for this error rate."),
            translate("Errors", "Choose a higher false-accept rate."),
        ),
    }


def _prefix_table() -> dict[str, tuple[str, str]]:
    return {
        "id.": (
            translate("Errors", "This ID number cannot be right."),
            translate("Errors", "Check every digit against the card and type it again."),
        ),
        "face.": (
            translate("Errors", "No single clear face was found."),
            translate("Errors", "Ask the person to face the camera alone, or skip the face."),
        ),
        "roi.": (
            translate("Errors", "No palm was found in the picture."),
            translate("Errors", "Ask the person to lay the whole hand on the scanner, fingers spread."),
        ),
        "answer.": (
            translate("Errors", "Headquarters' answer could not be verified, so nothing was changed."),
            translate(
                "Errors", "The network may be tampered with: use another network or USB; tell a supervisor."
            ),
        ),
        "package.": (
            translate(
                "Errors", "This work package was refused (altered, for another team, or out of order)."
            ),
            translate("Errors", "Ask headquarters for a fresh work package."),
        ),
        "backup.": (
            translate("Errors", "The backup could not be used."),
            translate("Errors", "Call your supervisor."),
        ),
        "roster.": (
            translate("Errors", "The roster file could not be read."),
            translate("Errors", "Check that it is the CSV file from headquarters."),
        ),
    }


_ALIASES = {
    "store.truncated": "store.damaged",
    "store.not_encrypted": "store.damaged",
    "store.foreign": "store.damaged",
    "store.empty": "store.damaged",
    "store.empty_passphrase": "store.wrong_passphrase",
    "device.end_of_stream": "device.unplugged",
    "device.not_open": "device.unplugged",
    "print.timeout": "print.failed",
    "receipt.not_a_document": "receipt.no_code",
    "sync.no_hq_url": "sync.no_hq",
    "sync.no_hq_key": "sync.no_hq",
}


def describe(error: BaseException) -> ClerkMessage:
    """The clerk message for an exception (known code → translated; otherwise the masked message)."""
    code = str(getattr(error, "code", "") or "")
    code = _ALIASES.get(code, code)
    user_facing = bool(getattr(error, "user_facing", False))
    known = _table().get(code)
    if known is None:
        known = next((v for prefix, v in _prefix_table().items() if code.startswith(prefix)), None)
    if known is not None:
        return ClerkMessage(known[0], known[1], code)
    if isinstance(error, OSError):
        return ClerkMessage(
            translate("Errors", "A file could not be read or written: {problem}").format(
                problem=mask_text(error.strerror or str(error))
            ),
            translate("Errors", "Check the USB stick or folder and try again."),
            "os",
        )
    if code and user_facing:
        message = mask_text(str(getattr(error, "message", error)))
        return ClerkMessage(message, translate("Errors", "Fix this and try again."), code)
    log.error("internal error in the GUI: %s", mask_text(f"{type(error).__name__}: {error}"))
    return ClerkMessage(
        translate("Errors", "Something went wrong inside fieldkit."),
        translate("Errors", "Nothing was saved half-way. Try again; if it repeats, call your supervisor."),
        "internal",
    )


def show_error(parent: QWidget | None, error: BaseException) -> ClerkMessage:
    """Show ``error`` in a calm dialog and log it (masked); returns what was shown."""
    message = describe(error)
    log.info("shown to the clerk: %s", message.code)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle(translate("Errors", "Problem"))
    box.setText(message.text)
    box.setInformativeText(message.next_step)
    box.setStandardButtons(QMessageBox.Ok)
    box.setObjectName("errorBox")
    box.open()  # note: non-blocking, so a test (or the event loop) is never stuck behind it
    return message
