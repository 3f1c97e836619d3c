"""Synthetic retirees for the demo, the benchmarks and the tests.

Why synthetic: real people's data never enters the repository. These rows are valid by the ID rules
(real province and county codes, real dates, correct check characters) so that the same code paths
run as on a real roster; names are drawn from common surnames and given-name characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator

from fieldkit.identity.idnumber import check_character

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "国建明志秀英华玉兰桂芳军平海红金德文立春淑凤霞永成洪祥福荣庆俊贵宝珍梅丽云凯莲宏伟刚"
AREAS = (
    "130402",
    "130403",
    "130404",
    "130406",
    "130421",
    "130423",
    "130424",
    "130425",
    "120101",
    "110105",
    "510104",
    "370102",
)
UNITS = ("邯郸钢铁集团", "峰峰矿务局", "邯郸纺织厂", "第一棉纺厂", "邯郸市供电局", "市第三中学", "邯郸机床厂")
DISTRICTS = ("邯山区", "丛台区", "复兴区", "峰峰矿区", "永年区", "肥乡区")
HEADER = [
    "身份证号码",
    "姓名",
    "性别",
    "出生日期",
    "民族",
    "住址",
    "联系电话",
    "工作单位",
    "区县",
    "养老金账号",
    "人员状态",
    "人员类别",
]


def make_id_number(rng: random.Random, birth: dt.date, male: bool) -> str:
    """A valid 18-character number for this birth date and gender."""
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    body = f"{rng.choice(AREAS)}{birth:%Y%m%d}{seq:03d}"
    return body + check_character(body)


def people_rows(count: int, *, seed: int = 2026) -> Iterator[list[str]]:
    """``count`` distinct valid rows in ``HEADER`` order."""
    rng = random.Random(seed)
    seen: set[str] = set()
    start = dt.date(1925, 1, 1).toordinal()
    span = dt.date(1966, 12, 31).toordinal() - start
    while len(seen) < count:
        male = rng.random() < 0.5
        birth = dt.date.fromordinal(start + rng.randrange(span))
        number = make_id_number(rng, birth, male)
        if number in seen:
            continue
        seen.add(number)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        yield [
            number,
            name,
            "男" if male else "女",
            birth.isoformat(),
            "汉族" if rng.random() < 0.95 else "回族",
            f"河北省邯郸市{rng.choice(DISTRICTS)}{rng.randrange(1, 300)}号",
            f"13{rng.randrange(10**9):09d}",
            rng.choice(UNITS),
            rng.choice(DISTRICTS),
            f"PA{rng.randrange(10**10):010d}",
            "正常",
            "退休" if rng.random() < 0.9 else "遗属",
        ]


def roster_csv(rows: list[list[str]], *, encoding: str = "utf-8-sig") -> bytes:
    """Rows with the Chinese header, as Excel would save them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)
