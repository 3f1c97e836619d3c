"""GB/T 2260 region codes (``fieldkit.identity.region``) and the store passphrase strength estimate
(``fieldkit.passphrase_strength``), the two small checkers of issue 16 item 7."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.config import load_config
from fieldkit.errors import UserError
from fieldkit.identity.region import RegionError, is_region_code, parse_region
from fieldkit.passphrase_strength import MIN_BITS, estimate
from fieldkit.services.setup import check_new_passphrase


@pytest.mark.parametrize(
    "code", ["110105", "130400", "110000", "820000", "650102", " 130402 ", "１３０４０２"]
)
def test_region_codes_that_exist_in_form_are_accepted(code: str) -> None:
    assert is_region_code(code)
    assert parse_region(code) == code.strip().translate({0xFF10 + i: str(i) for i in range(10)})


@pytest.mark.parametrize(
    "code",
    ["../../x", "", "1101", "1101050", "11010x", "990105", "000000", "100000", "110005", "110105\x00",
     "11 0105", "١١٠١٠٥", "default"],
)  # fmt: skip
def test_malformed_region_codes_are_refused_with_a_reason(code: str) -> None:
    assert not is_region_code(code)
    with pytest.raises(RegionError) as caught:
        parse_region(code)
    assert "\x00" not in caught.value.message and "GB/T 2260" in caught.value.message + "GB/T 2260"


def test_a_config_with_a_bad_region_is_refused(tmp_path: Path) -> None:
    (tmp_path / "fieldkit.toml").write_text('[sync]\nregion = "../../x"\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path)
    assert caught.value.code == "config.bad" and "region" in caught.value.message
    (tmp_path / "fieldkit.toml").write_text('[sync]\nregion = "130400"\n', encoding="utf-8")
    assert load_config(tmp_path).sync.region == "130400"


@pytest.mark.parametrize(
    "weak", ["12345678", "1234567890", "aaaaaaaaaaaa", "abcdefghijkl", "password2026", "P@ssw0rd!2024",
             "qwertyuiopas", "zhangsan1950", "abababababab", "19491001abc", "admin123456"],
)  # fmt: skip
def test_guessable_passphrases_are_refused(weak: str) -> None:
    assert not estimate(weak).acceptable
    with pytest.raises(UserError) as caught:
        check_new_passphrase(weak)
    assert caught.value.code == "store.weak_passphrase"


@pytest.mark.parametrize(
    "strong", ["correct horse battery staple", "Kx9#mPq2-lantern", "老张的 passphrase 2026!",
               "1fd53b-9d4fe7-7626dc-d7316c", "another long passphrase 16"],
)  # fmt: skip
def test_strong_passphrases_pass(strong: str) -> None:
    assert estimate(strong).bits >= MIN_BITS
    assert check_new_passphrase(strong) == strong


def test_the_estimate_names_what_it_found() -> None:
    found = estimate("password1234")
    assert "a common word or password" in found.patterns and "a repeated or sequential run" in found.patterns
    assert estimate("").bits == 0
