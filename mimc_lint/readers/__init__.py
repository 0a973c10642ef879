"""Readers turn a file into an `Instrument`; this module holds what they share: safe decoding."""

from __future__ import annotations

import codecs
from pathlib import Path

from mimc_lint.errors import InputError
from mimc_lint.source import SourceText

#: Larger inputs are refused rather than read into memory: no statute in force comes near it.
MAX_BYTES = 64 * 1024 * 1024

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


def decode(data: bytes, path: str) -> SourceText:
    """Decode UTF-8 (or BOM-marked UTF-16), normalize line ends; refuse binary and other encodings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(path, f"invalid {encoding} text: {error.reason}") from None
            break
    else:
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file, not a statute or a policy (it contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _position(data, error.start)
            raise InputError(
                path,
                f"not valid UTF-8 (byte 0x{data[error.start]:02X}); re-save the file as UTF-8",
                line,
                column,
            ) from None
    if "\x00" in text:
        raise InputError(path, "binary file, not a statute or a policy (it contains NUL characters)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text)


def read_source(path: Path, display: str) -> SourceText:
    """Read and decode `path`; `display` is the path as the user gave it, for messages and spans."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(display, f"file too large ({size} bytes; the limit is {MAX_BYTES} bytes)")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except FileNotFoundError:
        raise InputError(display, "no such file") from None
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except OSError as error:
        raise InputError(display, f"cannot read: {error.strerror or error}") from None
    source = decode(data, display)
    if not source.text.strip():
        raise InputError(display, "empty file")
    return source
