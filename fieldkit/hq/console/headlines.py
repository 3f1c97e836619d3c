"""Review items' one-line summaries in the reader's language.

Why: headquarters' intake writes each item's summary once, in English, for the terminal and the
logs (``fieldkit hq review list``); the console is Chinese first. The summaries come from a handful
of fixed sentences, so each is recognised here and said again in Chinese; one that is not
recognised (a newer kind of item) is shown as written rather than hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FIXED = {
    "the person is not on the master roster": "此人不在总名册中",
    "the roster marks this person deceased": "名册记载此人已死亡",
    "the pension is suspended": "此人养老金已暂停发放",
    "already certified this cycle by another record": "本周期已由另一条记录认证",
    "a device's audit history was rewritten or restored from an old copy": (
        "设备的审计记录被改写或从旧副本恢复"
    ),
}
_CASE_KINDS = {
    "id_mismatch": "身份不符",
    "home_visit": "上门认证",
    "no_id_card": "无身份证",
    "delegated_certification": "异地代办认证",
}
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"^palm matches (\d+) palm\(s\) of other people \(best score ([0-9.]+)\)$"),
        lambda m: f"掌静脉与其他人员的 {m[1]} 个手掌匹配（最高分 {m[2]}）",
    ),
    (
        re.compile(r"^field case (\S*) \((\w*)\) awaits a decision$"),
        lambda m: f"现场个案 {m[1]}（{_CASE_KINDS.get(m[2], m[2])}）待决定",
    ),
    (
        re.compile(r"^not due: the roster has this person in cycle (\d+)$"),
        lambda m: f"未到认证期：名册中此人属于 {m[1]} 周期",
    ),
    (
        re.compile(r"^(\w+) version (\d+) re-sent with different content$"),
        lambda m: f"{m[1]} 第 {m[2]} 版以不同内容重发",
    ),
    (
        re.compile(r"^(\w+) version (\d+) sent by a device that did not make it$"),
        lambda m: f"{m[1]} 第 {m[2]} 版由并非创建它的设备发送",
    ),
]


def headline(summary: str, lang: str) -> str:
    """The summary in ``lang`` ("zh": recognised sentences in Chinese; "en": as written)."""
    if lang != "zh":
        return summary
    if summary in _FIXED:
        return _FIXED[summary]
    for pattern, say in _PATTERNS:
        found = pattern.match(summary)
        if found:
            return say(found)
    return summary
