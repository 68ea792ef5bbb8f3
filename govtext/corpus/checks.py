"""Checks made once, at load time, so nothing downstream can fail on what a user passed.

- :func:`clean_string`: lone surrogates and other code points that cannot be encoded as
  UTF-8 (possible in JSON, in ``str`` built by hand, in file names decoded with
  ``surrogateescape``) become U+FFFD, with one warning naming the source and the offset.
- :func:`check_year`: a year outside 1949 .. (this year + 1) is a warning; when the file
  name and the report's own header disagree, the header wins and the metadata says so.
- :func:`check_paths`: the argument of ``load_corpus`` is a path, a glob or a list of them
  (an :class:`~govtext.errors.InputError` names what was passed otherwise).
- :data:`OUTPUT_MARKER`: a folder holding this file was written by ``govtext report`` and
  is never read back as input.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import warnings
from collections.abc import Iterable
from typing import Any

from govtext.errors import InputError

__all__ = [
    "OUTPUT_MARKER",
    "FIRST_YEAR",
    "clean_string",
    "clean_meta",
    "check_year",
    "check_paths",
]

#: Name of the file ``govtext report`` writes into every output folder.
OUTPUT_MARKER = ".govtext-output"
#: The first year a report of the People's Republic can carry.
FIRST_YEAR = 1949

_UNENCODABLE = re.compile("[\ud800-\udfff]")


class LoadWarning(UserWarning):
    """Something in the input was repaired or overridden while loading."""


def _warn(message: str) -> None:
    warnings.warn(message, LoadWarning, stacklevel=4)


def clean_string(value: str, source: str, what: str = "text") -> str:
    """``value`` with every code point UTF-8 cannot encode replaced by U+FFFD.

    Parameters
    ----------
    value : str
    source : str
        The file or row the string came from (named in the warning).
    what : str
        Which field (``text``, ``name``, ``region`` ...).

    Returns
    -------
    str
        ``value`` itself when it is clean (no copy).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     clean_string("乡村\\ud800振兴", "r.jsonl line 1")
    ...     print(str(w[0].message))
    '乡村�振兴'
    r.jsonl line 1: text has 1 code point(s) that cannot be encoded (lone surrogates), replaced with U+FFFD; first at offset 2
    """
    first = _UNENCODABLE.search(value)
    if first is None:
        return value
    n = len(_UNENCODABLE.findall(value))
    _warn(
        f"{source}: {what} has {n} code point(s) that cannot be encoded (lone surrogates), "
        f"replaced with U+FFFD; first at offset {first.start()}"
    )
    return _UNENCODABLE.sub("\ufffd", value)


def clean_meta(meta: dict[str, Any], source: str) -> dict[str, Any]:
    """Metadata with :func:`clean_string` applied to every string value (and key).

    Examples
    --------
    >>> clean_meta({"region": "甲县", "year": 2023}, "r")
    {'region': '甲县', 'year': 2023}
    """
    out: dict[str, Any] = {}
    for k, v in meta.items():
        key = clean_string(k, source, "a metadata column name") if isinstance(k, str) else k
        out[key] = clean_string(v, source, str(key)) if isinstance(v, str) else v
    return out


def _this_year() -> int:
    return _dt.date.today().year


def check_year(meta: dict[str, Any], from_name: Any, from_header: Any, source: str) -> None:
    """Settle ``meta["year"]`` between the file name and the header (in place).

    The header's own date wins when the two disagree (a file name is easier to get
    wrong than the line the speaker's office printed); ``meta["year_note"]`` then says
    what happened. Two exceptions keep the file name's year: a report delivered in
    November or December of the year before the one its file names (a township's 2024
    report given on 2023-12-28), and a header year outside 1949 .. next year. A year
    outside that range from either place is a warning.

    Examples
    --------
    >>> import warnings
    >>> m = {"year": 9999}
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     check_year(m, 9999, 2023, "9999_county_甲县.txt")
    >>> m["year"], m["year_note"]
    (2023, 'file name says 9999, header says 2023: header used')
    """
    last = _this_year() + 1
    for where, y in (("file name", from_name), ("header", from_header)):
        if isinstance(y, int) and not FIRST_YEAR <= y <= last:
            _warn(f"{source}: the {where} gives year {y}, outside {FIRST_YEAR}–{last}")
    if isinstance(from_name, int) and isinstance(from_header, int) and from_name != from_header:
        date = str(meta.get("date") or "")
        if from_name == from_header + 1 and date[5:7] in ("11", "12"):
            return  # delivered late in the year before: a report for the year it names
        if not FIRST_YEAR <= from_header <= last:
            return  # an impossible header year never overrides the file name
        meta["year"] = from_header
        meta["year_note"] = f"file name says {from_name}, header says {from_header}: header used"
        _warn(f"{source}: {meta['year_note']}")


def check_paths(paths: Any) -> list[str | os.PathLike[str]]:
    """The ``paths`` argument of ``load_corpus`` as a list, or a clear error.

    Examples
    --------
    >>> check_paths("reports/")
    ['reports/']
    >>> check_paths(b"reports/")
    Traceback (most recent call last):
    ...
    govtext.errors.InputError: paths: expected a file, folder or glob (str or path), or a list of them; got bytes
    """

    def bad(what: str) -> InputError:
        return InputError(
            f"paths: expected a file, folder or glob (str or path), or a list of them; got {what}"
        )

    if isinstance(paths, (str, os.PathLike)):
        items = [paths]
    elif isinstance(paths, (bytes, bytearray)) or paths is None:
        raise bad(type(paths).__name__ if paths is not None else "None")
    elif isinstance(paths, Iterable):
        items = list(paths)
        if not items:
            raise InputError("paths: the list of files or folders is empty")
    else:
        raise bad(type(paths).__name__)
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise bad(f"a list holding {type(item).__name__}")
        if not os.fspath(item).strip():
            raise InputError(
                "paths: an empty string is not a file or folder (use '.' for the current folder)"
            )
    return items
