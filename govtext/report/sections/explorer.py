"""Report section "explorer": type or click a term, see where and how often it is used.

The section ships, inside the page, one compact JSON document (:func:`explorer_data`)
that the page's own script (``govtext/report/assets/explorer.js``, plain JavaScript, no
library, no network) reads to draw, for any term of the vocabulary:

1. its rate per 10,000 tokens by year, one line per level (an inline SVG chart), and by
   level over all years;
2. the reports that use it most (highest rate first);
3. keyword-in-context lines from the :data:`KWIC_DOCS` reports with the highest rate (at
   most :data:`KWIC_PER_DOC` each, :data:`KWIC_WIDTH` characters either side, within the
   paragraph), each linking to its paragraph in the report's text.

Beside the page, for every report, the section writes ``texts/<slug>.html`` (the text as
static HTML, no script, each non-blank line a paragraph anchored ``#p<n>``) and
``texts/<slug>.js`` (the same paragraphs, normalised, as a JSON array passed to
``govtextText(link, paragraphs)``). A page opened from disk (``file://``) may not read a
sibling file, but it may run one as a script: the explorer loads the ``.js`` of the
reports it shows and cuts the KWIC lines from them, like :func:`govtext.kwic` (every
occurrence of the string, in the normalised text). So the page carries no text, only
counts, and stays small however many reports there are.

The JSON (every field is checked by ``tests/test_explorer.py``)::

    {"per": 10000,
     "levels": ["county", "national", ...],       # administrative order, present ones
     "docs": [[label, year|null, level, tokens, "texts/<slug>.html"], ...],
     "terms": "发展\\t改革\\t...",                  # tab-joined, most frequent first
     "counts": [[doc, count, doc, count, ...], ...],  # per term, sparse, docs ascending
     "kwic": [KWIC_DOCS, KWIC_PER_DOC, KWIC_WIDTH],
     "min_count": 3,                               # the vocabulary floor
     "chars": "..."}                               # characters of the texts (for the font)

The vocabulary is the analysis terms of the document-term matrix (the tokenizer's filter:
no stopword, punctuation or number) used at least :data:`MIN_COUNT` times in the corpus;
``tokens`` is a report's number of analysis tokens (the denominator of every rate).

Above :data:`MAX_FULL_DOCS` reports the per-report counts would grow with reports × terms
(10,000 reports: hundreds of MB inside the page), so the document is *compact*: a term
used in more than :data:`TOP_DOCS` reports keeps the counts of its :data:`TOP_DOCS`
reports with the highest rate (the page lists 10 and cuts context lines from 5), and the
rest of its occurrences are summed per year and level into *group entries* appended to
``docs`` (``["(other reports) 2019 county", 2019, "county", 0, ""]``: no tokens of their
own, no text), so that every rate by year and level is still exact. ``n_docs`` gives the
number of real reports (the first ``n_docs`` entries of ``docs``), ``df`` the number of
reports using each term. If the counts still exceed :data:`MAX_PAIRS` pairs, the
vocabulary floor ``min_count`` is raised until they fit.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from govtext.report.blocks import Block, NotApplicable, PageSection, _is_missing
from govtext.report.context import ReportContext, file_slugs

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from govtext.corpus.reports import Corpus
    from govtext.features.matrix import DocumentTermMatrix

__all__ = [
    "build_explorer",
    "explorer_data",
    "term_rates",
    "text_page",
    "text_script",
    "is_text_file",
    "explorer_links",
    "page_assets",
    "MIN_COUNT",
    "MAX_FULL_DOCS",
    "TOP_DOCS",
    "MAX_PAIRS",
    "KWIC_DOCS",
    "KWIC_PER_DOC",
    "KWIC_WIDTH",
]

#: Vocabulary floor: a term used fewer times in the whole corpus is left out.
MIN_COUNT = 3
#: Reports per term with KWIC lines (those with the highest rate).
KWIC_DOCS = 5
#: KWIC lines per report and term (the first occurrences).
KWIC_PER_DOC = 2
#: Characters of context either side of the term in a KWIC line.
KWIC_WIDTH = 15
#: Rates are per this many analysis tokens.
PER = 10_000
#: Above this many reports the explorer's document is compact (see the module docstring).
MAX_FULL_DOCS = 500
#: Reports per term whose own counts a compact document keeps (the page lists 10).
TOP_DOCS = 10
#: At most this many (report, count) pairs in a compact document (~10 MB of JSON).
MAX_PAIRS = 1_000_000


def build_explorer(ctx: ReportContext) -> PageSection:
    sec = PageSection(
        "explorer",
        "Term explorer",
        "Type a term (or click one in any table of the page): the chart shows its rate per "
        "10,000 tokens by year, one line per level, and by level over all years; below are "
        "the reports that use it most and lines of text around it, each linking to its "
        "paragraph in the report's text. Every table of the page sorts on a click on a "
        "column header; long tables have a filter box.",
        "govtext.dtm (counts per report); govtext.kwic (context lines)",
    )
    if len(ctx.dtm.vocab) == 0:  # pragma: no cover - dtm() refuses an empty vocabulary
        raise NotApplicable("The reports have no analysis term to explore.")
    slugs = file_slugs(ctx.docs)
    links, chars = [], set()
    simplify = getattr(ctx.tokenizer, "simplify", False)
    meta = ctx.corpus.meta  # built once: Corpus.meta makes a new table at every call
    for i, (name, report) in enumerate(zip(ctx.docs, ctx.corpus)):
        rel = f"texts/{slugs[name]}"
        page = text_page(report.text, ctx.labels[i], _meta_line(meta.iloc[i], name))
        links.append(ctx.write_file(rel + ".html", page))
        script = text_script(links[-1], report.text, simplify=simplify)
        ctx.write_file(rel + ".js", script)
        chars.update(script)
    data = explorer_data(ctx.corpus, ctx.dtm, links, labels=ctx.labels)
    data["chars"] = "".join(sorted(c for c in chars if ord(c) > 0x7E and c.isprintable()))
    n_terms = len(data["counts"])
    sec.blocks.append(
        Block(
            "explorer",
            caption=(
                f"{n_terms:,} terms used at least {MIN_COUNT} times in the reports. Rates "
                "per 10,000 analysis tokens. Context lines: every occurrence of the string "
                f"(as govtext.kwic), in the {KWIC_DOCS} reports with the highest rate, at "
                f"most {KWIC_PER_DOC} each; the texts are in the folder texts/."
            ),
            text=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        )
    )
    return sec


def _meta_line(row: Any, name: str) -> str:
    parts = [str(row.get(k)) for k in ("region", "level", "year") if not _is_missing(row.get(k))]
    parts = [p[:-2] if p.endswith(".0") else p for p in parts]
    return " · ".join([*parts, name])


# ----------------------------------------------------------------------------- data
def explorer_data(
    corpus: Corpus,
    dtm: DocumentTermMatrix,
    links: list[str],
    *,
    labels: list[str] | None = None,
    min_count: int = MIN_COUNT,
    max_full_docs: int = MAX_FULL_DOCS,
) -> dict[str, Any]:
    """The explorer's JSON document for ``corpus`` (see the module docstring), without
    ``chars``.

    Parameters
    ----------
    corpus : Corpus
    dtm : DocumentTermMatrix
        Its document-term matrix (rows in the corpus's order).
    links : list of str
        The text page of each report, relative to the report page.
    labels : list of str, optional
        Short report labels (default: the report names).
    min_count : int, default :data:`MIN_COUNT`
        Vocabulary floor (raised in a compact document that would exceed
        :data:`MAX_PAIRS`).
    max_full_docs : int, default :data:`MAX_FULL_DOCS`
        Above this many reports, the compact document (see the module docstring).

    Returns
    -------
    dict
        ``per``, ``levels``, ``docs``, ``terms``, ``counts``, ``kwic`` and ``min_count``;
        a compact document also ``n_docs``, ``top_docs`` and ``df``.

    Examples
    --------
    >>> import govtext as gt
    >>> from govtext.features.dtm import dtm as make_dtm
    >>> c = gt.corpus_from_texts(["推进乡村振兴。乡村振兴见效。", "乡村振兴和营商环境。"])
    >>> d = explorer_data(c, make_dtm(c), ["texts/a.html", "texts/b.html"], min_count=1)
    >>> d["terms"].split(), d["counts"]
    (['乡村振兴', '营商环境', '见效'], [[0, 2, 1, 1], [1, 1], [0, 1]])
    """
    import numpy as np

    m = dtm.matrix.tocsc()
    m.sort_indices()
    totals = np.asarray(m.sum(axis=0)).ravel()
    vocab = [str(t) for t in dtm.vocab]
    order = sorted(
        np.flatnonzero(totals >= min_count).tolist(), key=lambda j: (-totals[j], vocab[j])
    )
    lengths = np.asarray(dtm.doc_lengths()).ravel()
    meta = corpus.meta
    levels = {str(v) for v in meta.get("level", []) if not _is_missing(v)}
    docs = []
    for i, name in enumerate(meta.index):
        row = meta.iloc[i]
        level = row.get("level")
        docs.append(
            [
                labels[i] if labels else str(name),
                _year(row.get("year")),
                "" if _is_missing(level) else str(level),
                int(lengths[i]),
                links[i],
            ]
        )
    out: dict[str, Any] = {"per": PER, "levels": _level_order(levels), "docs": docs}
    if len(docs) > max_full_docs:
        counts, order, floor, extra = _compact_counts(m, order, totals, docs, lengths)
        out["docs"] = docs + extra["groups"]
    else:
        counts, floor, extra = [], min_count, {}
        for j in order:
            lo, hi = m.indptr[j], m.indptr[j + 1]
            counts.append([int(x) for pair in zip(m.indices[lo:hi], m.data[lo:hi]) for x in pair])
    out.update(
        terms="\t".join(vocab[j] for j in order),
        counts=counts,
        kwic=[KWIC_DOCS, KWIC_PER_DOC, KWIC_WIDTH],
        min_count=max(min_count, floor),
    )
    if extra:
        out.update(n_docs=len(docs), top_docs=TOP_DOCS, df=extra["df"])
    return out


def _compact_counts(
    m: Any, order: list[int], totals: Any, docs: list[list[Any]], lengths: Any
) -> tuple[list[list[int]], list[int], int, dict[str, Any]]:
    """The counts of a compact document (see the module docstring): per term, its
    :data:`TOP_DOCS` reports with the highest rate (ties: more occurrences, then the
    earlier report, as the page sorts) and the rest summed per (year, level) group entry.

    Returns the counts, the terms kept (a prefix of ``order``), the floor they respect,
    and ``{"groups": group entries, "df": reports per kept term}``.
    """
    import numpy as np

    from govtext.corpus.meta import LEVELS

    n = len(docs)
    rank = {lev: i for i, lev in enumerate(LEVELS)}
    keys = sorted(
        {(d[1], d[2]) for d in docs},
        key=lambda k: (rank.get(k[1], len(rank)), k[1], k[0] is None, k[0] or 0),
    )
    gpos = {k: g for g, k in enumerate(keys)}
    group_of = np.array([gpos[(d[1], d[2])] for d in docs], dtype=np.int64)
    tokens = np.asarray(lengths, dtype=np.float64)
    counts: list[list[int]] = []
    dfs: list[int] = []
    used = 0
    sizes: list[int] = []
    for j in order:
        lo, hi = m.indptr[j], m.indptr[j + 1]
        idx = m.indices[lo:hi].astype(np.int64)
        cnt = m.data[lo:hi].astype(np.int64)
        if len(idx) <= TOP_DOCS:
            pairs = [int(x) for pair in zip(idx, cnt) for x in pair]
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                rate = np.where(tokens[idx] > 0, cnt / tokens[idx] * PER, 0.0)
            top = np.sort(np.lexsort((idx, -cnt, -rate))[:TOP_DOCS])
            rest = np.ones(len(idx), dtype=bool)
            rest[top] = False
            by_group = np.bincount(group_of[idx[rest]], weights=cnt[rest], minlength=len(keys))
            gs = np.flatnonzero(by_group)
            pairs = [int(x) for pair in zip(idx[top], cnt[top]) for x in pair]
            pairs += [int(x) for g in gs for x in (n + g, int(by_group[g]))]
        counts.append(pairs)
        dfs.append(int(len(idx)))
        sizes.append(len(pairs) // 2)
        used += len(pairs) // 2
    floor = 0
    if used > MAX_PAIRS:  # raise the floor: keep the terms of the highest totals that fit
        cum = np.cumsum(sizes)
        t = np.asarray([totals[j] for j in order])
        fit = int(np.searchsorted(cum, MAX_PAIRS, side="right"))  # terms that fit
        floor = int(t[fit]) + 1 if fit < len(t) else 0  # a floor above the first left out
        keep = int(np.sum(t >= floor))
        counts, dfs, order = counts[:keep], dfs[:keep], order[:keep]
    groups = [
        [f"(other reports) {'' if y is None else y} {lev}".strip(), y, lev, 0, ""]
        for y, lev in keys
    ]
    return counts, order, floor, {"groups": groups, "df": dfs}


def _year(v: Any) -> int | None:
    return None if _is_missing(v) else int(v)


def _level_order(levels: set[str]) -> list[str]:
    from govtext.corpus.meta import LEVELS

    rank = {lev: i for i, lev in enumerate(LEVELS)}
    return sorted(levels, key=lambda v: (rank.get(v, len(rank)), v))


def term_rates(data: dict[str, Any], term: str, by: str = "year") -> pd.DataFrame:
    """Rate per 10,000 tokens of ``term`` by ``by`` (``year`` or ``level``) and level,
    computed from the explorer's JSON as the page's script does.

    Parameters
    ----------
    data : dict
        :func:`explorer_data`'s document.
    term : str
    by : {"year", "level"}
        ``year``: one row per year and level present; ``level``: one row per level.

    Returns
    -------
    pandas.DataFrame
        ``year`` (with ``by="year"``), ``level``, ``count``, ``tokens``, ``rate``.

    Examples
    --------
    >>> data = {"per": 10000, "levels": ["county"], "terms": "a\\tb",
    ...         "docs": [["x", 2022, "county", 200, ""], ["y", 2023, "county", 100, ""]],
    ...         "counts": [[0, 4], [1, 1]], "kwic": ["", ""]}
    >>> term_rates(data, "a")
       year   level  count  tokens  rate
    0  2022  county      4     200 200.0
    1  2023  county      0     100   0.0
    """
    import pandas as pd

    terms = data["terms"].split("\t")
    pairs = data["counts"][terms.index(term)] if term in terms else []
    got = dict(zip(pairs[::2], pairs[1::2]))
    rows: dict[tuple[Any, ...], list[int]] = {}
    for d, (_, year, level, tokens, _) in enumerate(data["docs"]):
        if by == "year" and year is None:
            continue
        key = (year, level) if by == "year" else (level,)
        acc = rows.setdefault(key, [0, 0])
        acc[0] += got.get(d, 0)
        acc[1] += tokens
    cols = ["year", "level"] if by == "year" else ["level"]
    lev = {v: i for i, v in enumerate(data["levels"])}
    keys = sorted(rows, key=lambda k: tuple(lev.get(v, -1) if isinstance(v, str) else v for v in k))
    df = pd.DataFrame([[*k, *rows[k]] for k in keys], columns=[*cols, "count", "tokens"])
    df["rate"] = [c / n * data["per"] if n else 0.0 for c, n in zip(df["count"], df["tokens"])]
    return df


def explorer_links(text: str) -> list[str] | None:
    """The text files an explorer block's JSON links to (each ``texts/<name>.html`` and
    its ``.js``), or None when ``text`` is not such a JSON document.

    Examples
    --------
    >>> explorer_links('{"docs": [["甲县 2023", 2023, "county", 9, "texts/a.html"]]}')
    ['texts/a.html', 'texts/a.js']
    >>> explorer_links('{"docs": [["x", 2023, "county", 9, "javascript:alert(1)"]]}') is None
    True
    """
    try:
        data = json.loads(text)
        docs = data["docs"]
        n = data.get("n_docs", len(docs))  # a compact document's group entries: no text
        links = [d[4] for d in docs[:n]]
        if not all(d[4] == "" for d in docs[n:]):
            return None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    if not all(isinstance(x, str) and _TEXT_LINK.fullmatch(x) for x in links):
        return None
    return [x for link in links for x in (link, link[:-5] + ".js")]


_TEXT_LINK = re.compile(r"texts/[^/\\:?#\x00]+\.html")


# ---------------------------------------------------------------------- text files
def text_page(text: str, title: str, meta: str = "") -> str:
    """A report's text as a static HTML page: no script, every character escaped, each
    non-blank line a paragraph anchored ``#p<n>`` (n from 1).

    Examples
    --------
    >>> page = text_page("第一段<script>\\n\\n第二段 \\"引\\"", "甲县 2023")
    >>> '<p id="p2"><a class="n" href="#p2">2</a>第二段 &quot;引&quot;</p>' in page
    True
    >>> "<script>" in page
    False
    """
    from govtext.text.segment import paragraph_spans

    return _page([text[a:b].strip() for a, b in paragraph_spans(text)], title, meta)


def _page(paras: list[str], title: str, meta: str) -> str:
    esc = html.escape
    lines = [
        f'<p id="p{i}"><a class="n" href="#p{i}">{i}</a>{esc(p)}</p>'
        for i, p in enumerate(paras, start=1)
    ]
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # font.css: the page's CJK font subset, written beside the texts by render_page
        f'<title>{esc(title)}</title>\n<link rel="stylesheet" href="font.css">\n'
        f"<style>{_TEXT_CSS}</style>\n</head>\n<body>\n"
        f'<p class="back"><a href="../index.html#explorer">← report page</a></p>\n'
        f"<h1>{esc(title)}</h1>\n"
        + (f'<p class="meta">{esc(meta)}</p>\n' if meta else "")
        + "\n".join(lines)
        + "\n</body>\n</html>\n"
    )


def text_script(link: str, text: str, *, simplify: bool = False) -> str:
    """The paragraphs of ``text`` (numbered as in :func:`text_page`), normalised, as a
    script calling ``govtextText(link, [paragraph, ...])``.

    The paragraphs are a JSON array (a JavaScript literal; U+2028 and U+2029 escaped too),
    so nothing in a report's text can run as code.

    Examples
    --------
    >>> text_script("texts/a.html", "第一段</script>\\n\\n“第二段”")
    'govtextText("texts/a.html",["第一段</script>","“第二段”"]);\\n'
    """
    from govtext.text.normalize import normalize
    from govtext.text.segment import paragraph_spans

    paras = [normalize(text[a:b].strip(), simplify=simplify) for a, b in paragraph_spans(text)]
    return _script(link, paras)


def _script(link: str, paras: list[str]) -> str:
    body = json.dumps([link, paras], ensure_ascii=False, separators=(",", ":"))[1:-1]
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"govtextText({body});\n"


def is_text_file(rel: str, data: bytes) -> bool:
    """True when ``data`` is exactly a file this section writes at ``rel``: a text page
    (:func:`text_page`) at ``texts/<name>.html`` or a text script (:func:`text_script`) at
    ``texts/<name>.js``.

    The check parses the file and writes it again: only the bytes this module would write
    pass, so a damaged or crafted copy (in a result cache) can carry no markup or code.

    Examples
    --------
    >>> page = text_page("第一段", "甲县 2023").encode()
    >>> is_text_file("texts/a.html", page)
    True
    >>> is_text_file("texts/a.html", page.replace(b"</h1>", b"</h1><script>x()</script>"))
    False
    >>> is_text_file("texts/a.js", text_script("texts/a.html", "第一段").encode())
    True
    >>> is_text_file("texts/a.js", b'govtextText("texts/a.html",[]);alert(1);\\n')
    False
    """
    try:
        s = data.decode("utf-8")
    except (UnicodeDecodeError, AttributeError):
        return False
    if rel.endswith(".js"):
        m = re.fullmatch(r"govtextText\((.*)\);\n", s, re.S)
        try:
            link, paras = json.loads(f"[{m.group(1)}]") if m else (None, None)
        except (ValueError, TypeError):
            return False
        ok = link == rel[:-3] + ".html" and isinstance(paras, list)
        return ok and all(isinstance(p, str) for p in paras) and _script(link, paras) == s
    if rel.endswith(".html"):
        title = re.search(r"<title>(.*?)</title>", s, re.S)
        meta = re.search(r'<p class="meta">(.*?)</p>\n', s, re.S)
        paras = re.findall(r'<p id="p\d+"><a class="n" href="#p\d+">\d+</a>(.*?)</p>', s, re.S)
        if title is None:
            return False
        un = html.unescape
        again = _page([un(p) for p in paras], un(title.group(1)), un(meta.group(1)) if meta else "")
        return again == s
    return False


_TEXT_CSS = (
    "body { max-width: 820px; margin: 0 auto; padding: 16px 20px 60px; color: #1d232a; font: "
    '16px/1.8 "govtext Noto Sans CJK SC", -apple-system, "Segoe UI", "Noto Sans CJK SC", '
    '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif; } '
    "h1 { font-size: 1.4em; } .meta, .back { color: #5b6670; font-size: 0.9em; } "
    "p { margin: 0 0 0.6em; } a.n { color: #8a949c; font-size: 0.75em; margin-right: 0.6em; "
    "text-decoration: none; } p:target { background: #fff3c4; outline: 4px solid #fff3c4; }"
)


# -------------------------------------------------------------------------- assets
@lru_cache(maxsize=1)
def page_assets() -> dict[str, str]:
    """The page's own CSS and JavaScript (``govtext/report/assets``), to inline.

    ``css``: the explorer and table styles; ``js``: the table sorter/filter and the
    explorer. Written for the package, no library, no network access.

    Examples
    --------
    >>> a = page_assets()
    >>> sorted(a), "</script" in a["js"].lower(), "</style" in a["css"].lower()
    (['css', 'js'], False, False)
    """
    folder = resources.files("govtext.report") / "assets"
    css = (folder / "explorer.css").read_text(encoding="utf-8")
    js = "\n".join(
        (folder / name).read_text(encoding="utf-8") for name in ("tables.js", "explorer.js")
    )
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover
        raise RuntimeError("an asset closes its own element")
    return {"css": css, "js": js}
