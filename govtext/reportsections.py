"""Section builders of the ``govtext report`` page (see :func:`govtext.build_report`).

Each builder takes a :class:`ReportContext` and returns a :class:`Section`: a title, one
sentence on how to read it, the govtext function that produced it, and blocks (tables,
figures, notes) whose data files it has written into the output folder. A builder whose
analysis function is missing from this version of govtext raises :class:`Unavailable`,
and the page keeps the section with a "not available in this version" note instead of
showing made-up results.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import GovtextError
from .io import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .corpus import Corpus
    from .matrix import DocumentTermMatrix
    from .tokenize import PolicyTokenizer

__all__ = [
    "Block",
    "Section",
    "ReportContext",
    "Unavailable",
    "SECTION_BUILDERS",
    "run_builder",
    "render_page",
]

MAX_TABLE_ROWS = 60


class Unavailable(Exception):
    """The analysis behind a section is not part of this version of govtext."""


@dataclass
class Block:
    """One piece of a section: ``table``, ``figure``, ``text``, ``note`` or ``heading``."""

    kind: str
    caption: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    src: str = ""
    alt: str = ""
    text: str = ""
    data: str = ""
    total_rows: int = 0


@dataclass
class Section:
    """A section of the page."""

    key: str
    title: str
    how: str
    produced_by: str
    blocks: list[Block] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    status: str = "ok"  # ok | unavailable | error
    note: str = ""


def _api(name: str) -> Callable[..., Any]:
    """The public govtext function ``name``, or :class:`Unavailable` if this version lacks it."""
    import importlib

    import govtext

    mod = govtext._LAZY.get(name)
    if mod is None:
        raise Unavailable(f"govtext.{name}")
    try:
        module = importlib.import_module(f"govtext.{mod}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("govtext"):
            raise Unavailable(f"govtext.{name}") from None
        raise
    fn = getattr(module, name, None)
    if fn is None:
        raise Unavailable(f"govtext.{name}")
    return fn


def _has(name: str) -> bool:
    try:
        _api(name)
    except Unavailable:
        return False
    return True


# ------------------------------------------------------------------------------ context
_PREFIX = re.compile(
    r"^(?:.+?(?:省|自治区|特别行政区))?(?:.+?(?:市|自治州|地区|盟))?(?=.+[县区市镇乡旗])"
)


def short_region(region: Any) -> str:
    """The last administrative unit of a region name (``河北省保定市顺平县`` → ``顺平县``).

    Examples
    --------
    >>> short_region("河北省保定市顺平县"), short_region("天津市津南区北闸口镇"), short_region("河北省")
    ('顺平县', '北闸口镇', '河北省')
    """
    if region is None or (isinstance(region, float) and math.isnan(region)):
        return "?"
    s = str(region)
    parts = re.findall(
        r".+?(?:自治区|特别行政区|自治州|自治县|省|市|地区|盟|县|区|旗|镇|乡|街道)", s
    )
    if len(parts) >= 2 and "".join(parts) == s:
        return parts[-1]
    return s


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(v != v)
    except Exception:  # pragma: no cover
        return False


def fmt(v: Any, digits: int = 3) -> str:
    """Format a table cell: floats rounded, missing values as an empty string.

    Examples
    --------
    >>> fmt(0.123456), fmt(None), fmt(2023), fmt("乡村振兴")
    ('0.123', '', '2023', '乡村振兴')
    """
    if _is_missing(v):
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    try:
        import numpy as np

        if isinstance(v, np.generic):
            v = v.item()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.{digits}f}"
    if isinstance(v, (list, tuple)):
        return "、".join(fmt(x, digits) for x in v)
    return str(v)


def _slug(s: Any) -> str:
    """A file-name-safe version of a group label (keeps CJK characters)."""
    out = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", str(s)).strip("_")
    return out or "group"


@dataclass
class ReportContext:
    """Everything the section builders share: corpus, DTM, options and the output folder."""

    corpus: Corpus
    out: Path
    by: str
    tokenizer: PolicyTokenizer
    dtm: DocumentTermMatrix
    top: int = 10
    n_topics: int | None = None
    max_groups: int = 12
    random_state: int = 0
    labels: list[str] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        corpus: Corpus,
        out: Path,
        *,
        by: str,
        tokenizer: PolicyTokenizer | None,
        top: int,
        n_topics: int | None,
        max_groups: int,
        random_state: int,
    ) -> ReportContext:
        from .matrix import dtm
        from .tokenize import PolicyTokenizer

        tok = tokenizer or PolicyTokenizer()
        m = dtm(corpus, tokenizer=tok)
        ctx = cls(corpus, out, by, tok, m, top, n_topics, max_groups, random_state)
        ctx.labels = ctx._make_labels()
        return ctx

    def _make_labels(self) -> list[str]:
        meta = self.corpus.meta
        labels = []
        for name, row in meta.iterrows():
            reg = row.get("region")
            year = row.get("year")
            if _is_missing(reg) and _is_missing(year):
                labels.append(str(name))
                continue
            labels.append(f"{short_region(reg)} {'' if _is_missing(year) else int(year)}".strip())
        if len(set(labels)) != len(labels):  # ambiguous short labels: fall back to names
            seen: dict[str, int] = {}
            for lab in labels:
                seen[lab] = seen.get(lab, 0) + 1
            labels = [lab if seen[lab] == 1 else str(name) for lab, name in zip(labels, meta.index)]
        return labels

    # ------------------------------------------------------------------ writers
    def write_csv(self, name: str, df: pd.DataFrame, *, index: bool = False) -> str:
        """Write a table as ``data/<name>.csv`` (UTF-8, ``\\n`` line ends); return its link."""
        rel = f"data/{name}.csv"
        text = df.to_csv(index=index, lineterminator="\n", float_format="%.6g")
        atomic_write_text(self.out / rel, text)
        return rel

    def write_figure(self, name: str, fig: Any) -> str:
        """Write a figure as ``fig/<name>.png``; return its link."""
        from .plot import save

        rel = f"fig/{name}.png"
        save(fig, self.out / rel, dpi=110)
        return rel

    def write_file(self, rel: str, data: bytes | str) -> str:
        """Write any other file (GEXF, JSON) under the output folder; return its link."""
        if isinstance(data, str):
            atomic_write_text(self.out / rel, data)
        else:
            atomic_write_bytes(self.out / rel, data)
        return rel

    # ------------------------------------------------------------------- groups
    def group_keys(self, by: str | None = None) -> list[Any]:
        """Group value of each report (``None`` where missing)."""
        col = by or self.by
        meta = self.corpus.meta
        if col not in meta.columns:
            return [None] * len(meta)
        return [None if _is_missing(v) else (int(v) if col == "year" else v) for v in meta[col]]

    def groups(self, by: str | None = None, *, limit: int | None = None) -> list[Any]:
        """Distinct groups in natural order; with ``limit``, the largest ones (ties: later)."""
        keys = [k for k in self.group_keys(by) if k is not None]
        counts: dict[Any, int] = {}
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
        order = sorted(counts, key=_sort_key)
        if limit is not None and len(order) > limit:
            pos = {k: i for i, k in enumerate(order)}
            rank = sorted(order, key=lambda k: (-counts[k], -pos[k]))
            chosen = set(rank[:limit])
            order = [k for k in order if k in chosen]
        return order


def _sort_key(v: Any) -> tuple[int, Any]:
    if isinstance(v, (int, float)):
        return (0, v)
    return (1, str(v))


def table_block(
    df: pd.DataFrame, caption: str, data: str, *, max_rows: int = MAX_TABLE_ROWS, digits: int = 3
) -> Block:
    """A table block from a DataFrame (cells formatted as text; at most ``max_rows`` shown)."""
    cols = [str(c) for c in df.columns]
    rows = [[fmt(v, digits) for v in rec] for rec in df.head(max_rows).itertuples(index=False)]
    return Block("table", caption=caption, columns=cols, rows=rows, data=data, total_rows=len(df))


# ------------------------------------------------------------------------- sections
def build_overview(ctx: ReportContext) -> Section:
    import pandas as pd

    sec = Section(
        "overview",
        "Corpus overview",
        "One row per report: read down the table to see which regions, levels and years are "
        "compared, who gave each report, how long it is and which parts (review, targets, "
        "tasks, government self-building) were recognised.",
        "govtext.load_corpus / Corpus.meta; sections from govtext.parse_sections",
    )
    meta = ctx.corpus.meta
    have_sections = _has("parse_sections")
    found: list[str] = []
    if have_sections:
        for r in ctx.corpus:
            try:
                kinds = _section_kinds(r)
            except GovtextError:
                kinds = []
            found.append("、".join(kinds))
    df = pd.DataFrame(
        {
            "name": list(meta.index),
            "region": meta.get("region"),
            "level": meta.get("level"),
            "year": meta.get("year"),
            "speaker": meta.get("speaker"),
            "chars": meta.get("chars"),
            "tokens": ctx.dtm.doc_lengths(),
        }
    )
    if have_sections:
        df["sections"] = found
    else:
        sec.note = (
            "Sections found: not available in this version (govtext.parse_sections is missing)."
        )
    df = df.reset_index(drop=True)
    link = ctx.write_csv("overview", df)
    sec.files.append(link)
    sec.blocks.append(table_block(df, f"{len(df)} reports", link, max_rows=500))

    # reports per year, stacked by level
    years = sorted({int(y) for y in meta["year"].dropna()}) if "year" in meta else []
    if years:
        levels = sorted({str(v) for v in meta["level"].dropna()}) or ["?"]
        counts = [
            [int(((meta["year"] == y) & (meta["level"] == lev)).sum()) for lev in levels]
            for y in years
        ]
        from .plot import bar_chart

        fig = bar_chart(
            [str(y) for y in years],
            counts,
            title="每年的报告数（按层级）",
            xlabel="报告数",
            horizontal=False,
            stacked_labels=levels,
        )
        sec.blocks.append(
            Block(
                "figure",
                src=ctx.write_figure("overview_years", fig),
                alt="Reports per year",
                caption="Reports per year, stacked by level.",
            )
        )
    return sec


def _section_kinds(report: Any) -> list[str]:
    secs = report.sections
    kinds: list[str] = []
    items = getattr(secs, "children", None)
    if items is None:
        items = secs if isinstance(secs, (list, tuple)) else []
    for s in items:
        k = getattr(s, "kind", None)
        if k is None and isinstance(s, dict):
            k = s.get("kind")
        if k and k != "other" and k not in kinds:
            kinds.append(str(k))
    return kinds


def build_keywords(ctx: ReportContext) -> Section:
    import numpy as np
    import pandas as pd

    sec = Section(
        "keywords",
        "Top keywords per report",
        "Each row lists the words that set one report apart from the others (high TF-IDF: "
        "frequent in this report, rare in the rest); read across a row for a report's themes.",
        "govtext.keywords",
    )
    if _has("keywords"):
        kw = _api("keywords")(ctx.dtm, top=ctx.top)
        long = _keywords_long(kw, ctx)
    else:
        sec.produced_by = (
            "DocumentTermMatrix.tfidf (fallback: govtext.keywords is not in this version)"
        )
        w = ctx.dtm.tfidf()
        rows = []
        for i, name in enumerate(ctx.dtm.docs):
            row = w.getrow(i)
            order = np.lexsort((row.indices, -row.data))[: ctx.top]
            for rank, j in enumerate(order, 1):
                rows.append((name, rank, ctx.dtm.vocab[row.indices[j]], float(row.data[j])))
        long = pd.DataFrame(rows, columns=["report", "rank", "term", "score"])
    link = ctx.write_csv("keywords", long)
    sec.files.append(link)
    wide = (
        long.sort_values(["report", "rank"], kind="stable")
        .groupby("report", sort=False)["term"]
        .agg(lambda s: "  ".join(map(str, s)))
    )
    label = dict(zip(ctx.dtm.docs, ctx.labels))
    table = pd.DataFrame(
        {
            "report": [label.get(n, n) for n in ctx.dtm.docs],
            f"top {ctx.top} keywords": [wide.get(n, "") for n in ctx.dtm.docs],
        }
    )
    sec.blocks.append(
        table_block(table, "Keywords per report (scores in the CSV)", link, max_rows=500)
    )
    return sec


def _keywords_long(kw: Any, ctx: ReportContext) -> pd.DataFrame:
    """Normalise the result of ``govtext.keywords`` to columns report, rank, term, score."""
    import pandas as pd

    df = kw if isinstance(kw, pd.DataFrame) else pd.DataFrame(kw)
    cols = {c.lower(): c for c in map(str, df.columns)}
    rep = next((cols[c] for c in ("report", "doc", "document", "name") if c in cols), None)
    term = next((cols[c] for c in ("term", "keyword", "word") if c in cols), None)
    score = next((cols[c] for c in ("score", "tfidf", "weight", "value") if c in cols), None)
    if rep is None and term is not None:
        df = df.reset_index()
        rep = str(df.columns[0])
    if rep is None or term is None:
        raise GovtextError(f"unexpected result of govtext.keywords: columns {list(df.columns)}")
    out = pd.DataFrame({"report": df[rep].astype(str), "term": df[term].astype(str)})
    out["score"] = df[score].astype(float).to_numpy() if score else float("nan")
    if "rank" in cols:
        out["rank"] = df[cols["rank"]].astype(int).to_numpy()
    else:
        out["rank"] = out.groupby("report", sort=False).cumcount() + 1
    return out[["report", "rank", "term", "score"]]


def build_keyness(ctx: ReportContext) -> Section:
    _api("keyness")
    raise Unavailable("govtext.keyness")


def build_emerging(ctx: ReportContext) -> Section:
    _api("emerging_terms")
    raise Unavailable("govtext.emerging_terms")


def build_topics(ctx: ReportContext) -> Section:
    _api("fit_topics")
    raise Unavailable("govtext.fit_topics")


def build_network(ctx: ReportContext) -> Section:
    _api("cooccurrence_graph")
    raise Unavailable("govtext.cooccurrence_graph")


def build_indicators(ctx: ReportContext) -> Section:
    _api("extract_indicators")
    raise Unavailable("govtext.extract_indicators")


def build_similarity(ctx: ReportContext) -> Section:
    import numpy as np
    import pandas as pd

    sec = Section(
        "similarity",
        "Similarity between reports",
        "Each cell is the cosine similarity of two reports' TF-IDF vectors, from 0 (no shared "
        "vocabulary) to 1 (identical word use); bright blocks are groups of reports that "
        "speak alike.",
        "govtext.similarity",
    )
    if _has("similarity"):
        sim = _api("similarity")(ctx.dtm)
        mat = np.asarray(getattr(sim, "to_numpy", lambda: sim)(), dtype=float)
    else:
        sec.produced_by = "cosine of DocumentTermMatrix.tfidf (fallback: govtext.similarity is not in this version)"
        w = ctx.dtm.tfidf()
        mat = np.asarray((w @ w.T).todense(), dtype=float)
    names = ctx.dtm.docs
    df = pd.DataFrame(mat, index=names, columns=names)
    link = ctx.write_csv("similarity", df, index=True)
    sec.files.append(link)
    from .plot import heatmap

    if len(names) <= 60:
        fig = heatmap(
            mat,
            ctx.labels,
            ctx.labels,
            title="报告相似度（TF-IDF 余弦）",
            vmin=0,
            vmax=1,
            annotate=len(names) <= 14,
        )
        cap = "Report × report similarity."
    else:  # too many reports to label: average within groups of `by`
        keys = ctx.group_keys()
        groups = ctx.groups()
        idx = [[i for i, k in enumerate(keys) if k == g] for g in groups]
        gm = np.array([[mat[np.ix_(a, b)].mean() for b in idx] for a in idx])
        glabels = [str(g) for g in groups]
        gdf = pd.DataFrame(gm, index=glabels, columns=glabels)
        glink = ctx.write_csv(f"similarity_by_{ctx.by}", gdf, index=True)
        sec.files.append(glink)
        fig = heatmap(gm, glabels, glabels, title=f"平均相似度（按 {ctx.by}）", vmin=0, vmax=1)
        cap = f"Mean similarity between groups of reports by {ctx.by} ({len(names)} reports)."
    sec.blocks.append(
        Block(
            "figure",
            src=ctx.write_figure("similarity", fig),
            alt="Similarity heatmap",
            caption=cap,
            data=link,
        )
    )
    return sec


def build_dictionary(ctx: ReportContext) -> Section:
    _api("dictionary_scores")
    raise Unavailable("govtext.dictionary_scores")


# title, how-to-read and function of each section, used for the placeholder when missing
SECTION_INFO: dict[str, tuple[str, str, str]] = {
    "overview": ("Corpus overview", "", "govtext.load_corpus"),
    "keywords": ("Top keywords per report", "", "govtext.keywords"),
    "keyness": (
        "Keyness: consecutive years and regions of the same year",
        "For each pair, the words the target report uses significantly more (or less) than "
        "the reference.",
        "govtext.keyness",
    ),
    "emerging": (
        "Emerging and fading terms",
        "Terms whose share of the text rises (emerging) or falls (fading) most over the years.",
        "govtext.emerging_terms",
    ),
    "topics": (
        "Topic prevalence by year and by region",
        "Each heatmap cell is the average share of a report given to a topic; read a row "
        "across years or regions to see attention shift.",
        "govtext.fit_topics",
    ),
    "network": (
        "Co-occurrence networks per group and their change",
        "Words linked when they occur in the same sentences; the change table lists links "
        "that appear or disappear between consecutive groups.",
        "govtext.cooccurrence_graph / graphs_by / compare_graphs",
    ),
    "indicators": (
        "Indicators, targets and targets vs actuals",
        "Numeric indicators and growth targets extracted from each report; the figure sets "
        "each year's target against the actual value reported a year later.",
        "govtext.extract_indicators / targets / target_panel",
    ),
    "similarity": ("Similarity between reports", "", "govtext.similarity"),
    "dictionary": (
        "Policy-attention dictionary scores",
        "Share of each report's words that fall in each policy category of the dictionary; "
        "higher means more attention to that area.",
        "govtext.dictionary_scores",
    ),
}

SECTION_BUILDERS: list[tuple[str, Callable[[ReportContext], Section]]] = [
    ("overview", build_overview),
    ("keywords", build_keywords),
    ("keyness", build_keyness),
    ("emerging", build_emerging),
    ("topics", build_topics),
    ("network", build_network),
    ("indicators", build_indicators),
    ("similarity", build_similarity),
    ("dictionary", build_dictionary),
]


def run_builder(
    key: str, builder: Callable[[ReportContext], Section], ctx: ReportContext
) -> Section:
    """Run one builder; a missing analysis or a failure becomes a note in the section."""
    title, how, func = SECTION_INFO.get(key, (key, "", ""))
    try:
        return builder(ctx)
    except Unavailable as exc:
        return Section(
            key,
            title,
            how,
            func,
            status="unavailable",
            note=f"Not available in this version of govtext: {exc} is not implemented yet.",
        )
    except (GovtextError, ValueError, KeyError, TypeError, ArithmeticError, IndexError) as exc:
        msg = f"{type(exc).__name__}: {exc}"
        warnings.warn(f"govtext report: section {key!r} could not be built: {msg}", stacklevel=2)
        return Section(
            key,
            title,
            how,
            func,
            status="error",
            note=f"This section could not be computed for this corpus ({msg}).",
        )


# -------------------------------------------------------------------------- the page
def render_page(ctx: ReportContext, sections: list[Section], *, title: str | None = None) -> Path:
    """Render ``index.html`` from the sections with the jinja2 template (autoescaped)."""
    import jinja2

    from . import __version__

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("govtext", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    tpl = env.get_template("report.html.j2")
    meta = ctx.corpus.meta
    years = sorted({int(y) for y in meta["year"].dropna()}) if "year" in meta else []
    summary = {
        "n_reports": len(ctx.corpus),
        "years": f"{years[0]}–{years[-1]}" if years else "unknown",
        "n_regions": int(meta["region"].nunique()) if "region" in meta else 0,
        "levels": "、".join(sorted({str(v) for v in meta.get("level", []) if not _is_missing(v)})),
        "n_terms": ctx.dtm.shape[1],
        "by": ctx.by,
        "random_state": ctx.random_state,
    }
    html = tpl.render(
        title=title or "govtext report: comparison of government work reports",
        sections=sections,
        summary=summary,
        version=__version__,
    )
    manifest = {
        "govtext_version": __version__,
        "by": ctx.by,
        "random_state": ctx.random_state,
        "reports": ctx.dtm.docs,
        "sections": {
            s.key: {"status": s.status, "produced_by": s.produced_by, "files": s.files}
            for s in sections
        },
    }
    atomic_write_text(
        ctx.out / "report.json",
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
    )
    return atomic_write_text(ctx.out / "index.html", html)
