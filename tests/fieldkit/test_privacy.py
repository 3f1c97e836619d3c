"""Tests of fieldkit.privacy: masking of names and ID numbers, and the masked logging set-up.

The ID numbers below are built with an independent check-character routine; none is a real person's.
Every test that calls ``configure_logging`` (directly or through the CLI) goes through the
``clean_logging`` fixture, which removes the handlers fieldkit added and restores the root level.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import privacy
from fieldkit.privacy import MaskingFilter, configure_logging, mask_name, mask_text

UUID = "3f2a9c1e-8b7d-4e6f-9a0b-123456789012"
NAME = "张三丰"


def textbook_check(first17: str) -> str:
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def ident(birth: str, seq: int, area: str = "130402") -> str:
    body = f"{area}{birth}{seq:03d}"
    return body + textbook_check(body)


ID18 = ident("19500101", 123)
ID_X = next(n for n in (ident("19480615", s) for s in range(1000)) if n.endswith("X"))
ID15 = "130402480615022"


def masked_form(number: str) -> str:
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def fieldkit_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if h in privacy._OUR_HANDLERS]


@pytest.fixture
def clean_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    for handler in fieldkit_handlers():
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


# --- mask_name ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张**"),
        ("李四", "李*"),
        ("欧阳娜娜", "欧***"),
        ("王", "*"),
        ("", ""),
        ("   ", ""),
        (" 张三 ", "张*"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# --- mask_text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [ID18, ID_X, ID_X[:-1] + "x", ID15], ids=["18", "18-X", "18-x", "15"])
def test_mask_text_masks_id_numbers(number: str) -> None:
    for text in (number, f"ID {number} rejected", f"id={number},", f"({number})", f"line 3: {number}\n"):
        out = mask_text(text)
        assert number not in out
        assert masked_form(number) in out


def test_mask_text_masks_several_ids_and_ids_between_chinese_text() -> None:
    out = mask_text(f"身份证{ID18}已核验，另一个是{ID15}。")
    assert ID18 not in out and ID15 not in out
    assert masked_form(ID18) in out and masked_form(ID15) in out
    assert "身份证" not in out and "已核验" not in out


def test_mask_text_masks_full_width_id_digits() -> None:
    full_width = ID18.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    assert full_width not in mask_text(f"ID {full_width}")


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        (f"certified {NAME} today", ["三丰", NAME]),
        ("王秀英, 李建国", ["秀英", "建国"]),
        ("阿依古丽·买买提", ["依古丽", "买买提"]),
        ("欧阳娜娜", ["阳娜娜"]),
    ],
)
def test_mask_text_masks_chinese_names(text: str, hidden: list[str]) -> None:
    out = mask_text(text)
    for part in hidden:
        assert part not in out


def test_mask_text_masks_given_name_outside_the_basic_plane() -> None:
    # U+2CB5A (CJK Extension E) is in the 2013 General Standard Chinese Characters table and occurs in
    # given names; GB18030 rosters carry it, so it reaches the logs like any other name character.
    rare = "\U0002cb5a"
    out = mask_text(f"certified 王{rare} today")
    assert rare not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "imported 5000 rows in 12 s",
        f"batch {UUID} written",
        "123e4567-e89b-12d3-a456-426614174000",
        "phone 13912345678, account PA0123456789",
        "2026-11-28T13:50:05.123456Z",
        "sequence 12345678901234 and 1234567890123456",  # 14 and 16 digits: not ID-shaped
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "",
    ],
)
def test_mask_text_leaves_ordinary_text_alone(text: str) -> None:
    assert mask_text(text) == text


# --- logging -----------------------------------------------------------------------------------


def read_log(folder: Path) -> str:
    for handler in fieldkit_handlers():
        handler.flush()
    return (folder / "fieldkit.log").read_text(encoding="utf-8")


def test_configure_logging_masks_messages_args_and_tracebacks(
    tmp_path: Path, clean_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "logs"
    configure_logging(folder)
    handlers = fieldkit_handlers()
    assert handlers and all(any(isinstance(f, MaskingFilter) for f in h.filters) for h in handlers)
    log = logging.getLogger("fieldkit.test_privacy")
    log.info("enrolled %s (%s)", ID18, NAME)
    log.info("old card %s of %s", ID15, "李秀英")
    log.info(f"inline {ID_X} {NAME}")
    log.warning("check failed for %s", ID18)
    try:
        try:
            raise KeyError(ID15)
        except KeyError as inner:
            raise ValueError(f"row 7: {ID18} belongs to {NAME}") from inner
    except ValueError:
        log.exception("import of %s failed", NAME)
    text = read_log(folder)
    assert "enrolled" in text and "Traceback" in text and "ValueError" in text and "KeyError" in text
    for secret in (ID18, ID15, ID_X, NAME, "三丰", "李秀英", "秀英"):
        assert secret not in text, secret
    assert masked_form(ID18) in text and masked_form(ID15) in text
    err = capsys.readouterr().err
    assert "check failed" in err
    for secret in (ID18, ID15, NAME, "三丰"):
        assert secret not in err


def test_configure_logging_twice_does_not_duplicate_handlers(tmp_path: Path, clean_logging: None) -> None:
    configure_logging(tmp_path / "logs")
    first = len(fieldkit_handlers())
    configure_logging(tmp_path / "logs")
    assert len(fieldkit_handlers()) == first == 2
    logging.getLogger("fieldkit.test_privacy").info("once")
    assert read_log(tmp_path / "logs").count("once") == 1


def test_configure_logging_without_folder_only_logs_to_stderr(clean_logging: None) -> None:
    configure_logging(None)
    handlers = fieldkit_handlers()
    assert len(handlers) == 1
    assert not isinstance(handlers[0], logging.FileHandler)


def test_cli_internal_error_goes_to_masked_log_not_stderr(
    cli, home: Path, store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_logging: None
) -> None:
    # fieldkit.cli.main promises: a bug exits 70 and "its traceback goes to the masked log only"
    import fieldkit.cli.people_cmds as people_cmds

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"unexpected value {ID18} for {NAME}")

    monkeypatch.setattr(people_cmds, "import_roster", broken)
    roster = tmp_path / "roster.csv"
    roster.write_text("身份证号码,姓名\n", encoding="utf-8")
    result = cli("roster", "import", str(roster), "--report", str(tmp_path / "r.csv"))
    assert result.code == 70
    assert "internal error" in result.err
    for secret in (ID18, NAME, "三丰"):
        assert secret not in result.err and secret not in result.out
    text = read_log(home / "logs")
    assert "RuntimeError" in text and "Traceback" in text
    assert ID18 not in text and NAME not in text
    assert "Traceback" not in result.err, result.err
