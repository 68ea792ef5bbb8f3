"""Reading report files in any common Chinese encoding, and writing outputs safely.

Encodings are detected without user help: a byte-order mark decides UTF-8/UTF-16/UTF-32;
otherwise strict UTF-8 is tried, then GB18030 (a superset of GBK and GB2312). Binary files
(PDF, ZIP/DOCX, images, anything with NUL bytes) are refused with a message naming the file.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from .errors import DecodeError, EmptyReportError, InputError

__all__ = [
    "read_text",
    "decode_bytes",
    "atomic_write_text",
    "atomic_write_bytes",
    "ENCODINGS_TRIED",
]

ENCODINGS_TRIED = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030")

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7z archive",
    b"{\\rtf": "an RTF document",
}


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes, detecting the encoding.

    Parameters
    ----------
    data : bytes
        The raw file content.
    source : str
        Name used in error messages (usually the file path).

    Returns
    -------
    (str, str)
        The text (BOM removed) and the name of the encoding used.

    Raises
    ------
    DecodeError
        If the bytes are binary or decode in none of the supported encodings.

    Examples
    --------
    >>> decode_bytes("政府工作报告".encode("gbk"))
    ('政府工作报告', 'gb18030')
    """
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return _strict(data, "utf-32", source), "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", source), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", source), "utf-16"
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DecodeError(
                f"{source}: this is {what}, not a text file; convert it to .txt first"
            )
    if b"\x00" in data[:4096]:
        raise DecodeError(
            f"{source}: contains NUL bytes, so it is binary or UTF-16 without a byte-order mark; "
            f"tried {', '.join(ENCODINGS_TRIED)}"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{source}: cannot be decoded (tried {', '.join(ENCODINGS_TRIED)}); "
            f"first bad byte at offset {exc.start}"
        ) from None
    return text, "gb18030"


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{source}: starts with a {encoding} byte-order mark but is not valid {encoding} "
            f"(bad byte at offset {exc.start})"
        ) from None


def read_text(path: str | os.PathLike[str], *, allow_empty: bool = False) -> tuple[str, str]:
    """Read a text file in any supported encoding.

    Parameters
    ----------
    path : str or path-like
        The file to read. It is opened read-only and never written to.
    allow_empty : bool, default False
        Return empty text instead of raising for a file with no visible characters.

    Returns
    -------
    (str, str)
        The text and the detected encoding.

    Raises
    ------
    InputError
        The path does not exist, is a directory, or cannot be read.
    DecodeError
        The bytes are not text in a supported encoding.
    EmptyReportError
        The file is empty or holds only whitespace (unless ``allow_empty``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_bytes("各位代表：".encode("gb18030"))
    >>> read_text(p)
    ('各位代表：', 'gb18030')
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, expected a file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied, cannot read it") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    text, enc = decode_bytes(data, str(p))
    if not allow_empty and not text.strip():
        what = "empty" if not data else "holds only whitespace"
        raise EmptyReportError(f"{p}: file is {what}, no report text to analyse")
    return text, enc


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then rename).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = atomic_write_bytes(pathlib.Path(tempfile.mkdtemp()) / "a.bin", b"x")
    >>> p.read_bytes()
    b'x'
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return p


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write text atomically; see :func:`atomic_write_bytes`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> atomic_write_text(pathlib.Path(tempfile.mkdtemp()) / "a.txt", "好").read_text("utf-8")
    '好'
    """
    return atomic_write_bytes(path, text.encode(encoding))
