"""Reading report files in any common Chinese encoding.

Encodings are detected without user help: a byte-order mark decides UTF-8/UTF-16/UTF-32;
otherwise strict UTF-8 is tried, then GB18030 (a superset of GBK and GB2312), then Big5
(traditional Chinese; also chosen when GB18030 decoding yields private-use garbage). Binary files
(PDF, ZIP/DOCX, images, anything with NUL bytes) are refused with a message naming the file.
"""

from __future__ import annotations

import codecs
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from govtext.errors import DecodeError, EmptyReportError, InputError

__all__ = [
    "read_text",
    "decode_bytes",
    "ENCODINGS_TRIED",
]

ENCODINGS_TRIED = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "big5")

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
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_utf8(data):  # a few bad bytes in a UTF-8 file: GB18030 would give mojibake
        raise DecodeError(_undecodable(data, source, utf8_error, None))
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        big5 = _try_big5(data)
        if big5 is not None:
            return big5, "big5"
        raise DecodeError(_undecodable(data, source, utf8_error, exc)) from None
    if _private_use_share(text) > 0.005:  # Big5 bytes decode as GB18030 private-use garbage
        big5 = _try_big5(data)
        if big5 is not None and _private_use_share(big5) < _private_use_share(text):
            return big5, "big5"
    return text, "gb18030"


def _mostly_utf8(data: bytes) -> bool:
    """True when invalid UTF-8 sequences are under 1% of the characters and the valid
    part holds multi-byte characters (text meant as UTF-8, with a few damaged bytes)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    return bad <= len(text) // 100 and multibyte >= 10 * bad


def _undecodable(
    data: bytes, source: str, utf8: UnicodeDecodeError, gb: UnicodeDecodeError | None
) -> str:
    """The message for bytes no encoding reads, with offsets in the expected encoding.

    A file that is mostly valid UTF-8 was meant to be UTF-8: its bad bytes are reported
    where UTF-8 fails, not where GB18030 — tried next — happens to fail.
    """
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    tried = ", ".join(ENCODINGS_TRIED)
    if gb is None or _mostly_utf8(data):
        return (
            f"{source}: is UTF-8 except for {bad} invalid byte sequence(s); first bad byte at "
            f"offset {utf8.start} (tried {tried})"
        )
    return f"{source}: cannot be decoded (tried {tried}); first bad byte at offset {gb.start}"


def _private_use_share(text: str) -> float:
    if not text:
        return 0.0
    pua = sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
    return pua / len(text)


def _try_big5(data: bytes) -> str | None:
    try:
        return data.decode("big5")
    except UnicodeDecodeError:
        return None


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
        The text and the detected encoding. An HTML page is reduced to its visible text
        (the encoding then reads e.g. ``"utf-8+html"``).

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
    if looks_like_html(text):
        text = html_to_text(text)
        enc = f"{enc}+html"
    if not allow_empty and not text.strip():
        what = "empty" if not data else "holds only whitespace"
        raise EmptyReportError(f"{p}: file is {what}, no report text to analyse")
    return text, enc


_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page (starts with a doctype, ``<html>``, ``<head>`` or ``<body>``).

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><html><body>各位代表</body></html>"), looks_like_html("各位代表")
    (True, False)
    """
    return bool(_HTML_START.match(text[:2000]))


class _TextExtractor(HTMLParser):
    _BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "title",
    }
    _SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    r"""Visible text of an HTML page: scripts and styles dropped, one line per block element.

    Examples
    --------
    >>> html_to_text("<html><script>x()</script><p>各位代表：</p><p>现在&amp;以后</p></html>")
    '各位代表：\n现在&以后'
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [ln.strip() for ln in "".join(parser.parts).splitlines()]
    return "\n".join(ln for ln in lines if ln)
