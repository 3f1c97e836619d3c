"""The console's words, Chinese first, English on request (the ``fk_lang`` cookie).

Why a table in Python rather than gettext catalogues: the console has a few hundred words, the
reviewers read Chinese, and a missing translation must fail a test, not show a key. Each entry is
``key: (中文, English)``. Page modules that plug in (``ops_*.py``) add their own words with
:func:`add_words` at import time, so they never edit this file.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
COOKIE = "fk_lang"

WORDS: dict[str, tuple[str, str]] = {
    "title": ("养老金资格认证 · 总部审核台", "Pension certification · HQ review console"),
    "nav.reviews": ("审核队列", "Review queue"),
    "nav.devices": ("设备", "Devices"),
    "nav.reconciliation": ("对账", "Reconciliation"),
    "nav.progress": ("认证进度", "Progress"),
    "nav.staff": ("工作人员", "Staff"),
    "nav.logout": ("退出登录", "Log out"),
    "nav.switch": ("English", "中文"),
    "role.reviewer": ("审核员", "reviewer"),
    "role.admin": ("管理员", "administrator"),
    "login.heading": ("工作人员登录", "Staff login"),
    "login.login": ("登录名", "Login"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Log in"),
    "login.refused": (
        "登录被拒绝：登录名或密码错误，或账户因多次输错密码已被锁定（请联系总部管理员）。",
        "Login refused: unknown login, wrong password, or an account locked after repeated wrong "
        "passwords (ask a headquarters administrator).",
    ),
    "login.expired": ("登录表单已过期，请重新登录。", "The login form expired; please log in again."),
    "refused.heading": ("无权访问", "Not allowed"),
    "refused.admin": ("此页面仅限管理员。", "This page is for administrators only."),
    "refused.csrf": (
        "表单校验失败（CSRF 令牌缺失或错误），未执行任何操作。请返回并刷新页面后重试。",
        "The form check failed (missing or wrong CSRF token); nothing was done. Go back, reload "
        "the page and try again.",
    ),
    "refused.back": ("返回审核队列", "Back to the review queue"),
    "error.too_large": ("请求过大。", "The request is too large."),
    "error.bad_form": ("表单无法读取。", "The form could not be read."),
    "error.not_found": ("未找到。", "Not found."),
    "queue.kind": ("类型", "Kind"),
    "queue.status": ("状态", "Status"),
    "queue.district": ("区县", "District"),
    "queue.device": ("小组/设备", "Team / device"),
    "queue.age": ("至少已等待（天）", "Waiting at least (days)"),
    "queue.any": ("全部", "any"),
    "queue.filter": ("筛选", "Filter"),
    "queue.summary": ("摘要", "Summary"),
    "queue.created": ("提交时间", "Raised"),
    "queue.total": ("合计", "Total"),
    "queue.unplaced": (
        "以下事项的区县尚在从名册补填，暂未计入区县筛选",
        "Items whose district is still being filled from the roster (not yet in the district filter)",
    ),
    "queue.empty": ("没有符合条件的审核事项。", "No review items match."),
    "queue.prev": ("上一页", "Previous"),
    "queue.next": ("下一页", "Next"),
    "queue.page": ("第", "Page"),
    "kind.duplicate": ("疑似重复登记", "Suspected duplicate"),
    "kind.roster": ("名册问题", "Roster problem"),
    "kind.case": ("现场个案", "Field case"),
    "kind.conflict": ("记录冲突", "Record conflict"),
    "kind.ownership": ("非本机记录", "Record from another device"),
    "kind.audit_chain": ("审计链被改写", "Audit chain rewritten"),
    "status.open": ("待审核", "open"),
    "status.approved": ("已批准", "approved"),
    "status.rejected": ("已驳回", "rejected"),
    "hand.left": ("左手", "left hand"),
    "hand.right": ("右手", "right hand"),
    "evidence.this_enrollment": ("本次登记", "This enrollment"),
    "evidence.matched_person": ("匹配到的已登记人员", "The enrolled person it matched"),
    "evidence.captured": ("现场采集", "Captured on site"),
    "evidence.enrolled_person": ("本人（登记信息）", "The person as enrolled"),
    "evidence.id_number": ("身份证号", "ID number"),
    "evidence.name": ("姓名", "Name"),
    "evidence.roster_status": ("名册状态", "Roster status"),
    "evidence.place": ("地点", "Place"),
    "evidence.face": ("现场人脸", "Face on site"),
    "evidence.score": ("比对分数", "score"),
    "evidence.scores": ("按手比对分数（两次登记之间）", "Scores per hand (between the two enrollments)"),
    "evidence.hand": ("手", "Hand"),
    "evidence.hits": ("重复检索命中", "Duplicate-search hits"),
    "evidence.facts": ("事实", "Facts"),
    "evidence.roster_line": ("名册记录", "Roster entry"),
    "evidence.card_photo": ("身份证芯片照片", "ID card chip photo"),
    "evidence.card_photo_not_kept": (
        "笔记本不保存芯片照片，只上报人脸与芯片照片的比对分数（见下方事实）。",
        "The laptop does not keep the chip photo; it reports the face-vs-card score (see the facts below).",
    ),
    "evidence.case_kind": ("个案类型", "Case kind"),
    "evidence.reference": ("个案编号", "Case reference"),
    "evidence.mismatches": ("不一致项", "Mismatches"),
    "evidence.face_vs_card": ("人脸与证件照比对分数", "Face vs card photo score"),
    "evidence.witness": ("见证人", "Witness"),
    "evidence.witness_relation": ("与本人关系", "Relation"),
    "evidence.visited_at": ("上门时间", "Visited at"),
    "evidence.notes": ("备注", "Notes"),
    "evidence.cycle": ("认证周期", "Cycle"),
    "evidence.method": ("认证方式", "Method"),
    "evidence.result": ("结果", "Result"),
    "evidence.certified_at": ("认证时间", "Certified at"),
    "attachment.home_visit_photo": ("上门照片", "Home-visit photo"),
    "rstatus.active": ("正常", "active"),
    "rstatus.suspended": ("暂停发放", "suspended"),
    "rstatus.deceased": ("死亡", "deceased"),
    "casekind.id_mismatch": ("身份不符", "ID mismatch"),
    "casekind.home_visit": ("上门认证", "home visit"),
    "casekind.no_id_card": ("无身份证", "no ID card"),
    "casekind.delegated_certification": ("异地代办认证", "delegated certification"),
    "roster.id_number": ("身份证号", "ID number"),
    "roster.name": ("姓名", "Name"),
    "roster.region": ("区域", "Region"),
    "roster.cycle": ("周期", "Cycle"),
    "roster.status": ("状态", "Status"),
    "roster.district": ("区县", "District"),
    "roster.unit": ("单位", "Unit"),
    "evidence.reveal": ("显示完整身份证号", "Reveal full ID numbers"),
    "evidence.reveal_audited": ("（此操作将记入审计日志）", "(recorded in the audit trail)"),
    "evidence.decide": ("审核决定", "Decision"),
    "evidence.approve": ("批准", "Approve"),
    "evidence.reject": ("驳回", "Reject"),
    "evidence.correct": ("更正身份证号", "Correct the ID number"),
    "evidence.new_id_number": ("正确的身份证号", "correct ID number"),
    "evidence.note": ("说明理由（必填）", "Why (required)"),
    "evidence.submit": ("提交决定", "Submit decision"),
    "evidence.decided": (
        "决定已保存，将在该笔记本下次同步时送达。",
        "Decision saved; it reaches the laptop at its next sync.",
    ),
    "evidence.decided_by": ("决定人", "Decided by"),
}


def add_words(words: dict[str, tuple[str, str]]) -> None:
    """Add a page module's words (a key already taken is a programming error)."""
    taken = sorted(set(words) & set(WORDS))
    if taken:
        raise ValueError(f"console words defined twice: {', '.join(taken)}")
    WORDS.update(words)


def language(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT


def translator(lang: str) -> Callable[[str], str]:
    """``t(key)`` in ``lang``; an unknown key raises (a page must never show a raw key)."""
    index = LANGUAGES.index(language(lang))

    def t(key: str) -> str:
        return WORDS[key][index]

    return t
