"""The clerk's vocabulary (fieldkit.gui.texts): every code the store and the workflows use has words,
so no screen ever shows a bare code such as ``id_mismatch``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldkit.gui import i18n, texts
from fieldkit.workflows.enrollment import FAILURE_REASONS
from storage.records import CASE_KINDS, CASE_STATUSES, GENDERS, HANDS, RECEIPT_KINDS

DECISION_CODES = (
    "decision.palm_match",
    "decision.fused_match",
    "decision.no_evidence",
    "decision.retry_low_score",
    "decision.too_many_attempts",
    "decision.face_only_review",
    "decision.no_match",
)


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Words are checked in Chinese, where no word can be the (English) code itself."""
    before = i18n.current_language()
    assert i18n.install("zh_CN")
    yield
    i18n.install(before or "en")


@pytest.mark.parametrize(
    ("words", "codes"),
    [
        (texts.case_kind_text, CASE_KINDS),
        (texts.case_status_text, CASE_STATUSES),
        (texts.failure_text, FAILURE_REASONS),
        (texts.kind_text, RECEIPT_KINDS),
        (texts.result_text, ("complete", "held", "accept")),
        (texts.role_text, ("card_reader", "face_camera", "palm_scanner")),
        (texts.record_type_text, ("person", "enrollment", "certification", "case", "receipt", "attachment")),
        (texts.mismatch_text, ("not_in_roster", "not_in_roster_this_cycle", "name_differs")),
        (texts.gender_text, GENDERS),
    ],
)
def test_every_code_has_words(words, codes, chinese) -> None:  # type: ignore[no-untyped-def]
    for code in codes:
        text = words(code)
        assert text and text != code, code


def test_unknown_codes_fall_back_and_composed_lines_translate_their_parts(chinese) -> None:  # type: ignore[no-untyped-def]
    assert texts.case_kind_text("new_kind") == "new_kind"
    assert len({texts.hand_text(hand) for hand in HANDS}) == 2
    for code in DECISION_CODES:
        assert texts.decision_text(code, "fallback") != "fallback"
    assert texts.decision_text("decision.unknown", "fallback") == "fallback"
    line = texts.detail_text("reason", "injury")
    assert texts.failure_text("injury") in line and "injury" not in line
    assert texts.answer_text("rejected bad signature").endswith("bad signature")
    headline, colour = texts.outcome_text("accept")
    assert headline and colour and texts.outcome_text("odd") == ("odd", texts.style.MUTED)
