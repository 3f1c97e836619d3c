"""Compile Qt Linguist ``.ts`` files to the binary ``.qm`` files ``QTranslator`` loads.

Why our own compiler: PyQt5's wheel ships ``pylupdate5`` (which extracts strings into ``.ts``) but
not ``lrelease``, and a field laptop or CI machine should not need the Qt SDK to build translations.
The format written here is the subset lrelease writes for messages without plurals: the magic
bytes, a *hashes* section of (ELF hash of source+comment, offset) pairs sorted by hash, and a
*messages* section where each message is ``translation (UTF-16BE), comment, source, context, end``;
``QTranslator`` binary-searches the hashes and then compares context, source and comment exactly.
Unfinished or empty translations are left out, so Qt falls back to the source text.

Usage: ``python scripts/i18n_qm.py`` rebuilds every ``.qm`` beside its ``.ts``;
``python scripts/i18n_qm.py --update`` first refreshes the ``.ts`` files from the sources with
``pylupdate5`` (existing translations are kept). A build tool, so it lives in ``scripts/`` and not in
the shipped package; the app only loads the ``.qm`` files.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
SECTION_HASHES, SECTION_MESSAGES = 0x42, 0x69
TAG_END, TAG_TRANSLATION, TAG_SOURCE, TAG_CONTEXT, TAG_COMMENT = 1, 3, 6, 7, 8
HERE = Path(__file__).resolve().parents[1] / "fieldkit" / "gui" / "i18n"  # the .ts and .qm files
GUI = HERE.parent


@dataclass(frozen=True)
class Message:
    """One translatable message of a ``.ts`` file."""

    context: str
    source: str
    comment: str
    translation: str | None  # None when unfinished, vanished or obsolete


def elf_hash(data: bytes) -> int:
    """Qt's ``elfHash`` over the UTF-8 bytes (never 0)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def read_ts(path: Path) -> list[Message]:
    """Every message of a ``.ts`` file."""
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            kind = element.get("type") if element is not None else "unfinished"
            text = element.text if element is not None else None
            usable = kind not in ("unfinished", "vanished", "obsolete") and bool(text)
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    translation=text if usable else None,
                )
            )
    return messages


def _blob(tag: int, data: bytes) -> bytes:
    return struct.pack(">BI", tag, len(data)) + data


def compile_messages(messages: list[Message]) -> bytes:
    """The ``.qm`` bytes for the translated messages."""
    body = bytearray()
    hashes: list[tuple[int, int]] = []
    for message in messages:
        if message.translation is None:
            continue
        hashes.append((elf_hash((message.source + message.comment).encode("utf-8")), len(body)))
        body += _blob(TAG_TRANSLATION, message.translation.encode("utf-16-be"))
        body += _blob(TAG_COMMENT, message.comment.encode("utf-8"))
        body += _blob(TAG_SOURCE, message.source.encode("utf-8"))
        body += _blob(TAG_CONTEXT, message.context.encode("utf-8"))
        body += bytes([TAG_END])
    table = b"".join(struct.pack(">II", h, offset) for h, offset in sorted(hashes))
    return MAGIC + _blob(SECTION_HASHES, table) + _blob(SECTION_MESSAGES, bytes(body))


def compile_ts(source: Path, target: Path | None = None) -> Path:
    """Write the ``.qm`` for ``source`` (beside it unless ``target`` is given)."""
    target = target or source.with_suffix(".qm")
    target.write_bytes(compile_messages(read_ts(source)))
    return target


def ts_files() -> list[Path]:
    return sorted(HERE.glob("fieldkit_*.ts"))


def python_sources() -> list[Path]:
    """The GUI modules pylupdate5 scans for ``tr()``/``translate()`` calls."""
    return sorted(p for p in GUI.rglob("*.py") if "i18n" not in p.parts)


def update_ts(targets: list[Path]) -> None:
    """Refresh ``targets`` from the sources with pylupdate5 (keeps translations, drops vanished)."""
    tool = shutil.which("pylupdate5") or str(Path(sys.executable).parent / "pylupdate5")
    files = [str(p) for p in python_sources()]
    subprocess.run([tool, "-noobsolete", *files, "-ts", *map(str, targets)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="refresh the .ts files with pylupdate5 first")
    args = parser.parse_args(argv)
    if args.update:
        update_ts(ts_files())
    for ts in ts_files():
        print(f"{compile_ts(ts).name}: {sum(m.translation is not None for m in read_ts(ts))} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
