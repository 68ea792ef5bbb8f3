"""The page's own CJK font: a WOFF2 subset of the bundled Noto Sans CJK SC.

A report page is read on machines that may have no Chinese font at all (a fresh Linux
box, a container, a locked-down office PC); without one every Chinese character is a
box. The page therefore carries the glyphs it shows: :func:`subset_woff2` cuts the
Noto Sans CJK SC face of the ``noto-cjk-sans-otc`` package (``report`` extra) down to
the characters of the page and compresses it as WOFF2 (``fonttools[woff]``: brotli), and
:func:`font_face_css` wraps it in an ``@font-face`` rule with a base64 ``data:`` URL
and a ``unicode-range`` naming exactly the characters it covers.

The font is inlined rather than written beside the page because browsers treat every
``file://`` page as its own origin and refuse to load a font file from a sibling path
(fonts are fetched in CORS mode), so a page opened from disk would still show boxes.

The bytes are deterministic: the same text gives the same font (the source font's
``head.modified`` is kept rather than set to the time of the run, the glyph order and
tables follow the font, and brotli is deterministic).
"""

from __future__ import annotations

import base64
import html
import io
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from govtext.errors import MissingExtraError, require

__all__ = [
    "FONT_FAMILY",
    "font_source",
    "covered_codepoints",
    "page_characters",
    "subset_woff2",
    "unicode_ranges",
    "font_face_css",
    "font_slices",
    "FONT_SLICES",
]

#: The CSS family name of the embedded subset; distinct from the system font's
#: name ("Noto Sans CJK SC") so that the page never mixes the two by accident.
FONT_FAMILY = "govtext Noto Sans CJK SC"

#: Name of the Simplified Chinese face inside the Noto Sans CJK collection.
_FACE_NAME = "Noto Sans CJK SC"

#: Always in the subset, whatever the page holds: printable ASCII, so that digits and
#: Latin letters added later by a script (numbers, search boxes) use the same font.
_ALWAYS = "".join(chr(i) for i in range(0x20, 0x7F))


@lru_cache(maxsize=1)
def font_source() -> tuple[Path, int]:
    """The bundled font collection and the index of its Simplified Chinese face.

    Returns
    -------
    (path, index) : (pathlib.Path, int)
        The ``.ttc`` file of the ``noto-cjk-sans-otc`` package and the number of the
        "Noto Sans CJK SC" font inside it.

    Raises
    ------
    MissingExtraError
        If fontTools or the font package (``report`` extra) is not installed.

    Examples
    --------
    >>> path, index = font_source()
    >>> path.suffix, index
    ('.ttc', 2)
    """
    require("fontTools", "report", "embedding the CJK font in the report page")
    from fontTools.ttLib import TTCollection

    try:
        import noto_cjk_sans_otc
    except ImportError:
        raise MissingExtraError(
            "the report page's Chinese font needs the package 'noto-cjk-sans-otc'; "
            "install it with: pip install 'govtext[report]'"
        ) from None
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    collection = TTCollection(str(path), lazy=True)
    try:
        for i, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == _FACE_NAME:
                return path, i
    finally:
        collection.close()
    raise MissingExtraError(  # pragma: no cover - a different build of the font package
        f"{path} has no {_FACE_NAME!r} face; reinstall it with: pip install 'govtext[report]'"
    )


def page_characters(*texts: str) -> str:
    """The distinct characters that HTML ``texts`` can show, sorted, with printable ASCII.

    Character references (``&amp;``, ``&#x4e2d;``) are decoded; control characters and
    white space other than the space are left out. Markup is not removed: tag and
    attribute names are ASCII, which is in the subset anyway.

    Parameters
    ----------
    *texts : str
        HTML pages or fragments, or plain text (for example the strings a script on the
        page will show).

    Returns
    -------
    str
        One character each, in code point order.

    Examples
    --------
    >>> chars = page_characters("<p>乡村振兴 &amp; 共同富裕</p>")
    >>> [c for c in chars if ord(c) > 0x7E]
    ['乡', '共', '兴', '同', '富', '振', '村', '裕']
    """
    seen = set(_ALWAYS)
    for text in texts:
        seen.update(html.unescape(text))
    return "".join(sorted(c for c in seen if c.isprintable()))


def subset_woff2(text: str) -> bytes:
    """A WOFF2 font with the Noto Sans CJK SC glyphs of the characters of ``text``.

    Characters the font lacks (emoji, rare CJK extensions) are left out; the browser
    draws them with a system font if it has one. Only the ``kern`` layout feature is
    kept (Chinese set horizontally needs no other), so a glyph is in the font only when
    a character of ``text`` maps to it.

    Parameters
    ----------
    text : str
        The characters to keep (duplicates and order do not matter).

    Returns
    -------
    bytes
        The WOFF2 file; the same characters always give the same bytes.

    Examples
    --------
    >>> font = subset_woff2("政府工作报告")
    >>> font[:4], len(font) < 20_000, font == subset_woff2("告报作工府政")
    (b'wOF2', True, True)
    """
    return _subset(frozenset(ord(c) for c in text))


