"""The clerk's vocabulary: every code the workflows use, in the words a screen shows.

Why one module: the codes (case kinds, hands, capture failures, roster mismatches, decision codes,
record types, device roles, receipt kinds and results) are shown on several screens, and a term
translated two ways confuses a clerk. Each function keeps its Qt Linguist context, so the shipped
translations still apply. Error codes become messages in ``fieldkit.gui.errors`` (one place too).
"""

from __future__ import annotations

import json

from PyQt5.QtCore import QCoreApplication

from fieldkit.gui import style

translate = QCoreApplication.translate


def case_kind_text(kind: str) -> str:
    return {
        "no_id_card": translate("Cases", "No ID card"),
        "id_mismatch": translate("Cases", "ID details differ"),
        "capture_failure": translate("Cases", "Hand could not be captured"),
        "home_visit": translate("Cases", "Home visit"),
        "delegated_certification": translate("Cases", "Delegated certification"),
        "suspected_duplicate": translate("Cases", "Suspected duplicate"),
        "certification_review": translate("Cases", "Certification not passed"),
        "presentation_attack": translate("Cases", "Suspected presentation attack"),
        "liveness_not_possible": translate("Cases", "Liveness check not possible"),
    }.get(kind, kind)


def case_status_text(status: str) -> str:
    return {
        "open": translate("Cases", "open"),
        "approved": translate("Cases", "approved"),
        "rejected": translate("Cases", "rejected"),
    }.get(status, status)


def detail_text(key: str, value: object) -> str:
    """One line of a case's details in words (codes translated, lists joined)."""
    names = {
        "mismatches": translate("Cases", "What differs"),
        "hand": translate("Cases", "Hand"),
        "reason": translate("Cases", "Reason"),
        "score": translate("Cases", "Similarity"),
        "other_hand": translate("Cases", "Matching hand of the other person"),
        "face_vs_id_photo": translate("Cases", "Face vs card photo"),
        "witness_relation": translate("Cases", "Witness relation"),
        "office": translate("Cases", "Office"),
        "approval": translate("Cases", "Approval"),
        "approved_by": translate("Cases", "Approved by"),
        "attempts": translate("Cases", "Attempts"),
        "last_result": translate("Cases", "Last result"),
        "tried": translate("Cases", "Tried"),
        "scores": translate("Cases", "Scores"),
        "note": translate("Cases", "Note"),
    }
    if key == "mismatches" and isinstance(value, list):
        shown = "; ".join(mismatch_text(str(code)) for code in value)
    elif key in ("hand", "other_hand"):
        shown = hand_text(str(value))
    elif key == "reason" and str(value).startswith("decision."):
        shown = decision_text(str(value), str(value))
    elif key == "reason":
        shown = failure_text(str(value))
    elif key == "tried" and isinstance(value, list):
        shown = "、".join(modality_text(str(m)) for m in value)
    elif key == "last_result":
        shown = outcome_text(str(value))[0]
    elif isinstance(value, list | dict):
        shown = json.dumps(value, ensure_ascii=False)
    else:
        shown = str(value)
    return translate("Cases", "{what}: {value}").format(what=names.get(key, key), value=shown)


def failure_text(reason: str) -> str:
    return {
        "injury": translate("Capture", "injured or bandaged"),
        "amputation": translate("Capture", "amputated"),
        "refused": translate("Capture", "the person refused"),
        "device_fault": translate("Capture", "the scanner is faulty"),
        "other": translate("Capture", "other reason"),
    }.get(reason, reason)


def hand_text(hand: str) -> str:
    return translate("Capture", "Left palm") if hand == "left" else translate("Capture", "Right palm")


def mismatch_text(code: str) -> str:
    return {
        "not_in_roster": translate("Mismatch", "This ID number is not in the roster."),
        "not_in_roster_this_cycle": translate("Mismatch", "The person is not in this year's roster."),
        "name_differs": translate("Mismatch", "The name on the card differs from the roster."),
        "birth_date_differs": translate("Mismatch", "The birth date differs from the roster."),
    }.get(code, code)


def gender_text(value: str | None) -> str:
    return {"male": translate("Mismatch", "male"), "female": translate("Mismatch", "female")}.get(
        value or "", ""
    )


