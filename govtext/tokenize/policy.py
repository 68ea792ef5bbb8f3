"""``PolicyTokenizer``: jieba tuned for the language of government work reports.

Two steps, kept apart so that nothing is lost:

* :meth:`PolicyTokenizer.cut` splits the normalised text into pieces that join back to it
  exactly (``"".join(tok.cut(t)) == normalize(t)``). Policy terms stay whole: a curated
  lexicon is added to a *private* ``jieba.Tokenizer``; rules keep numbers with units
  (``4.7亿元``, ``7%``, ``463万人次``), numbered formulas (``十四五``, ``两个维护``,
  ``二十届三中全会``) and short terms in quotation marks (``“三张好牌”``) as single pieces,
  and a term defined in quotes once is kept whole everywhere in the same text.
* :meth:`PolicyTokenizer.tokenize` filters the pieces into analysis tokens: whitespace,
  punctuation, numbers, general stopwords, policy boilerplate, part of speech, length —
  each switchable — and maps lexicon variants to their canonical form.

No global state is touched: ``jieba.lcut`` elsewhere in the process, and any other
``PolicyTokenizer``, are unaffected by the words one tokenizer adds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govtext.errors import InputError
from govtext.text.normalize import normalize

__all__ = ["PolicyTokenizer", "NUMBER_UNIT", "is_number_token"]

_CN_NUM = "零〇一二两三四五六七八九十百千"
_MULT = "万亿千百"
# units after a number (longest first inside the alternation)
_UNITS = sorted(
    """个百分点 百分点 万千瓦时 千瓦时 万千瓦 千瓦 兆瓦 吉瓦 万元 亿元 万亿元 元 美元 万美元 亿美元 人次 人 户 个 家 项 吨 万吨
    公里 千米 平方公里 平方千米 平方米 立方米 米 亩 公顷 辆 所 座 套 间 张 台 件 次 倍 岁 株 头 只 条 处 篇 册 场 床
    标准箱 公斤 千克 斤 度 天 小时 分钟 名 位 支 批 栋 幢 宗 笔 单 份 类 年 月 日 微克/立方米 个月 周 届 期 轮 层
    千瓦时 标方 方 吨标准煤 标煤 寸 级 星级 A级 G 余 多""".split(),
    key=len,
    reverse=True,
)
_UNITS = [u for u in _UNITS if u not in ("余", "多")]
NUMBER_UNIT = re.compile(
    r"(?:\d+(?:[.,]\d+)*|[" + _CN_NUM + r"]+(?=[" + _MULT + "]|%))"
    r"(?:[多余])?[" + _MULT + r"]*(?:[多余])?"
    r"(?:%|‰|" + "|".join(map(re.escape, _UNITS)) + r")?"
)
_PURE_NUMBER = re.compile(r"^[\d.,%‰" + _CN_NUM + _MULT + r"多余]+$")

_NUMERAL = "一二两三四五六七八九十"
# numbered formulas: 十四五, 两个维护, 三张好牌, 六稳六保, 三去一降一补, 二十届三中全会, 党的二十大
_FORMULAS = [
    r"十[一二三四五]五",
    r"[" + _NUMERAL + r"]{1,3}届[" + _NUMERAL + r"]{1,2}中全会",
    r"党的[" + _NUMERAL + r"]{2,3}大",
    r"(?:[" + _NUMERAL + r"][\u4e00-\u9fff]){2,4}(?=[”’，、。；：）\s]|$)",
    r"["
    + _NUMERAL
    + r"]个(?:意识|自信|维护|确立|全面|代表|坚持|必须|服务|优先|统筹|注重|着力|转变|一以贯之|落实|现代化)",
    r"[" + _NUMERAL + r"]张(?:好牌|王牌|名片|清单)",
    r"[" + _NUMERAL + r"](?:位一体|大攻坚战|大战略|篇大文章)",
]
_FORMULA = re.compile("|".join(f"(?:{f})" for f in _FORMULAS))
# short names in quotation marks
_QUOTED = re.compile(r"(?<=[“‘\"])([^“”‘’\"\s，。；：！？,;:!?]{2,12})(?=[”’\"])")

_PUNCT_CATS = ("P", "S", "Z", "C")
# two-character policy verbs jieba splits (用|好); kept whole in policy mode
_POLICY_VERBS = (
    "打好", "用好", "管好", "抓实", "做实", "做强", "做优", "做大", "做精", "做细", "守住", "守牢", "筑牢",
    "织密", "稳住", "兜牢", "兜住", "擦亮", "打响", "唱响", "树牢", "抓牢", "夯实", "补齐", "拉长",
)  # fmt: skip


def is_number_token(tok: str) -> bool:
    """True for numbers and numbers with units (``2023``, ``4.7亿元``, ``7%``, ``五千``).

    Examples
    --------
    >>> is_number_token("4.7亿元"), is_number_token("463万人次"), is_number_token("乡村振兴")
    (True, True, False)
    """
    if not tok:
        return False
    if _PURE_NUMBER.match(tok):
        if _FORMULA.fullmatch(tok):  # 十四五 is a plan, not a number
            return False
        return any(c.isdigit() or c in _CN_NUM for c in tok)
    m = NUMBER_UNIT.fullmatch(tok)
    return bool(m) and any(c.isdigit() for c in tok)


def _is_punct(tok: str) -> bool:
    return all(unicodedata.category(c)[0] in _PUNCT_CATS for c in tok)


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
_RJ_SUSPECT = re.compile(r"[+#&._%\-" + _RJ_EXOTIC[1:])  # one class: a 3x faster first scan
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


class PolicyTokenizer:
    """jieba with a policy lexicon and rules, on a private ``jieba.Tokenizer``.

    Parameters
    ----------
    mode : {"policy", "fine"}, default "policy"
        ``"policy"`` keeps policy terms, numbered formulas, quoted terms and numbers with
        units whole. ``"fine"`` keeps jieba's own granularity (jieba's dictionary, no
        lexicon and no rules; user words still apply).
    lexicon : bool or path, default True
        Use the packaged policy lexicon, none (False), or a TSV of your own
        (columns ``term, category, canonical, source``).
    userdict : path, optional
        A jieba user dictionary (``word [freq] [tag]`` per line) loaded on top.
    stopwords, boilerplate : bool, default True
        Drop general stopwords / policy boilerplate (工作, 推进, 加强 …) in :meth:`tokenize`.
    extra_stopwords : iterable of str
        More words to drop in :meth:`tokenize`.
    keep_numbers, keep_punct : bool, default False
        Keep numbers (and numbers with units) / punctuation in :meth:`tokenize`.
    pos : iterable of str, optional
        Keep only tokens whose jieba part-of-speech tag starts with one of these
        (e.g. ``{"n", "v"}``); slower, as it runs ``jieba.posseg``.
    min_len : int, default 2
        Shortest token :meth:`tokenize` keeps (in characters).
    canonical : bool, default True
        Map lexicon variants to their canonical form in :meth:`tokenize`.
    hmm : bool, default True
        Let jieba's HMM join unknown words.
    simplify : bool, default False
        Convert traditional to simplified characters while normalising (``zh`` extra).
    backend : {"jieba", "rjieba"}, default "jieba"
        Segmentation engine. ``"rjieba"`` (extra ``fast``) runs jieba-rs on a private
        instance loaded with the same dictionary, lexicon and dictionary total, and hands
        the few blocks where jieba-rs departs from jieba (letters joined by ``-``, ``_``
        or ``.``; CJK-extension characters) to jieba: the same tokens, about four times
        faster. Without rjieba installed it raises :class:`~govtext.errors.MissingExtraError`.

    Examples
    --------
    >>> tok = PolicyTokenizer()
    >>> tok.cut("全面推进乡村振兴，税收完成4.7亿元")
    ['全面', '推进', '乡村振兴', '，', '税收', '完成', '4.7亿元']
    >>> tok.tokenize("全面推进乡村振兴，税收完成4.7亿元")
    ['乡村振兴', '税收']
    """

    def __init__(
        self,
        mode: str = "policy",
        *,
        lexicon: bool | str | Path = True,
        userdict: str | Path | None = None,
        stopwords: bool = True,
        boilerplate: bool = True,
        extra_stopwords: Iterable[str] = (),
        keep_numbers: bool = False,
        keep_punct: bool = False,
        pos: Iterable[str] | None = None,
        min_len: int = 2,
        canonical: bool = True,
        hmm: bool = True,
        simplify: bool = False,
        backend: str = "jieba",
    ) -> None:
        if mode not in ("policy", "fine"):
            raise InputError(f"mode must be 'policy' or 'fine', not {mode!r}")
        if backend not in ("jieba", "rjieba"):
            raise InputError(f"backend must be 'jieba' or 'rjieba', not {backend!r}")
        if min_len < 1:
            raise InputError(f"min_len must be at least 1, not {min_len}")
        if backend == "rjieba":  # fail here, not at the first cut
            from govtext.errors import require

            require("rjieba", "fast", "PolicyTokenizer(backend='rjieba')")
        self.mode = mode
        self.lexicon = lexicon
        self.userdict = str(userdict) if userdict else None
        self.stopwords = stopwords
        self.boilerplate = boilerplate
        self.extra_stopwords = frozenset(extra_stopwords)
        self.keep_numbers = keep_numbers
        self.keep_punct = keep_punct
        self.pos = tuple(pos) if pos else None
        self.min_len = min_len
        self.canonical = canonical
        self.hmm = hmm
        self.simplify = simplify
        self.backend = backend
        self._user_words: list[tuple[str, int | None, str | None]] = []
        self.discovered_: list[str] = []
        self._engine: Any = None
        self._lock = threading.Lock()
        self._special: re.Pattern[str] | None = None
        self._anchors: _Anchors | None = None
        self._canon: dict[str, str] = {}
        self._names: set[str] = set()
        self._fast: Any = None
        self._drop: frozenset[str] | None = None
        self._drop_settings: tuple[Any, ...] | None = None
        self._memo: dict[str, tuple[str, ...]] | None = None
        self._kept: tuple[tuple[Any, ...], dict[str, str | None]] | None = None
        if self.userdict and not Path(self.userdict).is_file():
            raise InputError(f"{self.userdict}: user dictionary not found")

    # ------------------------------------------------------------------ set-up
    def _terms(self):
        from govtext.tokenize.lexicon import load_policy_terms

        if self.mode == "fine" or self.lexicon is False:
            return ()
        if self.lexicon is True:
            return load_policy_terms()
        p = Path(self.lexicon)
        if not p.is_file():
            raise InputError(f"{p}: lexicon file not found")
        return load_policy_terms(str(p))

    def _build(self) -> Any:
        import jieba

        freq, total = _base_dictionary()
        tk = jieba.Tokenizer()
        tk.FREQ = dict(freq)  # a private copy: add_word never touches another tokenizer
        tk.total = total
        tk.initialized = True
        added: list[tuple[str, int, str | None]] = []

        def add(word: str, f: int | None, tag: str | None = None) -> None:
            f = f if f is not None else self._term_freq(tk, word)
            tk.add_word(word, freq=f, tag=tag)
            added.append((word, f, tag))

        terms = self._terms()
        self._names = {t.term for t in terms} | set(self.discovered_)
        self._names |= {w for w, _, _ in self._user_words}
        special = []
        if self.mode == "policy":
            for v in _POLICY_VERBS:
                add(v, max(tk.suggest_freq(v, tune=False), 1) * 2)
        for t in terms:
            if t.canonical != t.term:
                self._canon[t.term] = t.canonical
            if re.fullmatch(r"[\u4e00-\u9fff]+", t.term):
                add(t.term, None)
            else:  # brackets, 、, +, Latin: jieba would split them; matched by a rule
                special.append(t.term)
        for w in self.discovered_:
            add(w, None)
        if self.userdict:
            for w, f, tag in _read_userdict(self.userdict):
                add(w, f, tag)
        for w, f, tag in self._user_words:
            if re.fullmatch(r"[\u4e00-\u9fff]+", w):
                add(w, f, tag)
            else:
                special.append(w)
        if special:
            special = sorted(set(special), key=len, reverse=True)
            self._special = re.compile(_trie_regex(special))
            self._anchors = _special_anchors(special)
        if self.backend == "rjieba":
            from govtext.errors import require

            rjieba = require("rjieba", "fast", "PolicyTokenizer(backend='rjieba')")
            fast = _FastEngine(rjieba, freq)  # jieba's dictionary, not jieba-rs's copy
            for w, f, tag in added:
                fast.add_word(w, f, tag)
            fast.align(tk.total)
            self._fast = fast
        return tk

    @staticmethod
    def _term_freq(tk: Any, word: str) -> int:
        # high enough that the term wins over any split into dictionary words
        return max(tk.suggest_freq(word, tune=False), 1) * 10 + 1000

    @property
    def engine(self) -> Any:
        """The private ``jieba.Tokenizer`` (built on first use)."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._build()
        return self._engine

    def _drop_set(self) -> frozenset[str]:
        settings = (self.stopwords, self.boilerplate, frozenset(self.extra_stopwords))
        if self._drop is None or self._drop_settings != settings:
            from govtext.tokenize.lexicon import load_boilerplate, load_stopwords

            self._drop_settings = settings

            drop = set(self.extra_stopwords)
            if self.stopwords:
                drop |= load_stopwords()
            if self.boilerplate:
                drop |= load_boilerplate()
            self._drop = frozenset(drop)
        return self._drop

    # ------------------------------------------------------------ configuration
    def add_words(
        self, words: Iterable[str] | str, freq: int | None = None, tag: str | None = None
    ) -> PolicyTokenizer:
        """Add words that must stay whole (to this tokenizer only).

        Examples
        --------
        >>> tok = PolicyTokenizer().add_words(["闸口速度"])
        >>> "闸口速度" in tok.cut("体现了闸口速度")
        True
        """
        if isinstance(words, str):
            words = [words]
        new = [(w.strip(), freq, tag) for w in words if w and w.strip()]
        with self._lock:
            self._user_words.extend(new)
            self._names.update(w for w, _, _ in new)
            if self._memo is not None:  # a memoized copy shares its engine: rebuild its own
                self._memo.clear()
                self._engine = None
            if self._engine is not None:
                for w, f, t in new:
                    if re.fullmatch(r"[\u4e00-\u9fff]+", w):
                        f2 = f if f is not None else self._term_freq(self._engine, w)
                        if self._fast is not None:
                            self._fast.add_word(w, f2, t)
                        self._engine.add_word(w, freq=f2, tag=t)
                    else:
                        self._engine = None  # rebuild the rule for non-Han words
                        break
                if self._engine is not None and self._fast is not None:
                    self._fast.align(self._engine.total)
        return self

    def load_userdict(self, path: str | Path) -> PolicyTokenizer:
        """Load a jieba-format user dictionary (``word [freq] [tag]`` per line).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.txt"
        >>> _ = p.write_text("闸口力量 5\\n", encoding="utf-8")
        >>> "闸口力量" in PolicyTokenizer().load_userdict(p).cut("体现了闸口力量")
        True
        """
        words = _read_userdict(str(path))
        for w, f, t in words:
            self.add_words(
                [w], freq=None if f is None else max(f, self._term_freq(self.engine, w)), tag=t
            )
        return self

    def fit(self, corpus: Any, **kwargs: Any) -> PolicyTokenizer:
        """Discover recurring policy phrases in a corpus and keep them whole.

        Parameters
        ----------
        corpus : Corpus or iterable of str
        **kwargs
            Passed to :func:`govtext.discover.discover_terms`.

        Returns
        -------
        PolicyTokenizer
            ``self``, with the phrases in ``discovered_``.

        Examples
        --------
        >>> texts = ["实施桃溪锦带工程，桃溪锦带初见成效。", "打造桃溪锦带样板，桃溪锦带受益。"] * 3
        >>> tok = PolicyTokenizer().fit(texts, min_count=3, min_pmi=1.0, min_entropy=0.5)
        >>> "桃溪锦带" in tok.discovered_, "桃溪锦带" in tok.cut("建设桃溪锦带")
        (True, True)
        """
        from govtext.tokenize.discover import discover_terms

        texts = [getattr(r, "text", r) for r in corpus]
        params = {"min_count": 5, "min_doc_freq": 2, "min_pmi": 3.0, "min_entropy": 1.5}
        params.update(kwargs)
        found = discover_terms(texts, tokenizer=self, **params)
        known = {t.term for t in self._terms()}
        terms = [t for t in found["term"] if len(t) >= 3 and t not in known]
        names = known | set(terms)
        self.discovered_ = sorted(t for t in terms if not _glued(t, names))
        with self._lock:
            self._engine = None
            if self._memo is not None:
                self._memo.clear()
        return self

    def config(self) -> dict[str, Any]:
        """Everything that changes the tokens, as a JSON-able dict.

        Examples
        --------
        >>> PolicyTokenizer(mode="fine").config()["mode"]
        'fine'
        """
        from govtext.tokenize.lexicon import lexicon_path

        lex = self.lexicon
        lex_id: Any = lex
        if lex is True:
            lex_id = _file_hash(lexicon_path("policy_terms.tsv"))
        elif lex not in (False, None):
            lex_id = _file_hash(Path(lex))
        return {
            "version": 1,
            "mode": self.mode,
            "lexicon": lex_id,
            "userdict": _file_hash(Path(self.userdict)) if self.userdict else None,
            "user_words": self._user_words,
            "discovered": self.discovered_,
            "stopwords": self.stopwords and _file_hash(lexicon_path("stopwords.txt")),
            "boilerplate": self.boilerplate and _file_hash(lexicon_path("boilerplate.txt")),
            "extra_stopwords": sorted(self.extra_stopwords),
            "keep_numbers": self.keep_numbers,
            "keep_punct": self.keep_punct,
            "pos": self.pos,
            "min_len": self.min_len,
            "canonical": self.canonical,
            "hmm": self.hmm,
            "simplify": self.simplify,
            "backend": self.backend,
        }

    @property
    def config_hash(self) -> str:
        """SHA-256 of :meth:`config`; changes whenever the tokens could change."""
        return hashlib.sha256(
            json.dumps(self.config(), ensure_ascii=False, sort_keys=True, default=str).encode()
        ).hexdigest()

    # ---------------------------------------------------------------- cutting
    def _protected(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping spans that must be single pieces, sorted by start."""
        spans: list[tuple[int, int, int]] = []  # (start, end, priority)
        for m in NUMBER_UNIT.finditer(text):
            if m.end() > m.start() and any(c.isdigit() for c in m.group()):
                spans.append((m.start(), m.end(), 0))
        if self._special is not None:
            spans.extend(
                (s, e, 1) for s, e in _anchored_finditer(self._special, self._anchors, text)
            )
        names = self._names
        quoted = {
            m.group(1)
            for m in _QUOTED.finditer(text)
            if _good_quote(m.group(1)) and (m.group(1) in names or not _glued(m.group(1), names))
        }
        if quoted:
            pat = re.compile("|".join(map(re.escape, sorted(quoted, key=len, reverse=True))))
            spans.extend((m.start(), m.end(), 2) for m in pat.finditer(text))
        spans.extend((m.start(), m.end(), 3) for m in _FORMULA.finditer(text))
        if not spans:
            return []
        spans.sort(key=lambda s: (s[0], s[2], -(s[1] - s[0])))
        out: list[tuple[int, int]] = []
        last_end = -1
        for s, e, _ in spans:
            if s >= last_end:
                out.append((s, e))
                last_end = e
        return out

    def _jieba_cut(self, text: str) -> list[str]:
        if not text:
            return []
        engine = self.engine
        fast = self._fast
        if fast is not None and fast.exact:
            if _RJ_SUSPECT.search(text) is None or _RJ_UNSAFE.search(text) is None:
                return fast.jb.cut(text, self.hmm)
            return self._fast_cut_repaired(text)
        return list(engine.cut(text, HMM=self.hmm))

    def _fast_cut_repaired(self, text: str) -> list[str]:
        """jieba-rs on ``text`` except where it departs from jieba (see ``_RJ_UNSAFE``).

        jieba cuts each block of ``_PY_BLOCK`` on its own, and yields every other
        character alone (whitespace included), so ``text`` can be split at a block's ends:
        the blocks jieba-rs would cut differently go to jieba, CJK-extension characters are
        single pieces, and the rest still goes to jieba-rs.
        """
        jb, hmm, engine = self._fast.jb, self.hmm, self.engine
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

    def cut(self, text: str) -> list[str]:
        """Split the normalised text into pieces; ``"".join(cut(t)) == normalize(t)``.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str

        Examples
        --------
        >>> PolicyTokenizer().cut("打好用好“三张好牌”")
        ['打好', '用好', '“', '三张好牌', '”']
        """
        memo = self._memo
        if memo is not None:
            got = memo.get(text)
            if got is not None:
                return list(got)
        pieces = self.cut_normalized(normalize(text, simplify=self.simplify))
        if memo is not None:
            memo[text] = tuple(pieces)
        return pieces

    def memoized(self) -> PolicyTokenizer:
        """A copy of this tokenizer that remembers the pieces of every text it has cut.

        For a session that analyses the same reports several times (a DTM, a topic model,
        co-occurrence networks): each text is segmented once. The copy shares the built
        dictionary until words are added to it (it then builds its own and forgets its memo);
        the original is never changed. The memo lives in memory only
        (see :class:`govtext.cache.TokenCache` for a cache on disk).

        Examples
        --------
        >>> tok = PolicyTokenizer().memoized()
        >>> tok.cut("推进乡村振兴") == tok.cut("推进乡村振兴") == PolicyTokenizer().cut("推进乡村振兴")
        True
        """
        import copy

        tok = copy.copy(self)
        tok._user_words = list(self._user_words)
        tok._names = set(self._names)
        tok.discovered_ = list(self.discovered_)
        tok._memo = {}
        tok._kept = None
        return tok

    def cut_normalized(self, norm: str) -> list[str]:
        """:meth:`cut` for text that is already normalised (skips normalisation).

        Examples
        --------
        >>> PolicyTokenizer().cut_normalized("增长7%")
        ['增长', '7%']
        """
        if self.mode == "fine":
            return self._jieba_cut(norm)
        engine = self.engine  # noqa: F841  (build before reading the special-term rule)
        pieces: list[str] = []
        pos = 0
        for s, e in self._protected(norm):
            if s > pos:
                pieces.extend(self._jieba_cut(norm[pos:s]))
            pieces.append(norm[s:e])
            pos = e
        if pos < len(norm):
            pieces.extend(self._jieba_cut(norm[pos:]))
        return pieces

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Pieces of :meth:`cut` with their offsets into the *original* ``text``.

        Examples
        --------
        >>> PolicyTokenizer().spans("增长７％，达４.７亿元")
        [('增长', 0, 2), ('7%', 2, 4), ('，', 4, 5), ('达', 5, 6), ('4.7亿元', 6, 11)]
        """
        from govtext.text.normalize import normalize_with_offsets

        norm, offs = normalize_with_offsets(text, simplify=self.simplify)
        out = []
        pos = 0
        for piece in self.cut_normalized(norm):
            end = pos + len(piece)
            start_raw = offs[pos]
            end_raw = offs[end - 1] + 1
            out.append((piece, start_raw, end_raw))
            pos = end
        return out

    def tokenize(self, text: str) -> list[str]:
        """Analysis tokens: :meth:`cut` followed by the configured filters.

        Examples
        --------
        >>> PolicyTokenizer().tokenize("我们要坚持推进高质量发展，完成7%的目标。")
        ['高质量发展', '目标']
        """
        pieces = self.cut(text)
        return self.filter(pieces)

    def filter(self, pieces: Iterable[str]) -> list[str]:
        """Apply the token filters of :meth:`tokenize` to pieces from :meth:`cut`.

        Examples
        --------
        >>> PolicyTokenizer().filter(["推进", "乡村振兴", "，", "7%"])
        ['乡村振兴']
        """
        drop = self._drop_set()
        if self.canonical and self._engine is None:
            self.engine  # noqa: B018  (the variant -> canonical table is filled by the build)
        canon = self._canon if self.canonical else {}
        if self.pos:
            return self._filter_pieces(pieces, drop, canon)
        # the decision depends only on the piece and the filter settings: remembered per piece
        sig = (drop, canon, self.keep_punct, self.keep_numbers, self.min_len)
        memo = self._kept
        if memo is None or memo[0] != sig or len(memo[1]) > 2_000_000:
            memo = self._kept = (sig, {})
        kept = memo[1]
        pieces = pieces if isinstance(pieces, list) else list(pieces)
        for p in set(pieces).difference(kept):
            got = self._filter_pieces((p,), drop, canon)
            kept[p] = got[0] if got else None
        return [k for k in map(kept.__getitem__, pieces) if k is not None]

    def _filter_pieces(
        self, pieces: Iterable[str], drop: frozenset[str], canon: dict[str, str]
    ) -> list[str]:
        out = []
        min_len = self.min_len
        pos_ok = self._pos_ok if self.pos else None
        for p in pieces:
            p = p.strip()
            if not p:
                continue
            if not self.keep_punct and _is_punct(p):
                continue
            if not self.keep_numbers and is_number_token(p):
                continue
            if (
                len(p) < min_len
                and not (self.keep_punct and _is_punct(p))
                and not (self.keep_numbers and is_number_token(p))
            ):
                continue
            if p in drop:
                continue
            if pos_ok is not None and not pos_ok(p):
                continue
            out.append(canon.get(p, p))
        return out

    def _pos_ok(self, word: str) -> bool:
        import jieba.posseg

        if not hasattr(self, "_pos_cache"):
            self._pos_cache: dict[str, str] = {}
            self._posseg = jieba.posseg.POSTokenizer(self.engine)
        tag = self._pos_cache.get(word)
        if tag is None:
            tag = self._posseg.word_tag_tab.get(word)
            if tag is None:
                tags = [p.flag for p in self._posseg.lcut(word)]
                tag = tags[0] if len(tags) == 1 else "x"
            self._pos_cache[word] = tag
        return tag.startswith(self.pos)  # type: ignore[arg-type]

    def __call__(self, text: str) -> list[str]:
        """Same as :meth:`tokenize`, so a tokenizer can be passed as a scikit-learn analyzer."""
        return self.tokenize(text)

    # ------------------------------------------------------------- pickling
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_engine"] = None
        state["_lock"] = None
        state["_special"] = None
        state["_anchors"] = None
        state["_kept"] = None
        state["_names"] = set()
        state["_fast"] = None
        state["_memo"] = None if self._memo is None else {}
        state.pop("_pos_cache", None)
        state.pop("_posseg", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        # absent in pickles of older versions
        for name in ("_kept", "_anchors", "_memo", "_drop_settings"):
            state.setdefault(name, None)
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PolicyTokenizer(mode={self.mode!r}, backend={self.backend!r})"


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


_Anchors = tuple[re.Pattern[str], dict[str, tuple[int, ...]], frozenset[str]]


def _special_anchors(words: Iterable[str]) -> _Anchors:
    """Where a match of the special-term regex can start: each term's first non-Han character.

    Every special term holds a character outside U+4E00..U+9FFF (else jieba's dictionary
    takes it), so a match starting at ``s`` has, for some term, that character at ``s + k``.
    Returns a regex of those characters, per character the offsets ``k`` seen, and the
    set of the terms' first characters.
    """
    offsets: dict[str, set[int]] = {}
    words = list(words)
    first = frozenset(w[0] for w in words if w)
    for w in words:
        for k, ch in enumerate(w):
            if not "\u4e00" <= ch <= "\u9fff":
                offsets.setdefault(ch, set()).add(k)
                break
    chars = re.compile("[" + "".join(re.escape(c) for c in sorted(offsets)) + "]")
    return chars, {c: tuple(sorted(k)) for c, k in offsets.items()}, first


def _anchored_finditer(
    pattern: re.Pattern[str],
    anchors: _Anchors | None,
    text: str,
) -> list[tuple[int, int]]:
    """The spans of ``pattern.finditer(text)``, trying ``pattern`` only where a match can start.

    Same leftmost, non-overlapping scan as ``finditer`` (about twice as fast on reports,
    where most positions cannot start a special term).
    """
    if anchors is None:
        return [m.span() for m in pattern.finditer(text)]
    chars, offsets, first = anchors
    starts = set()
    for m in chars.finditer(text):
        p = m.start()
        for k in offsets[text[p]]:
            if p >= k and text[p - k] in first:
                starts.add(p - k)
    out = []
    last = 0
    for s in sorted(starts):
        if s < last:
            continue
        m = pattern.match(text, s)
        if m is not None and m.end() > s:
            out.append((s, m.end()))
            last = m.end()
    return out


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (longest first), as a trie: fast on long lists."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        end = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)


def _glued(term: str, names: set[str]) -> bool:
    """True if ``term`` is a known term glued to something else (乡村振兴 + 示范村)."""
    for k in range(2, len(term) - 1):
        if term[:k] in names or term[k:] in names:
            return True
    for k in range(2, len(term) - 1):  # 、 or + joins two phrases: 党政同责、一岗双责
        if term[k] in "、+" and (term[:k] in names or term[k + 1 :] in names):
            return True
    return False


def _good_quote(s: str) -> bool:
    s = s.strip()
    if len(s) < 2:
        return False
    if "、" in s and len(s) > 8:
        return False
    return bool(re.search(r"[\u4e00-\u9fff]", s))


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    h.update(path.read_bytes())
    return h.hexdigest()[:16]
