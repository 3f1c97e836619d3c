"""Tests of fieldkit.identity.idnumber (GB 11643-1999 resident ID numbers).

Check characters are computed here by an independent "textbook" route (weights 2^(17-i) mod 11 and
the ISO 7064 rule "weighted sum of all 18 characters ≡ 1 (mod 11)"), never by the code under test.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fieldkit.errors import UserError
from fieldkit.identity.idnumber import (
    PROVINCES,
    REASONS,
    IdNumber,
    IdNumberError,
    check_character,
    convert_15_to_18,
    is_valid_id_number,
    mask_id_number,
    parse_id_number,
)

TODAY = datetime.date(2025, 6, 1)
FAST = settings(max_examples=150, deadline=None)


# --- independent oracle --------------------------------------------------------------------------


def textbook_check(first17: str) -> str:
    """ISO 7064 MOD 11-2: weight of position i (0-based, left) is 2^(17-i) mod 11; check = (12 - S) mod 11."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def checksum_ok(number18: str) -> bool:
    """The standard's own validity rule: sum of all 18 characters (X = 10) times 2^(17-i) is 1 mod 11."""
    values = [10 if c == "X" else int(c) for c in number18]
    return sum(v * pow(2, 17 - i, 11) for i, v in enumerate(values)) % 11 == 1


def make(first17: str) -> str:
    return first17 + textbook_check(first17)


def reason(text: str, today: datetime.date = TODAY) -> IdNumberError:
    with pytest.raises(IdNumberError) as info:
        parse_id_number(text, today=today)
    assert info.value.code in REASONS
    return info.value


# --- strategies ----------------------------------------------------------------------------------

provinces = st.sampled_from(sorted(PROVINCES))
area_rest = st.text(alphabet="0123456789", min_size=4, max_size=4)
sequences = st.integers(min_value=0, max_value=999)


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, datetime.date, int, str]:
    province = draw(provinces)
    born = draw(st.dates(min_value=datetime.date(1890, 1, 1), max_value=TODAY))
    seq = draw(sequences)
    first17 = f"{province}{draw(area_rest)}{born:%Y%m%d}{seq:03d}"
    return make(first17), born, seq, province


# --- the oracle itself ---------------------------------------------------------------------------


def test_textbook_weights_are_the_standard_table() -> None:
    assert [pow(2, 17 - i, 11) for i in range(17)] == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def test_published_example_from_the_standard_is_valid() -> None:
    # Example number printed in GB 11643-1999 (Beijing, born 1949-12-31, female) ends in X.
    assert textbook_check("11010519491231002") == "X"
    assert checksum_ok("11010519491231002X")


# --- check_character -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first17", ["11010519491231002", "13040219900101123", "44030620001231001", "65010219500229000"]
)
def test_check_character_matches_textbook(first17: str) -> None:
    assert check_character(first17) == textbook_check(first17)


@FAST
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_character_matches_textbook_for_any_17_digits(first17: str) -> None:
    assert check_character(first17) == textbook_check(first17)
    assert checksum_ok(first17 + check_character(first17))


@pytest.mark.parametrize(
    "bad", ["", "1" * 16, "1" * 18, "1101051949123100X", "１" * 17, "١" * 17, " " + "1" * 16]
)
def test_check_character_rejects_anything_but_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        check_character(bad)


# --- accepted numbers ----------------------------------------------------------------------------


def test_parse_published_example() -> None:
    idn = parse_id_number("11010519491231002X", today=TODAY)
    assert idn == IdNumber(
        value="11010519491231002X",
        birth_date=datetime.date(1949, 12, 31),
        gender="female",
        province_code="11",
        province_name="北京",
        converted_from_15=False,
    )


def test_parse_male_number_built_here() -> None:
    number = make("13040219900101123")  # 17th digit 3: odd, male
    idn = parse_id_number(number, today=TODAY)
    assert (idn.value, idn.gender, idn.province_name) == (number, "male", "河北")
    assert idn.birth_date == datetime.date(1990, 1, 1)


