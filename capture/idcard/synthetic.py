"""Synthetic, valid-looking ID-card records for the simulated reader, demos and tests.

Why here and not in the application: ``capture`` may not import ``fieldkit``, yet the simulated
reader must serve numbers that pass the application's checks, so the GB 11643 MOD 11-2 check
character is implemented again (it is eight lines). The people are invented; the region codes and
police-bureau names are real-looking so that screens and receipts look like the field.
"""

from __future__ import annotations

import datetime as dt
import random

from capture.devices import CardRecord
from capture.idcard.protocol import PHOTO_SIZE

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
_CHECK = "10X98765432"


def gb11643_check_char(first17: str) -> str:
    """The 18th character of a citizen identity number (GB 11643-1999, ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("the check character needs the first 17 digits")
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


# (administrative division code, address prefix, issuing authority)
_REGIONS: tuple[tuple[str, str, str], ...] = (
    ("130402", "河北省邯郸市邯山区", "邯郸市公安局邯山分局"),
    ("130403", "河北省邯郸市丛台区", "邯郸市公安局丛台分局"),
    ("130404", "河北省邯郸市复兴区", "邯郸市公安局复兴分局"),
    ("130102", "河北省石家庄市长安区", "石家庄市公安局长安分局"),
    ("110105", "北京市朝阳区", "北京市公安局朝阳分局"),
    ("310104", "上海市徐汇区", "上海市公安局徐汇分局"),
    ("420106", "湖北省武汉市武昌区", "武汉市公安局武昌分局"),
    ("510107", "四川省成都市武侯区", "成都市公安局武侯区分局"),
    ("450103", "广西壮族自治区南宁市青秀区", "南宁市公安局青秀分局"),
    ("530102", "云南省昆明市五华区", "昆明市公安局五华分局"),
)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_GIVEN = "秀英华玉兰桂芳淑珍凤霞建国明德福海军志强文永春荣丽红平金宝成保山林清"
_STREETS = ("人民路", "建设大街", "中华北大街", "光明路", "和平街", "解放路", "滏河大街", "联纺路")
_ETHNICITIES = ("汉",) * 17 + ("回", "满", "壮", "蒙古", "朝鲜", "彝", "白", "土家")


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # note: 29 February
        return day.replace(year=day.year + years, day=28)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _validity(rng: random.Random, birth: dt.date) -> tuple[dt.date, dt.date | None]:
    """Issue date and expiry following the card law: 10/20 years by age, for life from 46."""
    start = max(dt.date(2005, 1, 1), _add_years(birth, 16))
    issued = start + dt.timedelta(days=rng.randrange(max(1, (dt.date(2024, 12, 31) - start).days)))
    age = _age(birth, issued)
    if age >= 46:
        return issued, None
    return issued, _add_years(issued, 20 if age >= 26 else 10)


def synthetic_cards(count: int, seed: int = 0) -> list[CardRecord]:
    """``count`` invented pensioners' cards, reproducible for a given ``seed``.

    Born 1935–1972 (some women retire at 50), so that both for-life and 20-year cards occur.
    """
    rng = random.Random(seed)
    cards: list[CardRecord] = []
    for _ in range(count):
        region, place, authority = rng.choice(_REGIONS)
        birth = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(38 * 365))
        gender = rng.choice(("male", "female"))
        sequence = rng.randrange(0, 500) * 2 + (1 if gender == "male" else 0)  # odd = male
        first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))
        address = f"{place}{rng.choice(_STREETS)}{rng.randrange(1, 300)}号"
        if rng.random() < 0.5:
            address += f"{rng.randrange(1, 30)}栋{rng.randrange(1, 7)}单元{rng.randrange(101, 1803)}室"
        valid_from, valid_until = _validity(rng, birth)
        cards.append(
            CardRecord(
                id_number=first17 + gb11643_check_char(first17),
                name=name,
                gender=gender,
                ethnicity=rng.choice(_ETHNICITIES),
                birth_date=birth,
                address=address[:35],
                issuing_authority=authority,
                valid_from=valid_from,
                valid_until=valid_until,
                photo=rng.randbytes(PHOTO_SIZE),  # note: not a decodable "wlt" image, just its size
                source="simulated",
            )
        )
    return cards
