"""How clerks find people: pinyin (every common reading), initials, last four digits, ID prefix."""

from __future__ import annotations

from fieldkit.services.people_search import matches, name_keys

ID = "130402195003150016"


def test_pinyin_initials_and_readings() -> None:
    assert matches("zhangsan", ID, "张三") and matches("ZS", ID, "张三") and matches("zhang", ID, "张 三")
    assert not matches("lisi", ID, "张三") and not matches("zx", ID, "张三")
    assert matches("shan", ID, "单雄信") and matches("dan", ID, "单雄信")  # a surname read two ways
    assert matches("lv", ID, "吕布") and matches("lb", ID, "吕布")
    full, initials = name_keys("单雄信")
    assert "shanxiongxin" in full and "sxx" in initials


def test_digits_and_characters() -> None:
    assert matches("0016", ID, "张三") and matches("1304", ID, "张三")  # last four, or the start
    assert matches("13040219", ID, "张三") and not matches("15001", ID, "张三")
    assert matches("001X", "11010519491231001X", "张三") and matches("001x", "11010519491231001X", "张三")
    assert matches("三", ID, "张三") and not matches("李", ID, "张三")
    assert matches("", ID, "张三")