def test_x_check_character_lowercase_and_whitespace_are_normalised() -> None:
    for text in [
        "11010519491231002x",
        "  11010519491231002X\n",
        "\t11010519491231002x ",
        "\u300011010519491231002X",
    ]:
        assert parse_id_number(text, today=TODAY).value == "11010519491231002X"
        assert is_valid_id_number(text, today=TODAY)


def test_full_width_digits_from_chinese_input_methods_are_accepted() -> None:
    assert parse_id_number("１１０１０５１９４９１２３１００２ｘ", today=TODAY).value == "11010519491231002X"


def test_idnumber_is_frozen_and_its_repr_does_not_leak() -> None:
    idn = parse_id_number("11010519491231002X", today=TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        idn.value = "x"  # type: ignore[misc]
    assert "11010519491231002X" not in repr(idn) and "1949" not in repr(idn)
    assert "1101**********002X" in repr(idn)


def test_provinces_table() -> None:
    assert len(PROVINCES) == 34
    assert PROVINCES["13"] == "河北" and PROVINCES["65"] == "新疆" and PROVINCES["82"] == "澳门"
    with pytest.raises(TypeError):
        PROVINCES["99"] = "x"  # type: ignore[index]


# --- rejections, one per reason, and their order -------------------------------------------------


def test_reasons_are_the_five_codes() -> None:
    assert set(REASONS) == {
        "id.wrong_length",
        "id.bad_characters",
        "id.unknown_province",
        "id.impossible_date",
        "id.bad_check_digit",
    }
    assert issubclass(IdNumberError, UserError)


def test_wrong_length() -> None:
    err = reason("13040219900101123")
    assert err.code == "id.wrong_length"
    assert str(err) == "ID number has 17 characters; it must have 18 (or 15 for an old card)"
    assert err.params["length"] == 17
    assert reason("").code == "id.wrong_length"
    assert reason("12345X").code == "id.wrong_length"  # a final X is a character problem only on 15


@pytest.mark.parametrize(
    "text",
    ["1304021990O1011234", "13040219900101 1234", "1304X2199001011234", "130402-19900101-123", "王小明"],
)
def test_bad_characters(text: str) -> None:
    err = reason(text)
    assert err.code == "id.bad_characters"
    assert "position" in str(err)


def test_x_on_a_15_digit_number_is_a_bad_character() -> None:
    err = reason("13040290010112X")
    assert err.code == "id.bad_characters"
    assert err.params["position"] == 15


def test_unknown_province() -> None:
    err = reason(make("99040219900101123"))
    assert err.code == "id.unknown_province"
    assert str(err) == "ID number starts with 99, which is not a province code"
    assert err.params["province_code"] == "99"


def test_impossible_date() -> None:
    err = reason(make("13040219900230123"))
    assert err.code == "id.impossible_date"
    assert str(err) == "ID number gives birth date 1990-02-30, which does not exist"
    assert err.params == {"birth_date": "1990-02-30"}
    assert reason(make("13040219901301123")).code == "id.impossible_date"
    assert reason(make("13040200000101123")).code == "id.impossible_date"


def test_bad_check_digit() -> None:
    good = make("11010519491231002")
    err = reason(good[:17] + "5")
    assert err.code == "id.bad_check_digit"
    assert str(err) == "ID number check character is 5 but should be X: the number was probably mistyped"
    assert (err.params["found"], err.params["expected"]) == ("5", "X")


def test_checks_run_in_the_documented_order() -> None:
    assert reason("1304A2").code == "id.bad_characters"  # also wrong length
    assert reason(make("99040219900230123")).code == "id.unknown_province"  # also bad date
    bad_date = make("13040219900230123")
    wrong_check = "0" if bad_date[17] != "0" else "1"
    assert reason(bad_date[:17] + wrong_check).code == "id.impossible_date"  # also bad check


# --- dates ---------------------------------------------------------------------------------------


def test_future_birth_date_is_rejected_relative_to_today() -> None:
    born_tomorrow = make("13040220250602123")
    err = reason(born_tomorrow)
    assert err.code == "id.impossible_date" and "after today (2025-06-01)" in str(err)
    assert parse_id_number(born_tomorrow, today=datetime.date(2025, 6, 2)).birth_date == datetime.date(
        2025, 6, 2
    )
    assert is_valid_id_number(make("13040220250601123"), today=TODAY)  # born today is fine


def test_earliest_birth_date() -> None:
    assert is_valid_id_number(make("13040218900101123"), today=TODAY)
    err = reason(make("13040218891231123"))
    assert err.code == "id.impossible_date" and "before 1890-01-01" in str(err)
    # The standard's own sample 440524188001010014 (born 1880) is correctly out of range for a pensioner.
    assert checksum_ok("440524188001010014")
    assert reason("440524188001010014").code == "id.impossible_date"


@pytest.mark.parametrize(
    ("year", "ok"), [(2000, True), (2024, True), (1996, True), (1900, False), (2023, False), (2100, False)]
)
def test_february_29(year: int, ok: bool) -> None:
    number = make(f"130402{year}0229123")
    assert is_valid_id_number(number, today=datetime.date(2200, 1, 1)) is ok


def test_february_29_on_15_digit_cards_means_19yy() -> None:
    assert parse_id_number("130402960229123", today=TODAY).birth_date == datetime.date(1996, 2, 29)
    assert reason("130402000229123").code == "id.impossible_date"  # 1900 was not a leap year


# --- 15 → 18 -------------------------------------------------------------------------------------


def test_convert_15_to_18() -> None:
    assert convert_15_to_18("130402900101123") == make("13040219900101123")
    assert convert_15_to_18(" 110105491231002 ") == "11010519491231002X"


def test_parse_15_digit_number() -> None:
    idn = parse_id_number("110105491231002", today=TODAY)
    assert idn.value == "11010519491231002X" and idn.converted_from_15
    assert idn.birth_date == datetime.date(1949, 12, 31)
    assert idn.gender == "female"  # 15th digit 2 is even
    assert parse_id_number("110105491231003", today=TODAY).gender == "male"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("11010519491231002X", "id.wrong_length"),
        ("1101054912310", "id.wrong_length"),
        ("11010549123100X", "id.bad_characters"),
        ("11010549A231002", "id.bad_characters"),
        ("990105491231002", "id.unknown_province"),
        ("110105491331002", "id.impossible_date"),
    ],
)
def test_convert_15_to_18_rejects_bad_input(text: str, code: str) -> None:
    with pytest.raises(IdNumberError) as info:
        convert_15_to_18(text)
    assert info.value.code == code