def record_type_text(kind: str) -> str:
    return {
        "person": translate("Sync", "people"),
        "enrollment": translate("Sync", "enrolments"),
        "certification": translate("Sync", "certifications"),
        "case": translate("Sync", "cases"),
        "receipt": translate("Sync", "receipts"),
        "attachment": translate("Sync", "attachments"),
        "operator": translate("Sync", "operator accounts"),
    }.get(kind, kind)


def answer_text(problem: str) -> str:
    status, _, reason = problem.partition(" ")
    words = {
        "conflict": translate("Sync", "conflict: headquarters holds different content"),
        "rejected": translate("Sync", "refused by headquarters"),
        "missing": translate("Sync", "no answer for this record"),
    }.get(status, status)
    return f"{words} {reason}".strip()


def role_text(role: str) -> str:
    return {
        "card_reader": translate("Devices", "ID-card reader"),
        "face_camera": translate("Devices", "Face camera"),
        "palm_scanner": translate("Devices", "Palm-vein scanner"),
    }.get(role, role)


def decision_text(code: str, fallback: str) -> str:
    # note: one line each, unformatted: pylupdate5 drops a call split over lines with a comma
    attack = translate("Certify", "The match passed, but the liveness check suspects a presentation attack (a photo, a screen or a print): a case is opened, a supervisor must look.")  # fmt: skip # noqa: E501
    impossible = translate("Certify", "The match passed, but the liveness check the policy requires could not be done: a case is opened, a supervisor must look.")  # fmt: skip # noqa: E501
    return {
        "decision.palm_match": translate("Certify", "The palm matches the enrolment."),
        "decision.fused_match": translate("Certify", "Palm and face together match the enrolment."),
        "decision.no_evidence": translate("Certify", "No usable palm or face was captured."),
        "decision.retry_low_score": translate("Certify", "Close, but not enough: capture the palm again."),
        "decision.too_many_attempts": translate(
            "Certify", "Still not enough on the last allowed attempt: a supervisor must look."
        ),
        "decision.face_only_review": translate(
            "Certify", "Only the face matches: a supervisor must confirm."
        ),
        "decision.no_match": translate("Certify", "Neither palm nor face matches this person's enrolment."),
        "decision.liveness_attack": attack,
        "decision.liveness_not_possible": impossible,
    }.get(code, fallback)


def modality_text(modality: str) -> str:
    """``palm_left`` / ``palm_right`` / ``face`` (as ``certify_followup.modalities_used`` names them)."""
    if modality == "face":
        return translate("Certify", "face")
    return hand_text(modality.removeprefix("palm_"))


def attempt_text(code: str, used: tuple[str, ...], fallback: str) -> str:
    """The decision in words that name only what was compared: no "palm and face" when no face was used."""
    palm = any(m.startswith("palm_") for m in used)
    face = "face" in used
    if code == "decision.no_match":
        if palm and not face:
            return translate("Certify", "The palm does not match this person's enrolment.")
        if face and not palm:
            return translate("Certify", "The face does not match this person's enrolment.")
    if code == "decision.no_evidence" and not face:
        return translate("Certify", "No usable palm was captured.")
    return decision_text(code, fallback)


def kind_text(kind: str) -> str:
    return {
        "enrollment": translate("Receipt", "enrolment"),
        "certification": translate("Receipt", "certification"),
        "home_visit": translate("Receipt", "home-visit certification"),
        "delegated": translate("Receipt", "delegated certification"),
    }.get(kind, kind)


def result_text(result: str) -> str:
    return {
        "complete": translate("Receipt", "complete"),
        "held": translate("Receipt", "held for review"),
        "accept": translate("Receipt", "accepted"),
    }.get(result, result)


def outcome_text(outcome: str) -> tuple[str, str]:
    """(headline, colour) for an outcome code."""
    table = {
        "accept": (translate("Result", "✔ Accepted"), style.ACCEPT),
        "retry": (translate("Result", "↻ Try again"), style.RETRY),
        "needs_review": (translate("Result", "? Needs review"), style.REVIEW),
        "reject": (translate("Result", "✖ Not matched"), style.REJECT),
        "already_certified": (translate("Result", "✔ Already certified"), style.ACCEPT),
        "not_enrolled": (translate("Result", "! Not enrolled"), style.RETRY),
        "enrolment_held": (translate("Result", "! Enrolment on hold"), style.REVIEW),
    }
    return table.get(outcome, (outcome, style.MUTED))
