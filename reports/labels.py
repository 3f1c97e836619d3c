"""The words printed on receipts and reports, in Chinese and English.

Why here and not in the application: these are the vocabulary of the documents (what a receipt of
kind "home_visit" is called on paper); keeping them beside the layouts means every document says the
same thing. Codes without a label are printed as they are, never dropped.
"""

from __future__ import annotations

from typing import Final

Bilingual = tuple[str, str]

DEFAULT_AGENCY: Final[Bilingual] = ("社会保险事业管理中心", "Social Insurance Administration Centre")

RECEIPT_TITLES: Final[dict[str, Bilingual]] = {
    "enrollment": ("生物特征信息采集凭证", "Biometric collection receipt"),
    "certification": ("养老保险待遇领取资格认证凭证", "Pension eligibility certification receipt"),
    "home_visit": (
        "养老保险待遇领取资格认证凭证（上门）",
        "Pension eligibility certification receipt (home visit)",
    ),
    "delegated": (
        "养老保险待遇领取资格认证凭证（委托）",
        "Pension eligibility certification receipt (delegated)",
    ),
}

NOT_PASSED_TITLE: Final[Bilingual] = (
    "养老保险待遇领取资格认证结果告知单",
    "Pension eligibility certification: result notice (not certified / held for review)",
)
"""The title of a certification receipt whose signed result is not "accept" (the 未通过/待复核 slip)."""
CERTIFICATION_RECEIPTS: Final = ("certification", "home_visit", "delegated")
SIGNATURE_ROW: Final = "本人签名"
"""An extra row with this label ("无法签名") is drawn in the retiree's signature box, not the table."""
OPEN_CASES_ROW: Final = "待处理案件"
NEXT_DUE_ROW: Final = "下次认证"


def receipt_title(kind: str, result: str) -> Bilingual:
    """The printed title: a certification that did not pass is a notice, never a 凭证 (receipt)."""
    if kind in CERTIFICATION_RECEIPTS and result != "accept":
        return NOT_PASSED_TITLE
    return RECEIPT_TITLES.get(kind, (label(KINDS, kind), kind))


KINDS: Final[dict[str, Bilingual]] = {
    "enrollment": ("信息采集", "Enrollment"),
    "certification": ("资格认证", "Certification"),
    "home_visit": ("上门认证", "Home-visit certification"),
    "delegated": ("委托认证", "Delegated certification"),
}

RESULTS: Final[dict[str, Bilingual]] = {
    "complete": ("采集完成", "Collected"),
    "held": ("已采集，待复核", "Collected, held for review"),
    "incomplete": ("采集未完成", "Not complete"),
    "accept": ("认证通过", "Certified"),
    "reject": ("未通过", "Not certified"),
    "retry": ("需重新采集", "Retake needed"),
    "needs_review": ("待人工复核", "Needs review"),
}

GENDERS: Final[dict[str, Bilingual]] = {"male": ("男", "Male"), "female": ("女", "Female")}

CASE_KINDS: Final[dict[str, Bilingual]] = {
    "no_id_card": ("无身份证审批", "No ID card (approval)"),
    "id_mismatch": ("身份信息不符", "ID mismatch"),
    "capture_failure": ("无法采集", "Capture failure"),
    "home_visit": ("上门认证", "Home visit"),
    "delegated_certification": ("委托认证", "Delegated certification"),
    "suspected_duplicate": ("疑似重复", "Suspected duplicate"),
    "certification_review": ("认证未通过待复核", "Certification not passed"),
    "presentation_attack": ("疑似假体攻击", "Suspected presentation attack"),
    "liveness_not_possible": ("无法完成活体检测", "Liveness check not possible"),
}

CASE_STATUSES: Final[dict[str, Bilingual]] = {
    "open": ("待处理", "Open"),
    "approved": ("已批准", "Approved"),
    "rejected": ("已驳回", "Rejected"),
}


def label(table: dict[str, Bilingual], code: str | None, *, english: bool = False) -> str:
    """The Chinese (or English) word for ``code``; the code itself when it has none."""
    if not code:
        return "—"
    words = table.get(code)
    if words is None:
        return code
    return words[1] if english else words[0]


def both(table: dict[str, Bilingual], code: str | None) -> str:
    """ "中文 English" for tables and CSV files read by both audiences."""
    if not code:
        return "—"
    words = table.get(code)
    return f"{words[0]} {words[1]}" if words else code
