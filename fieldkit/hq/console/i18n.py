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
    "devices.placeholder": (
        "设备管理（注册、吊销、区域绑定、最后同步）。",
        "Device management (register, revoke, region binding, last sync).",
    ),
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
