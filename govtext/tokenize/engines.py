"""Segmentation engines: a private ``jieba.Tokenizer`` loaded with the policy vocabulary,
and a jieba-rs (``rjieba``) instance that segments exactly like it, several times faster.

:func:`build_engine` makes both for one tokenizer's words; :func:`segment` cuts a stretch
of text with the faster of them. Nothing here touches jieba's module-level tokenizer.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from govtext.errors import InputError

__all__ = ["Engine", "build_engine", "segment"]

# ---------------------------------------------------------------- rjieba backend
# jieba-rs follows jieba's algorithm (DAG over the dictionary, max log-probability route, HMM
# for runs of single characters) but differs from jieba 0.42 in three details, each of which
# changed tokens on the reference corpus:
# 1. ``total`` (the denominator of every word probability): jieba adds the frequency of every
#    added word to it, also when the word was already in the dictionary, and counts the
#    duplicate ``B超`` line of dict.txt twice; jieba-rs replaces the old frequency. With the
#    policy lexicon the totals differed by ~0.4%, which flipped near-ties (一成 / 一|成,
#    立等 / 立|等, 零|九所 / 零九所). Fixed by padding jieba-rs's total with an unreachable
#    word (``_RJ_PAD``: a NUL is never inside a block either engine segments).
# 2. Letters and digits around ``-``, ``_`` or ``.`` in a run the HMM handles: jieba splits
#    them with ``[a-zA-Z0-9]+(?:\.\d+)?%?`` (``U|-|Key``, ``AR|-|E``, ``M|_|M``); jieba-rs
#    keeps ``U-Key``, ``AR-E``, ``M_M`` whole. Such blocks are cut by jieba (``_RJ_ASCII``).
# 3. Han ranges: jieba's blocks hold U+4E00..U+9FD5 only, jieba-rs's also the CJK extensions
#    and compatibility ideographs; jieba yields each such character alone (``_RJ_EXOTIC``).
_RJ_PAD = "\x00govtext-total"
_RJ_EXOTIC = r"[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
_RJ_ASCII = r"[A-Za-z0-9][+#&._%\-]+[A-Za-z0-9]"
_RJ_UNSAFE = re.compile(f"({_RJ_EXOTIC})|{_RJ_ASCII}")
# whether _RJ_UNSAFE matches anywhere, as one scan that starts with a character class: a
# match of its second branch holds a joiner right after a letter or digit (found there)
_RJ_ANY_UNSAFE = re.compile(
    r"[+#&._%\-" + _RJ_EXOTIC[1:-1] + r"]"
    r"(?:(?<=" + _RJ_EXOTIC + r")|(?<=[A-Za-z0-9][+#&._%\-])[+#&._%\-]*[A-Za-z0-9])"
)
_PY_BLOCK = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")  # jieba's re_han_default


class _FastEngine:
    """A private jieba-rs instance that segments like a given ``jieba.Tokenizer``.

    Loaded with the tokenizer's own dictionary (not jieba-rs's embedded copy), it mirrors
    every ``add_word`` and keeps jieba-rs's ``total`` equal to jieba's (see the notes above).
    ``exact`` turns False if a word is added with a frequency jieba-rs cannot mirror
    (zero or negative: jieba's force-split); the tokenizer then uses jieba.
    """

    def __init__(self, rjieba: Any, freq: dict[str, int]) -> None:
        self.jb = rjieba.Jieba.empty()
        add = self.jb.add_word
        total = 0
        for w, f in freq.items():
            if f > 0:
                add(w, f, None)
                total += f
        self._base = freq
        self._own: dict[str, int] = {}
        self._total = total  # jieba-rs's total, without the pad
        self._pad = 0
        self.exact = True

    def add_word(self, word: str, freq: int, tag: str | None) -> None:
        if freq <= 0:
            self.exact = False
            return
        old = self._own.get(word, self._base.get(word, 0))
        self.jb.add_word(word, freq, tag)
        self._own[word] = freq
        self._total += freq - old

    def align(self, total: int) -> None:
        """Pad jieba-rs's total up to jieba's ``total``."""
        pad = total - self._total
        if pad < 0:
            self.exact = False
        elif pad != self._pad:
            self.jb.add_word(_RJ_PAD, pad, None)
            self._pad = pad


_jieba_lock = threading.Lock()
_BASE: tuple[dict[str, int], int] | None = None


def _base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default dictionary, loaded once per process (each tokenizer copies it)."""
    global _BASE
    with _jieba_lock:
        if _BASE is None:
            import jieba

            logger = jieba.default_logger
            level = logger.level
            logger.setLevel(logging.WARNING)
            try:
                tk = jieba.Tokenizer()
                tk.initialize()
            finally:
                logger.setLevel(level)
            _BASE = (tk.FREQ, tk.total)
        return _BASE


def _term_freq(tk: Any, word: str) -> int:
    # high enough that the term wins over any split into dictionary words
    return max(tk.suggest_freq(word, tune=False), 1) * 10 + 1000


@dataclass
class Engine:
    """What :func:`build_engine` makes: the engines and the facts the rules need."""

    jieba: Any  # the private jieba.Tokenizer
    fast: _FastEngine | None = None  # the jieba-rs mirror (backend "rjieba")
    names: set[str] = field(default_factory=set)  # every known term (lexicon, fitted, user)
    canonical: dict[str, str] = field(default_factory=dict)  # variant -> canonical form
    special: list[str] = field(default_factory=list)  # terms for the rule, longest first


def build_engine(
    terms: Sequence[Any],
    *,
    verbs: Iterable[str] = (),
    discovered: Iterable[str] = (),
    userdict: str | None = None,
    user_words: Iterable[tuple[str, int | None, str | None]] = (),
    backend: str = "jieba",
) -> Engine:
    """A private jieba dictionary with ``verbs``, lexicon ``terms``, ``discovered`` phrases,
    the ``userdict`` file's words and ``user_words`` added (in that order).

    Terms that are not all Han characters (brackets, 、, +, Latin) go to ``special`` for
    the rule of :mod:`govtext.tokenize.rules` instead, as jieba would split them. With
    ``backend="rjieba"`` a jieba-rs mirror of the same dictionary and total is made too.

    Examples
    --------
    >>> e = build_engine([], discovered=["桃溪锦带"])
    >>> e.jieba.lcut("建设桃溪锦带"), e.fast is None
    (['建设', '桃溪锦带'], True)
    """
    import jieba

    freq, total = _base_dictionary()
    tk = jieba.Tokenizer()
    tk.FREQ = dict(freq)  # a private copy: add_word never touches another tokenizer
    tk.total = total
    tk.initialized = True
    added: list[tuple[str, int, str | None]] = []

    def add(word: str, f: int | None, tag: str | None = None) -> None:
        f = f if f is not None else _term_freq(tk, word)
        tk.add_word(word, freq=f, tag=tag)
        added.append((word, f, tag))

    discovered = list(discovered)
    user_words = list(user_words)
    out = Engine(tk)
    out.names = {t.term for t in terms} | set(discovered)
    out.names |= {w for w, _, _ in user_words}
    special = []
    for v in verbs:
        add(v, max(tk.suggest_freq(v, tune=False), 1) * 2)
    for t in terms:
        if t.canonical != t.term:
            out.canonical[t.term] = t.canonical
        if re.fullmatch(r"[\u4e00-\u9fff]+", t.term):
            add(t.term, None)
        else:  # brackets, 、, +, Latin: jieba would split them; matched by a rule
            special.append(t.term)
    for w in discovered:
        add(w, None)
    if userdict:
        for w, f, tag in _read_userdict(userdict):
            add(w, f, tag)
    for w, f, tag in user_words:
        if re.fullmatch(r"[\u4e00-\u9fff]+", w):
            add(w, f, tag)
        else:
            special.append(w)
    out.special = sorted(set(special), key=len, reverse=True)
    if backend == "rjieba":
        from govtext.errors import require

        rjieba = require("rjieba", "fast", "PolicyTokenizer(backend='rjieba')")
        fast = _FastEngine(rjieba, freq)  # jieba's dictionary, not jieba-rs's copy
        for w, f, tag in added:
            fast.add_word(w, f, tag)
        fast.align(tk.total)
        out.fast = fast
    return out


def segment(engine: Any, fast: _FastEngine | None, text: str, hmm: bool = True) -> list[str]:
    """Cut ``text`` with jieba-rs where it is exact (``fast``), else with jieba (``engine``).

    A text longer than two chunks (:data:`_CHUNK` characters) is cut chunk by chunk, at
    places where cutting apart changes no piece (:func:`_chunks`), so that time and memory
    stay linear in its length; each distinct piece is then one object.

    Examples
    --------
    >>> e = build_engine([], user_words=[("桃溪锦带", None, None)])
    >>> segment(e.jieba, e.fast, "建设桃溪锦带")
    ['建设', '桃溪锦带']
    """
    if len(text) > 2 * _CHUNK:
        out: list[str] = []
        one = {}  # a piece seen before is stored once (a pointer per piece, not a string)
        for s, e in _chunks(engine, text):
            pieces = _segment(engine, fast, text[s:e], hmm)
            out.extend(map(one.setdefault, pieces, pieces))
        return out
    return _segment(engine, fast, text, hmm)


def _segment(engine: Any, fast: _FastEngine | None, text: str, hmm: bool) -> list[str]:
    if fast is not None and fast.exact:
        if _RJ_ANY_UNSAFE.search(text) is None:  # _RJ_UNSAFE.search(text) is None
            return fast.jb.cut(text, hmm)
        return _fast_cut_repaired(engine, fast, text, hmm)
    return list(engine.cut(text, HMM=hmm))


def _fast_cut_repaired(engine: Any, fast: _FastEngine, text: str, hmm: bool) -> list[str]:
    """jieba-rs on ``text`` except where it departs from jieba (see ``_RJ_UNSAFE``).

    jieba cuts each block of ``_PY_BLOCK`` on its own, and yields every other
    character alone (whitespace included), so ``text`` can be split at a block's ends:
    the blocks jieba-rs would cut differently go to jieba, CJK-extension characters are
    single pieces, and the rest still goes to jieba-rs.
    """
    jb = fast.jb
    out: list[str] = []
    pos = 0
    for m in _RJ_UNSAFE.finditer(text):
        if m.start() < pos:  # inside a block already cut by jieba
            continue
        if m.group(1) is not None:  # a CJK-extension character: alone in jieba
            s, e = m.span()
            slow = [m.group()]
        else:
            block = _PY_BLOCK.match(text, _block_start(text, m.start()))
            assert block is not None
            s, e = block.span()
            slow = list(engine.cut(text[s:e], HMM=hmm))
        if s > pos:
            out.extend(jb.cut(text[pos:s], hmm))
        out.extend(slow)
        pos = e
    if pos < len(text):
        out.extend(jb.cut(text[pos:], hmm))
    return out


def _read_userdict(path: str) -> list[tuple[str, int | None, str | None]]:
    """``word [freq] [tag]`` lines of a jieba user dictionary."""
    from govtext.corpus.reading import read_text

    text, _ = read_text(path, allow_empty=True)
    out: list[tuple[str, int | None, str | None]] = []
    for i, line in enumerate(text.splitlines(), 1):
        parts = line.strip().split()
        if not parts:
            continue
        freq = None
        if len(parts) > 1:
            try:
                freq = int(parts[1])
            except ValueError:
                raise InputError(
                    f"{path}: line {i}: frequency {parts[1]!r} is not an integer"
                ) from None
        out.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return out


def _block_start(text: str, i: int) -> int:
    """Start of the ``_PY_BLOCK`` run that contains ``text[i]``."""
    while i > 0 and _PY_BLOCK.match(text[i - 1]):
        i -= 1
    return i


# ---------------------------------------------------------------- long texts
# Both engines cut a text block by block (runs of Han characters, letters, digits and
# +#&._%-), and yield every other character alone ("\r\n" as one piece): right after such
# a character a text can be cut in two without changing a piece.
_CHUNK = 1 << 15
_BLOCK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffffa-zA-Z0-9+#&._%\\-"
_BREAK = re.compile(f"[^{_BLOCK}\r]|\r(?!\n)")


def _chunks(engine: Any, text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of chunks of about :data:`_CHUNK` characters that cut like ``text``.

    A chunk ends after the first break character (:data:`_BREAK`) past :data:`_CHUNK`
    characters; in a run of block characters longer than that (text without punctuation),
    at a place :func:`_exact_split` finds. Only if none is found in four chunks' length is a
    run cut where no dictionary word spans (then a piece may differ from one pass: the
    price of bounded memory on such a text).
    """
    out = []
    pos, n = 0, len(text)
    while n - pos > 2 * _CHUNK:
        target = pos + _CHUNK
        cut = None
        for _ in range(4):  # the last chunk is longer than _CHUNK: every window is in text
            m = _BREAK.search(text, target, target + _CHUNK + 1)
            if m is not None and m.start() < target + _CHUNK:
                cut = m.end()
                break
            cut = _exact_split(engine, text, target, target + _CHUNK)
            if cut is not None or target + 2 * _CHUNK >= n:
                break
            target += _CHUNK
        if cut is None:
            cut = _free_position(engine, text, target) or target
        out.append((pos, cut))
        pos = cut
    out.append((pos, n))
    return out


def _spanned(engine: Any, text: str, i: int) -> bool:
    """True if a dictionary word (frequency > 0) covers both ``text[i - 1]`` and ``text[i]``."""
    freq = engine.FREQ
    for a in range(max(i - _longest_word(engine) + 1, 0), i):
        b = a + 1
        while b <= len(text):
            f = freq.get(text[a:b])
            if f is None:  # jieba's dictionary holds every prefix of its words
                break
            if b > i and f:
                return True
            b += 1
    return False


def _free_position(engine: Any, text: str, start: int) -> int | None:
    for i in range(start, min(start + _CHUNK, len(text))):
        if not _spanned(engine, text, i):
            return i
    return None


def _exact_split(engine: Any, text: str, lo: int, hi: int) -> int | None:
    """A place in ``[lo, hi)`` where cutting ``text`` apart changes no piece, or None.

    At ``i`` no dictionary word spans, so every route of jieba's DAG passes through ``i``
    and the route before it is the same whatever follows; and the route from the previous
    such place ends with a word of two or more characters at ``i``, so no run of single
    characters (which the HMM joins) crosses it. (Equal up to floating-point ties between
    routes, which the two ways add up in a different order.)
    """
    prev = None
    for i in range(lo, hi):
        if _spanned(engine, text, i):
            continue
        if prev is not None:
            seg = text[prev:i]
            route: dict[int, Any] = {}
            engine.calc(seg, engine.get_DAG(seg), route)
            x = 0
            while route[x][1] + 1 < len(seg):
                x = route[x][1] + 1
            if len(seg) - x >= 2:
                return i
        prev = i
    return None


def _longest_word(engine: Any) -> int:
    """Length of the longest word of the engine's dictionary (remembered per size)."""
    got = getattr(engine, "_govtext_longest", None)
    if got is None or got[0] != len(engine.FREQ):
        got = (len(engine.FREQ), max(map(len, engine.FREQ)))
        engine._govtext_longest = got
    return got[1]