@lru_cache(maxsize=4)
def _subset(codepoints: frozenset[int]) -> bytes:
    require("brotli", "report", "compressing the report page's font (WOFF2)")
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path, index = font_source()
    # recalcTimestamp=False: keep the source's head.modified, so the bytes never
    # depend on the time of the run; recalcBBoxes=False: the bounds of every glyph were
    # recomputed three times on save (hhea, vhea, CFF), half the time, for the same bytes
    font = TTFont(str(path), fontNumber=index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    try:
        subsetter = subset.Subsetter(subset.Options(layout_features=["kern"]))
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        font.flavor = "woff2"
        out = io.BytesIO()
        with _brotli_quality(_BROTLI_QUALITY):
            font.save(out)
    finally:
        font.close()
    return out.getvalue()


#: Brotli quality of the WOFF2 data. fontTools uses the maximum, 11, which takes about
#: 15 s for the ~2,600 glyphs of a page with its texts' characters on a busy 2-core
#: machine; 9 takes 0.2 s for a font ~5% larger (measured on that font).
_BROTLI_QUALITY = 9
_BROTLI_LOCK = threading.Lock()


@contextmanager
def _brotli_quality(quality: int) -> Iterator[None]:
    """fontTools' WOFF2 writer compresses with ``brotli.compress(data, mode=...)`` and no
    quality argument: give it one for the time of a save (the same quality, the same
    bytes)."""
    from fontTools.ttLib import woff2

    real = woff2.brotli

    class _Brotli:
        MODE_FONT = real.MODE_FONT
        decompress = staticmethod(real.decompress)

        @staticmethod
        def compress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
            kwargs.setdefault("quality", quality)
            return real.compress(data, *args, **kwargs)

    with _BROTLI_LOCK:
        woff2.brotli = _Brotli
        try:
            yield
        finally:
            woff2.brotli = real


def covered_codepoints(woff2: bytes) -> list[int]:
    """The code points that the font ``woff2`` maps to a glyph, sorted."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(woff2), lazy=True)
    try:
        return sorted(font.getBestCmap())
    finally:
        font.close()


def unicode_ranges(codepoints: Iterable[int]) -> str:
    """A CSS ``unicode-range`` value: runs of consecutive code points as ``U+A-B``.

    Examples
    --------
    >>> unicode_ranges([0x20, 0x21, 0x22, 0x4E2D, 0x56FD])
    'U+20-22, U+4E2D, U+56FD'
    """
    parts: list[str] = []
    cps = sorted(set(codepoints))
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(f"U+{cps[i]:X}" if i == j else f"U+{cps[i]:X}-{cps[j]:X}")
        i = j + 1
    return ", ".join(parts)


#: The page's font is cut into this many subsets by code point, each its own
#: ``@font-face`` rule with its ``unicode-range`` (browsers load the rules of one family
#: per character, as for the sliced CJK fonts of web font services). Two cores make two
#: subsets side by side in about half the time of one (the subset is ~2-3 s for a page's
#: ~2,600-3,700 characters; the two are ~2% larger than one). Always this many, whatever
#: the number of jobs, so the bytes of the page do not depend on it.
FONT_SLICES = 2


def font_slices(codepoints: Iterable[int], slices: int = FONT_SLICES) -> list[list[int]]:
    """``codepoints`` sorted and cut into ``slices`` runs of about the same length (fewer
    when there are fewer code points).

    Examples
    --------
    >>> font_slices([0x56FD, 0x20, 0x4E2D, 0x21], 2)
    [[32, 33], [20013, 22269]]
    >>> font_slices([0x4E2D], 2)
    [[20013]]
    """
    cps = sorted(set(codepoints))
    k = max(1, min(slices, len(cps)))
    bounds = [round(i * len(cps) / k) for i in range(k + 1)]
    return [cps[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def font_face_css(text: str, *, family: str = FONT_FAMILY, parallel: bool = False) -> str:
    """``@font-face`` rules carrying the subset for ``text`` as base64 ``data:`` URLs,
    one rule per slice of its characters (:data:`FONT_SLICES`, :func:`font_slices`).

    Parameters
    ----------
    text : str
        Everything the page shows (for example :func:`page_characters` of the page).
    family : str
        The CSS family name to declare; list it first in ``font-family``.
    parallel : bool, default False
        Make the slices side by side in forked processes (where ``fork`` is available and
        safe: no dask Client or other threads in use); the same bytes either way.

    Returns
    -------
    str
        The CSS rules, each with a ``unicode-range`` listing exactly the characters its
        subset has, so that a browser falls back per character (and
        ``document.fonts.check(...)`` answers per character).

    Examples
    --------
    >>> css = font_face_css("中国")
    >>> css.startswith('@font-face { font-family: "govtext Noto Sans CJK SC";')
    True
    >>> "U+4E2D" in css and "U+56FD" in css and "font/woff2" in css
    True
    """
    keys = [frozenset(cps) for cps in font_slices(ord(c) for c in text)]
    todo = [k for k in keys if k not in _MADE]
    jobs = []
    if parallel and len(todo) > 1:
        from govtext._runtime.parallel import fork_call

        for key in todo[1:]:
            job = fork_call(lambda key=key: _subset(key), name="a font subset")
            if job is None:
                break
            jobs.append((key, job))
    if todo:
        _remember(todo[0], _subset(todo[0]))
    for key, job in jobs:  # remembered here too: a later page with the same characters
        _remember(key, job.result())  # needs no font file (it may no longer be readable)
    for key in todo:
        if key not in _MADE:
            _remember(key, _subset(key))
    return "".join(_font_face_rule(_MADE[key], family) for key in keys)


#: The subsets made in this process or its forked slices, by characters (the last few).
_MADE: dict[frozenset[int], bytes] = {}


def _remember(key: frozenset[int], woff2: bytes) -> None:
    _MADE.pop(key, None)
    _MADE[key] = woff2
    while len(_MADE) > 8:
        _MADE.pop(next(iter(_MADE)))


def _font_face_rule(woff2: bytes, family: str) -> str:
    data = base64.b64encode(woff2).decode("ascii")
    ranges = unicode_ranges(covered_codepoints(woff2))
    return (
        f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: 400; '
        f'font-display: block;\n  src: url(data:font/woff2;base64,{data}) format("woff2");\n'
        f"  unicode-range: {ranges}; }}\n"
    )