# --- masking and privacy -------------------------------------------------------------------------


def test_mask_examples() -> None:
    assert mask_id_number("130402199001011234") == "1304**********1234"
    assert mask_id_number(" 130402900101123 ") == "1304*******1123"
    assert mask_id_number("12345678") == "12****78"
    assert mask_id_number("12345") == "1***5"
    assert mask_id_number("123") == "***"
    assert mask_id_number("") == ""
    assert mask_id_number(None) == "N**e"  # type: ignore[arg-type]  # never raises


PRIVATE_CASES = [
    make("13040219900101123")[:17] + ("0" if make("13040219900101123")[17] != "0" else "1"),
    make("99040219900101123"),
    make("13040219900230123"),
    make("13040230000101123"),
    "1304021990010112345",
    "13040219900101123",
    "1304021990010112X3",
    "13040290010112X",
]


@pytest.mark.parametrize("text", PRIVATE_CASES)
def test_errors_never_show_the_number_in_clear(text: str) -> None:
    err = reason(text)
    exposed = " ".join([str(err), repr(err), *map(str, err.params.values())])
    assert text not in exposed
    assert text[2:-2] not in exposed  # not even the middle
    if "number" in err.params:
        assert err.params["number"] == mask_id_number(text)
        assert "birth_date" not in err.params  # date + masked number would reveal 16 characters


# --- properties ----------------------------------------------------------------------------------


@FAST
@given(valid_numbers())
def test_valid_numbers_round_trip(case: tuple[str, datetime.date, int, str]) -> None:
    number, born, seq, province = case
    idn = parse_id_number(number, today=TODAY)
    assert idn.value == number and not idn.converted_from_15
    assert idn.birth_date == born
    assert idn.gender == ("male" if seq % 2 else "female")
    assert (idn.province_code, idn.province_name) == (province, PROVINCES[province])
    assert parse_id_number(f"  {number.lower()} ", today=TODAY) == idn


