"""The laptop's bad-input cases (used by ``test_bad_inputs.py``): roster files, images, people,
receipts, stores, command-line options and the config file. Each :class:`Case` says the command,
the exit code it must give and how to prepare the data folder; the shared inputs (damaged pictures,
forged receipt codes, damaged backups) are made once by the test module's ``lab`` fixture.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ID_A = "11010519491231002X"  # enrolled in the template store
ID_B = "110105195001011234"  # on the roster only
ID_FREE = "130402195306151220"  # valid, unknown
LOGIN, PASSWORD = "wang", "operator password 16"


@dataclass
class Lab:
    """The shared inputs: a template data folder and files made once."""

    root: Path
    template: Path
    receipt_number: str
    receipt_pdf: Path
    palms: list[str]
    hq_key: Path
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """One bad input: the command (built from the lab and the case's home), the exit code it must
    give, how to prepare the home, and what to compare for "nothing changed"."""

    name: str
    argv: Callable[[Lab, Path], list[str]]
    expect: int
    prepare: Callable[[Lab, Path], None] | None = None
    env: tuple[tuple[str, str], ...] = ()
    raw_store: bool = False  # compare the store file's bytes (a damaged store does not open)
    records: tuple[str, ...] = ()  # audit actions a refusal itself records: a failed certification
    # attempt (it counts against the policy's attempts), a failed login (it counts towards the lockout)


def png_bomb(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` with a tiny, truncated body (a bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    body = zlib.compress(b"\x00" * 1000)
    idat = struct.pack(">I", len(body)) + b"IDAT" + body + struct.pack(">I", zlib.crc32(b"IDAT" + body))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat


def tiff_bomb(width: int, height: int) -> bytes:
    """A little-endian TIFF header claiming ``width`` × ``height`` with almost no pixel data."""
    entries = [
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 1, 8),
        (259, 3, 1, 1),
        (262, 3, 1, 1),
        (273, 4, 1, 8),
        (277, 3, 1, 1),
        (278, 4, 1, height),
        (279, 4, 1, 16),
    ]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries) + b"\0\0\0\0"
    return b"II*\x00" + struct.pack("<I", 8 + 16) + b"\0" * 16 + ifd


def write_file(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- the cases --------------------------------------------------------------------------------------
def _roster_case(name: str, text: str | bytes, *extra: str, expect: int = 1) -> Case:
    def argv(lab: Lab, home: Path) -> list[str]:
        path = write_file(home.parent / f"{name}.csv", text)
        return ["roster", "import", str(path), "--strict", *extra]

    return Case(f"roster:{name}", argv, expect)


HEADER = "身份证号码,姓名,性别,出生日期,状态\n"


def _roster_cases() -> list[Case]:
    good = f"{ID_B},李四,男,1950-01-01,正常\n"
    row = f"{ID_FREE},张秀英,女,1953-06-15,正常\n"
    cases = [
        _roster_case("empty", b""),
        _roster_case("bom_only", b"\xef\xbb\xbf"),
        _roster_case("binary", np.random.default_rng(3).bytes(2000)),
        _roster_case("no_id_column", "姓名,性别\n张三,男\n"),
        _roster_case("no_name_column", f"身份证号码,性别\n{ID_FREE},女\n"),
        _roster_case("utf16_no_bom", HEADER.encode("utf-16-le")),
        _roster_case("scientific_id", HEADER + good + "1.30402E+17,张秀英,女,,\n"),
        _roster_case("bad_check_digit", HEADER + good + f"{ID_FREE[:-1]}1,张秀英,女,,\n"),
        _roster_case("short_id", HEADER + good + "13040219530615,张秀英,女,,\n"),
        _roster_case("impossible_date", HEADER + good + "130402195302301226,张秀英,女,,\n"),
        _roster_case("unknown_province", HEADER + good + "990402195306151220,张秀英,女,,\n"),
        _roster_case("gender_mismatch", HEADER + good + f"{ID_FREE},张秀英,男,,\n"),
        _roster_case("birth_mismatch", HEADER + good + f"{ID_FREE},张秀英,女,1953-06-16,\n"),
        _roster_case("bad_status", HEADER + good + f"{ID_FREE},张秀英,女,,flying\n"),
        _roster_case("duplicate_id", HEADER + good + row + row),
        _roster_case("empty_name", HEADER + good + f"{ID_FREE},,女,,\n"),
        _roster_case("blank_name", HEADER + good + f"{ID_FREE},   ,女,,\n"),
        _roster_case("huge_name", HEADER + good + f"{ID_FREE},{'张' * 5000},女,,\n"),
        _roster_case(
            "quote_swallows_rows", HEADER + f'{ID_FREE},"张秀英,女,,\n' + good + f"{ID_A},冒名,女,,\n"
        ),
        _roster_case("quote_at_end", HEADER + good + f'{ID_FREE},"张秀英,女,,\n'),
        _roster_case("quote_overwrites_person", HEADER + f'{ID_B},"李四,男,,\n{ID_A},冒名顶替,女,,\n'),
        _roster_case("quote_in_middle", HEADER + good + f'{ID_FREE},张"秀英,"女,,\n{ID_A},冒名,女,,\n'),
        _roster_case("cr_only_lines", (HEADER + good + f'{ID_FREE},"张秀英,女,,\n').replace("\n", "\r")),
        _roster_case("bad_region", HEADER + good, "--region", "../../x", expect=2),
        _roster_case("region_letters", HEADER + good, "--region", "11010x", expect=2),
        _roster_case("region_short", HEADER + good, "--region", "1101", expect=2),
        _roster_case("region_province_99", HEADER + good, "--region", "990105", expect=2),
        _roster_case("region_county_no_city", HEADER + good, "--region", "110005", expect=2),
        _roster_case("region_nul", HEADER + good, "--region", "110105\x00", expect=2),
        _roster_case("cycle_1999", HEADER + good, "--cycle", "1999", expect=2),
        _roster_case("cycle_text", HEADER + good, "--cycle", "this-year", expect=2),
    ]
    for code in (0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x7F, 0x85, 0x2028):
        cases.append(
            _roster_case(f"control_{code:04x}", HEADER + good + f"{ID_FREE},张{chr(code)}秀英,女,,\n")
        )
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x200B, 0xFEFF):
        cases.append(_roster_case(f"bidi_{code:04x}", HEADER + good + f"{ID_FREE},张{chr(code)}秀英,女,,\n"))
    cases.append(_roster_case("bidi_in_id", HEADER + good + f"\u202e{ID_FREE},张秀英,女,,\n"))
    cases.append(_roster_case("nul_in_address", "身份证号码,姓名,地址\n" + f"{ID_FREE},张秀英,丛台\x00区\n"))
    cases.append(
        Case("roster:missing_file", lambda lab, home: ["roster", "import", str(home.parent / "nope.csv")], 1)
    )
    cases.append(Case("roster:folder", lambda lab, home: ["roster", "import", str(lab.files["folder"])], 1))
    return cases


def _enroll_with(option: str, kind: str) -> Callable[[Lab, Path], list[str]]:
    """enroll ID_B with the bad picture ``kind`` as the face or as the first left palm sample."""

    def argv(lab: Lab, home: Path) -> list[str]:
        bad = str(lab.files[kind])
        if option == "--face":
            pictures = ["--face", bad, "--palm-left", *lab.palms]
        else:
            pictures = ["--palm-left", bad, *lab.palms[:2]]
        return ["enroll", "--id-number", ID_B, *pictures, "--hand-failure", "right=injury", "--samples", "3"]

    return argv


def _fixed(argv: list[str]) -> Callable[[Lab, Path], list[str]]:
    return lambda lab, home: list(argv)


def _image_cases() -> list[Case]:
    cases = []
    kinds = (
        "empty",
        "text",
        "random",
        "trunc_jpeg",
        "trunc_png",
        "tiny_png",
        "blank_jpeg",
        "gif",
        "bmp_junk",
        "png_bomb",
        "tiff_bomb",
        "folder",
    )
    for kind in kinds:
        cases.append(
            Case(
                f"image:face_{kind}",
                _enroll_with("--face", kind),
                1,
            )
        )
        cases.append(
            Case(
                f"image:palm_{kind}",
                _enroll_with("--palm-left", kind),
                1,
            )
        )
    cases.append(
        Case(
            "image:face_noise",
            lambda lab, home: [
                "enroll",
                "--id-number",
                ID_B,
                "--face",
                str(lab.files["noise_photo"]),
                "--palm-left",
                *lab.palms,
                "--hand-failure",
                "right=injury",
                "--samples",
                "3",
            ],
            1,
        )
    )
    cases.append(
        Case(
            "image:certify_palm_text",
            lambda lab, home: ["certify", "--id-number", ID_A, "--palm-left", str(lab.files["text"])],
            1,
        )
    )
    cases.append(
        Case(
            "image:certify_face_blank",
            lambda lab, home: ["certify", "--id-number", ID_A, "--face", str(lab.files["blank_jpeg"])],
            1,
            records=("certification.add",),
        )
    )
    cases.append(
        Case(
            "image:missing_file",
            lambda lab, home: [
                "enroll",
                "--id-number",
                ID_B,
                "--palm-left",
                str(home / "nope.png"),
                "--hand-failure",
                "right=injury",
            ],
            1,
        )
    )
    return cases


def _person_cases() -> list[Case]:
    def enroll(number: str) -> Callable[[Lab, Path], list[str]]:
        return lambda lab, home: [
            "enroll",
            "--id-number",
            number,
            "--palm-left",
            *lab.palms,
            "--hand-failure",
            "right=injury",
            "--samples",
            "3",
        ]

    cases = [
        Case(f"person:enroll_{label}", enroll(number), 1)
        for label, number in (
            ("bad_check", ID_FREE[:-1] + "1"),
            ("short", "1304021953"),
            ("letters", "13040219530615ABCD"),
            ("empty", ""),
            ("bad_date_15", "130402531315122"),
            ("province_00", "000402195306151220"),
            ("bidi", "\u202e" + ID_FREE),
            ("nul", ID_FREE[:9] + "\x00" + ID_FREE[10:]),
        )
    ]
    cases += [
        Case("person:enroll_again", enroll(ID_A), 1),
        Case(
            "person:certify_unknown",
            lambda lab, home: ["certify", "--id-number", ID_FREE, "--palm-left", lab.palms[0]],
            1,
        ),
        Case("person:show_bad", lambda lab, home: ["person", "show", "110105194912310021"], 1),
        Case("person:show_unknown", lambda lab, home: ["person", "show", ID_FREE], 1),
        Case(
            "person:hand_failure_bogus",
            lambda lab, home: [
                "enroll",
                "--id-number",
                ID_B,
                "--palm-left",
                *lab.palms,
                "--hand-failure",
                "right=bored",
            ],
            1,
        ),
        Case(
            "person:hand_failure_shape",
            lambda lab, home: [
                "enroll",
                "--id-number",
                ID_B,
                "--palm-left",
                *lab.palms,
                "--hand-failure",
                "nonsense",
            ],
            2,
        ),
        Case("person:case_unknown", lambda lab, home: ["case", "approve", "C-1999-999", "--note", "x"], 1),
    ]
    return cases


def _receipt_cases() -> list[Case]:
    def verify(kind: str, *extra: str) -> Callable[[Lab, Path], list[str]]:
        return lambda lab, home: ["receipt", "verify", str(lab.files[kind]), *extra]

    cases = [
        Case(f"receipt:verify_{kind}", verify(kind), 1)
        for kind in (
            "empty",
            "text",
            "random",
            "pdf_junk",
            "trunc_pdf",
            "blank_page",
            "foreign_qr",
            "malformed_qr",
            "forged_qr",
            "unknown_key_qr",
            "noise_photo",
            "folder",
            "gif",
            "png_bomb",
            "tiff_bomb",
            "huge_pdf",
        )
    ]
    cases += [
        Case("receipt:verify_missing", lambda lab, home: ["receipt", "verify", str(home / "nope.pdf")], 1),
        Case(
            "receipt:wrong_id",
            lambda lab, home: ["receipt", "verify", str(lab.receipt_pdf), "--id-number", ID_B],
            1,
        ),
        Case(
            "receipt:malformed_id",
            lambda lab, home: ["receipt", "verify", str(lab.receipt_pdf), "--id-number", "12345"],
            1,
        ),
        Case(
            "receipt:bad_key_file",
            lambda lab, home: [
                "receipt",
                "verify",
                str(lab.receipt_pdf),
                "--device-keys",
                str(lab.files["bad_keys"]),
            ],
            1,
        ),
        Case(
            "receipt:missing_key_file",
            lambda lab, home: [
                "receipt",
                "verify",
                str(lab.receipt_pdf),
                "--device-keys",
                str(home / "k.txt"),
            ],
            1,
        ),
        Case("receipt:no_file", lambda lab, home: ["receipt", "verify"], 2),
        Case(
            "receipt:show_unknown",
            lambda lab, home: ["receipt", "show", "NOPE-2026-R000001", "--out", str(home.parent / "x.pdf")],
            1,
        ),
        Case(
            "receipt:print_unknown",
            lambda lab, home: ["receipt", "print", "NOPE-2026-R000001", "--save", str(home.parent / "x.pdf")],
            1,
        ),
        Case(
            "receipt:bad_layout",
            lambda lab, home: [
                "receipt",
                "show",
                lab.receipt_number,
                "--layout",
                "a3",
                "--out",
                str(home.parent / "x.pdf"),
            ],
            2,
        ),
        Case(
            "receipt:out_is_folder",
            lambda lab, home: ["receipt", "show", lab.receipt_number, "--out", str(lab.files["folder"])],
            1,
        ),
    ]
    return cases


def _damage(offset_fraction: float) -> Callable[[Lab, Path], None]:
    def prepare(lab: Lab, home: Path) -> None:
        path = home / "fieldkit.db"
        data = bytearray(path.read_bytes())
        data[int(len(data) * offset_fraction)] ^= 0x01
        path.write_bytes(bytes(data))

    return prepare


def _replace_store(content: Callable[[bytes], bytes]) -> Callable[[Lab, Path], None]:
    def prepare(lab: Lab, home: Path) -> None:
        path = home / "fieldkit.db"
        path.write_bytes(content(path.read_bytes()))

    return prepare


def _store_cases() -> list[Case]:
    cases = []
    for fraction in (0.02, 0.3, 0.55, 0.8, 0.97):
        for command in (["store", "check"], ["store", "backup"], ["store", "passphrase"]):
            name = f"store:{command[1]}_flip_{int(fraction * 100)}"

            def argv(lab: Lab, home: Path, command: list[str] = command) -> list[str]:
                return command + ([str(home.parent / "b.fkb")] if command[1] == "backup" else [])

            cases.append(Case(name, argv, 1, prepare=_damage(fraction), raw_store=True))
    for label, content in (
        ("truncated", lambda data: data[: len(data) // 2]),
        ("zero_length", lambda data: b""),
        ("random", lambda data: np.random.default_rng(5).bytes(len(data))),
        ("header_only", lambda data: data[:100]),
    ):
        cases.append(
            Case(
                f"store:check_{label}",
                lambda lab, home: ["store", "check"],
                1,
                prepare=_replace_store(content),
                raw_store=True,
            )
        )
    cases += [
        Case(
            "store:wrong_passphrase",
            lambda lab, home: ["store", "check"],
            1,
            env=(("FIELDKIT_PASSPHRASE", "not the passphrase"),),
            raw_store=True,
        ),
        Case("store:init_over_existing", lambda lab, home: ["init"], 1, raw_store=True),
        Case("store:restore_foreign", lambda lab, home: ["store", "restore", str(lab.files["random"])], 1),
        Case(
            "store:restore_truncated",
            lambda lab, home: ["store", "restore", str(lab.files["backup_trunc"]), "--force"],
            1,
        ),
        Case(
            "store:restore_flipped",
            lambda lab, home: ["store", "restore", str(lab.files["backup_flipped"]), "--force"],
            1,
        ),
        Case(
            "store:restore_bad_header",
            lambda lab, home: ["store", "restore", str(lab.files["backup_header"])],
            1,
        ),
        Case("store:restore_missing", lambda lab, home: ["store", "restore", str(home / "nope.fkb")], 1),
        Case("store:backup_over_existing", lambda lab, home: ["store", "backup", str(lab.files["text"])], 1),
        Case("store:backup_to_folder", lambda lab, home: ["store", "backup", str(lab.files["folder"])], 1),
    ]
    for weak in ("12345678", "1234567890", "aaaaaaaaaaaa", "password2026", "P@ssw0rd!2024", "qwertyuiopas"):
        cases.append(
            Case(
                f"store:weak_passphrase_{weak}",
                lambda lab, home: ["store", "passphrase"],
                1,
                env=(("FIELDKIT_NEW_PASSPHRASE", weak),),
            )
        )
    return cases


def _option_cases() -> list[Case]:
    enroll = ["enroll", "--id-number", ID_B, "--hand-failure", "right=injury"]
    usage = {
        "samples_negative": [*enroll, "--samples", "-1"],
        "samples_zero": [*enroll, "--samples", "0"],
        "samples_huge": [*enroll, "--samples", "1000"],
        "samples_text": [*enroll, "--samples", "three"],
        "enroll_cycle_old": [*enroll, "--cycle", "1066"],
        "certify_attempt_zero": ["certify", "--id-number", ID_A, "--attempt", "0"],
        "certify_attempt_negative": ["certify", "--id-number", ID_A, "--attempt", "-3"],
        "due_cycle_text": ["due", "--cycle", "next"],
        "retention_negative": ["retention", "--keep-days", "-5"],
        "retention_text": ["retention", "--keep-days", "soon"],
        "sync_timeout_zero": ["sync", "--timeout", "0"],
        "sync_timeout_nan": ["sync", "--timeout", "nan"],
        "sync_timeout_inf": ["sync", "--timeout", "inf"],
        "sync_region_path": ["sync", "--region", "../../x"],
        "sync_cycle_negative": ["sync", "--cycle", "-1"],
        "package_region_path": ["package", "download", "--region", "../../x", "--cycle", "2026"],
        "package_cycle_text": ["package", "download", "--region", "110105", "--cycle", "x"],
        "search_limit_zero": ["person", "search", "王", "--limit", "0"],
        "search_limit_huge": ["person", "search", "王", "--limit", "99999999"],
        "report_cycle_text": ["report", "daily", "--cycle", "x", "--out", "r"],
        "device_seconds_negative": ["device", "test", "palm_scanner", "--seconds", "-1"],
        "device_count_zero": ["device", "record", "palm_scanner", "--count", "0", "--out", "x"],
        "unknown_command": ["explode"],
        "unknown_option": ["store", "check", "--frobnicate"],
        "missing_id": ["enroll"],
        "roster_no_file": ["roster", "import"],
    }
    cases = [Case(f"option:{name}", _fixed(argv), 2) for name, argv in usage.items()]
    user = {
        "export_no_key": lambda lab, home: ["export-batch", str(home.parent / "b.fkb")],
        "export_bad_key": lambda lab, home: [
            "export-batch",
            str(home.parent / "b.fkb"),
            "--hq-key",
            str(lab.files["text"]),
        ],
        "export_over_existing": lambda lab, home: [
            "export-batch",
            str(lab.files["text"]),
            "--hq-key",
            str(lab.hq_key),
        ],
        "package_apply_junk": lambda lab, home: [
            "package",
            "apply",
            str(lab.files["random"]),
            "--hq-key",
            str(lab.hq_key),
        ],
        "package_apply_missing": lambda lab, home: [
            "package",
            "apply",
            str(home / "nope.pkg"),
            "--hq-key",
            str(lab.hq_key),
        ],
    }
    cases += [Case(f"option:{name}", argv, 1) for name, argv in user.items()]
    logins = ("operator.login_failed", "operator.login_unknown", "operator.locked")
    cases.append(
        Case(
            "option:operator_unknown",
            lambda lab, home: ["--operator", "nobody", "roster", "import", str(lab.files["text"])],
            1,
            records=logins,
        )
    )
    cases.append(
        Case(
            "option:wrong_operator_password",
            lambda lab, home: ["case", "approve", "C-1", "--note", "x"],
            1,
            env=(("FIELDKIT_OPERATOR_PASSWORD", "wrong"),),
            records=logins,
        )
    )
    cases.append(
        Case(
            "option:no_operator_for_a_write",
            lambda lab, home: ["roster", "import", str(lab.files["text"])],
            1,
            env=(("FIELDKIT_OPERATOR", ""),),
        )
    )
    return cases


def _config_cases() -> list[Case]:
    variants = {
        "not_toml": "this is = = not toml [",
        "binary": "\x00\x01\x02",
        "version_new": "version = 99\n",
        "version_text": 'version = "one"\n',
        "sync_not_table": 'sync = "x"\n',
        "sync_unknown_key": "[sync]\nfrobnicate = 1\n",
        "sync_cycle_text": '[sync]\ncycle = "x"\n',
        "sync_region_path": '[sync]\nregion = "../../x"\n',
        "sync_region_short": '[sync]\nregion = "11"\n',
        "sync_region_number": "[sync]\nregion = 110105\n",
        "sync_region_province": '[sync]\nregion = "990105"\n',
        "devices_bogus": "[devices.palm_scanner]\ndriver = 5\n",
    }

    def prepare(text: str) -> Callable[[Lab, Path], None]:
        def write(lab: Lab, home: Path) -> None:
            write_file(home / "fieldkit.toml", text)

        return write

    cases = [
        Case(
            f"config:{name}",
            lambda lab, home: ["export-batch", str(home.parent / "b.fkb"), "--hq-key", str(lab.hq_key)],
            1,
            prepare=prepare(text),
        )
        for name, text in variants.items()
    ]

    def folder(lab: Lab, home: Path) -> None:
        (home / "fieldkit.toml").mkdir()

    cases.append(
        Case(
            "config:is_a_folder",
            lambda lab, home: ["export-batch", str(home.parent / "b.fkb"), "--hq-key", str(lab.hq_key)],
            1,
            prepare=folder,
        )
    )
    return cases


def _with_hq(lab: Lab, home: Path) -> None:
    """A copy of the lab's headquarters inside the case's home, so "nothing changed" covers it."""
    import shutil

    shutil.copytree(lab.root / "hq", home / "hq")


def _transfer_cases() -> list[Case]:
    """Work packages the laptop is handed (USB) and batch files HQ is handed: garbage, truncation,
    a forged header, an old unencrypted package, a deeply nested or oversized header."""
    nested = b"[" * 100_000 + b"]" * 100_000
    blobs = {
        "empty": b"",
        "text": b"this is not a package\n",
        "random": np.random.default_rng(11).bytes(8192),
        "old_pkg": b"FKPKG1" + np.random.default_rng(12).bytes(600),
        "sealed_garbage": b"FKPKG2" + np.random.default_rng(13).bytes(600),
        "sealed_short": b"FKPKG2",
        "batch_magic_only": b"FKBATCH1",
        "batch_huge_header": b"FKBATCH1" + struct.pack(">I", 0xFFFFFFF0) + b"{}",
        "batch_nested_header": b"FKBATCH1" + struct.pack(">I", len(nested)) + nested,
        "batch_bad_json": b"FKBATCH1" + struct.pack(">I", 9) + b"{not json",
        "batch_header_list": b"FKBATCH1" + struct.pack(">I", 2) + b"[]",
        "batch_garbage_body": b"FKBATCH1"
        + struct.pack(">I", 2)
        + b"{}"
        + np.random.default_rng(14).bytes(512),
        "zlib_bomb": zlib.compress(b"\0" * 20_000_000, 9),
    }

    def blob(name: str) -> Callable[[Lab, Path], None]:
        def prepare(lab: Lab, home: Path) -> None:
            write_file(home / "in.bin", blobs[name])
            _with_hq(lab, home)

        return prepare

    cases: list[Case] = []
    for name in blobs:
        cases.append(
            Case(
                f"package:apply_{name}",
                lambda lab, home: ["package", "apply", str(home / "in.bin"), "--hq-key", str(home / "hq" / "hq_public.key")],  # noqa: E501
                1,
                prepare=blob(name),
            )
        )  # fmt: skip
        cases.append(
            Case(
                f"batch:import_{name}",
                lambda lab, home: ["hq", "--hq-home", str(home / "hq"), "import-batch", str(home / "in.bin")],
                1,
                prepare=blob(name),
            )
        )  # fmt: skip
    cases += [
        Case("package:apply_folder", lambda lab, home: ["package", "apply", str(lab.files["folder"]), "--hq-key", str(lab.hq_key)], 1),  # noqa: E501
        Case("package:apply_missing", lambda lab, home: ["package", "apply", str(home / "nope.pkg"), "--hq-key", str(lab.hq_key)], 1),  # noqa: E501
        Case("package:bad_hq_key", lambda lab, home: ["package", "apply", str(lab.files["random"]), "--hq-key", str(lab.files["bad_keys"])], 1),  # noqa: E501
        Case("batch:import_folder", lambda lab, home: ["hq", "--hq-home", str(home / "hq"), "import-batch", str(lab.files["folder"])], 1, prepare=_with_hq),  # noqa: E501
        Case("batch:import_missing", lambda lab, home: ["hq", "--hq-home", str(home / "hq"), "import-batch", str(home / "nope")], 1, prepare=_with_hq),  # noqa: E501
    ]  # fmt: skip
    return cases


CASES = (
    _roster_cases() + _image_cases() + _person_cases() + _receipt_cases() + _store_cases() + _transfer_cases()
)
CASES += _option_cases() + _config_cases()