@FAST
@given(provinces, area_rest, st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31)), sequences)
def test_15_digit_numbers_convert(province: str, rest: str, born: datetime.date, seq: int) -> None:
    old = f"{province}{rest}{born:%y%m%d}{seq:03d}"
    idn = parse_id_number(old, today=TODAY)
    assert idn.value == make(f"{province}{rest}{born:%Y%m%d}{seq:03d}") == convert_15_to_18(old)
    assert idn.converted_from_15 and idn.birth_date == born
    assert idn.gender == ("male" if seq % 2 else "female")


@FAST
@given(valid_numbers(), st.integers(0, 17), st.sampled_from("0123456789"))
def test_any_single_digit_change_is_rejected(
    case: tuple[str, datetime.date, int, str], pos: int, digit: str
) -> None:
    number = case[0]
    assume(number[pos] != digit)
    changed = number[:pos] + digit + number[pos + 1 :]
    assert not checksum_ok(changed)  # every weight is non-zero mod 11, so the check catches it alone
    with pytest.raises(IdNumberError):
        parse_id_number(changed, today=TODAY)


@FAST
@given(valid_numbers(), st.integers(0, 16))
def test_adjacent_transpositions_are_rejected(case: tuple[str, datetime.date, int, str], pos: int) -> None:
    # Claim checked: neighbouring weights 2^k and 2^(k+1) always differ mod 11, so swapping two
    # different adjacent digits changes the sum by (a-b)(w1-w2) ≢ 0. Also holds for digit 17 ↔ check.
    number = case[0]
    assume(number[pos] != number[pos + 1])
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2 :]
    if "X" not in swapped[:-1]:
        assert not checksum_ok(swapped)
    with pytest.raises(IdNumberError):
        parse_id_number(swapped, today=TODAY)


@FAST
@given(valid_numbers())
def test_swaps_ten_positions_apart_are_not_caught(case: tuple[str, datetime.date, int, str]) -> None:
    # What does NOT hold: 2^10 ≡ 1 (mod 11), so positions 10 apart share a weight and a swap between
    # them (here area digit 5 ↔ first sequence digit) leaves a number that still passes the check.
    number = case[0]
    swapped = number[:4] + number[14] + number[5:14] + number[4] + number[15:]
    assert checksum_ok(swapped)
    assert is_valid_id_number(swapped, today=TODAY)


near_misses = st.text(alphabet="0123456789Xx \t１", min_size=13, max_size=20)


@settings(max_examples=250, deadline=None)
@given(st.one_of(st.text(), near_misses))
def test_parse_raises_only_id_number_errors(text: str) -> None:
    with contextlib.suppress(IdNumberError):
        parse_id_number(text, today=TODAY)
    assert isinstance(is_valid_id_number(text, today=TODAY), bool)


@FAST
@given(st.text(alphabet="0123456789Xx", min_size=15, max_size=20))
def test_rejections_of_long_inputs_do_not_contain_them(text: str) -> None:
    try:
        parse_id_number(text, today=TODAY)
    except IdNumberError as err:
        exposed = " ".join([str(err), *map(str, err.params.values())])
        assert text.strip().upper() not in exposed.upper()


@settings(max_examples=250, deadline=None)
@given(st.one_of(st.text(), near_misses, valid_numbers().map(lambda c: c[0])))
def test_mask_reveals_at_most_8_characters(text: str) -> None:
    masked = mask_id_number(text)
    s = text.strip()
    # The output must be "first k + stars + last k" of the input for some k with 2k <= 8
    # (and 2k <= half the input when it is shorter than an ID number).
    shapes = [
        k for k in range(5) if 2 * k <= len(s) and masked == s[:k] + "*" * (len(s) - 2 * k) + s[len(s) - k :]
    ]
    assert shapes, masked
    k = min(shapes)  # input stars that line up with mask stars are not a reveal
    assert 2 * k <= 8
    if len(s) < 15:
        assert 2 * k <= len(s) // 2
