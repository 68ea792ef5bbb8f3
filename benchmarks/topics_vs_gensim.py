"""Topic quality of ``govtext.fit_topics`` against gensim LDA and scikit-learn NMF.

Measure (the same for every method, independent of anyone's tokenizer): the mean NPMI of
each topic's top 10 words, with the report paragraphs (lines of at least 20 characters)
as reference documents; a paragraph *contains* a word if the word occurs in it as a
substring. NPMI of a pair that never co-occurs is -1. Topic mean = mean over the 45 pairs;
model score = mean over topics. Also printed: topic diversity (share of unique words among
all top words) and the largest number of generic verbs / fillers (``FILLERS`` below, a
list defined here, independent of govtext's stopword lists) in any topic's top 10.

Baselines (what users do today):

* gensim ``LdaModel`` (passes=20) on jieba tokens (a fresh ``jieba.Tokenizer`` with its
  default dictionary) with the HIT stopword list, tokens without a Han character or letter
  dropped, ``Dictionary.filter_extremes`` with its defaults (no_below=5, no_above=0.5);
* scikit-learn ``NMF`` on TF-IDF of the same tokens and vocabulary.

Each baseline runs on two document units, whole reports and paragraphs, and both are
shown. gensim is needed for the first baseline only (``pip install gensim``, part of the
``dev`` extra; never a core dependency).

Usage::

    python benchmarks/topics_vs_gensim.py --corpus /work/shared/corpus --years 1978-2025 -k 10

Default corpus: the bundled sample (national reports 2015–2025 there).
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import numpy as np

import govtext as gt

HERE = Path(__file__).resolve().parent
CORPUS_DIR = None  # default: the bundled sample; pass --corpus /work/shared/corpus
HIT_DEFAULT = Path("/work/shared/eval/stopwords/hit_stopwords.txt")

# Generic verbs, adverbs and fillers of work-report prose that say nothing about a topic.
# Defined here on purpose, independent of govtext's stopword and boilerplate lists.
FILLERS = frozenset(
    """
    加强 推进 坚持 推动 实施 加快 提高 进一步 完善 促进 深化 建立 健全 做好 开展 支持 继续
    努力 积极 认真 全面 深入 不断 切实 大力 着力 提升 落实 工作 方面 问题 我们 一个 今年
    去年 明年 各级 主要 重要 进行 实现 取得 注重 抓好 扎实 有效 显著 明显 更加 更好 重点
    保持 增强 扩大 强化 优化 统筹 做到 继续 要求 情况 有关 同时 以及 通过 根据 为了 一些
    各项 各种 必须 已经 正在 一定 基本 相关 目前 当前 经过 得到 提出 形成 组织 规定 一批
    任务 措施 政策 要 把 使 让 对 从 向 将 及 并 等 为 是 在 和 的 了 与 也 都 还 就
    """.split()
)

_HAN_OR_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")


# ----------------------------------------------------------------------------- data
def load_reports(corpus_dir: str | None, level: str, years: tuple[int, int]):
    corpus = gt.datasets.load_sample() if corpus_dir is None else gt.load_corpus(corpus_dir)
    lo, hi = years
    keep = [
        r
        for r in corpus
        if r.meta.get("level") == level and r.meta.get("year") and lo <= int(r.meta["year"]) <= hi
    ]
    if not keep:
        raise SystemExit(f"no {level} reports in {years} under {corpus_dir or 'the sample'}")
    return gt.Corpus(sorted(keep, key=lambda r: (int(r.meta["year"]), r.name)))


def reference_paragraphs(corpus, min_chars: int = 20) -> list[str]:
    """Lines of at least ``min_chars`` characters (after stripping) of every report."""
    out = []
    for r in corpus:
        for line in r.text.splitlines():
            line = line.strip()
            if len(line) >= min_chars:
                out.append(line)
    return out


# -------------------------------------------------------------------------- measure
def substring_npmi(topics: list[list[str]], paragraphs: list[str]) -> np.ndarray:
    """Mean pairwise NPMI of each topic's words; containment = substring of a paragraph."""
    words = sorted({w for t in topics for w in t})
    index = {w: i for i, w in enumerate(words)}
    n = len(paragraphs)
    occ = np.zeros((len(words), n), dtype=np.float64)
    for j, p in enumerate(paragraphs):
        for w, i in index.items():
            if w in p:
                occ[i, j] = 1.0
    co = occ @ occ.T
    df = np.diag(co).copy()
    scores = []
    for t in topics:
        ids = [index[w] for w in t]
        vals = []
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                i, j = ids[a], ids[b]
                nij = co[i, j]
                if nij == 0 or df[i] == 0 or df[j] == 0:
                    vals.append(-1.0)
                    continue
                pij = nij / n
                if pij >= 1.0:
                    vals.append(1.0)
                    continue
                pmi = np.log(pij / ((df[i] / n) * (df[j] / n)))
                vals.append(pmi / -np.log(pij))
        scores.append(float(np.mean(vals)) if vals else float("nan"))
    return np.array(scores)


def summarise(name: str, topics: list[list[str]], paragraphs: list[str], seconds: float) -> dict:
    npmi = substring_npmi(topics, paragraphs)
    allw = [w for t in topics for w in t]
    fill = [sum(w in FILLERS for w in t) for t in topics]
    return {
        "method": name,
        "npmi_mean": float(np.mean(npmi)),
        "npmi_min": float(np.min(npmi)),
        "diversity": len(set(allw)) / max(len(allw), 1),
        "max_fillers": max(fill),
        "mean_chars": float(np.mean([len(w) for w in allw])),
        "seconds": seconds,
        "topics": topics,
    }


# ------------------------------------------------------------------------ baselines
def jieba_docs(corpus, stopwords: set[str], unit: str) -> list[list[str]]:
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()

    def toks(s: str) -> list[str]:
        return [
            w
            for w in (x.strip() for x in tk.lcut(s))
            if w and w not in stopwords and _HAN_OR_LETTER.search(w)
        ]

    if unit == "report":
        return [toks(r.text) for r in corpus]
    return [toks(p) for p in reference_paragraphs(corpus)]


def baseline_gensim(docs: list[list[str]], k: int, seed: int) -> list[list[str]]:
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    d = Dictionary(docs)
    d.filter_extremes()  # defaults: no_below=5, no_above=0.5
    bow = [d.doc2bow(x) for x in docs]
    lda = LdaModel(bow, num_topics=k, id2word=d, passes=20, random_state=seed)
    return [[d[i] for i, _ in lda.get_topic_terms(t, topn=10)] for t in range(k)]


def baseline_nmf(docs: list[list[str]], k: int, seed: int) -> list[list[str]]:
    from gensim.corpora import Dictionary  # same vocabulary as the LDA baseline
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    d = Dictionary(docs)
    d.filter_extremes()
    vocab = sorted(d.token2id)
    vec = TfidfVectorizer(analyzer=lambda x: x, vocabulary=vocab, lowercase=False)
    X = vec.fit_transform(docs)
    nmf = NMF(n_components=k, random_state=seed, init="nndsvda", max_iter=500)
    nmf.fit(X)
    return [[vocab[i] for i in np.argsort(-row, kind="stable")[:10]] for row in nmf.components_]


# ---------------------------------------------------------------------------- suite
def measure(
    folder: str | None = None,
    repeat: int = 3,
    k: int = 10,
    level: str = "national",
    years: tuple[int, int] = (1978, 2025),
    seed: int = 0,
    stopwords: str | Path = HIT_DEFAULT,
    paragraph_repeat: int = 1,
) -> dict:
    """Median seconds and NPMI of govtext's topics and the gensim / NMF baselines.

    Each round fits every method once, in turn (tokenisation included in each time);
    gensim's LDA on paragraphs is slow and runs in the first ``paragraph_repeat`` rounds
    only. NPMI etc. are scored on the last fit of each method. Rows: ``method, repeats,
    median_s, speed_vs_gensim`` (gensim-on-reports median / this one, same run),
    ``npmi_mean, diversity, max_fillers``.
    """
    import sys

    sys.path.insert(0, str(HERE))
    from _bench import alternate, median, ratio

    corpus = load_reports(folder, level, years)
    paragraphs = reference_paragraphs(corpus)
    fns = {"govtext fit_topics (defaults)": lambda: gt.fit_topics(corpus, k=k, random_state=seed)}
    note = None
    sw_path = Path(stopwords)
    if sw_path.is_file():
        stop = {w.strip() for w in sw_path.read_text(encoding="utf-8").splitlines() if w.strip()}
        try:
            import gensim  # noqa: F401

            fns["gensim LdaModel passes=20, jieba+HIT, reports"] = lambda: baseline_gensim(
                jieba_docs(corpus, stop, "report"), k, seed
            )
            fns["gensim LdaModel passes=20, jieba+HIT, paragraphs"] = lambda: baseline_gensim(
                jieba_docs(corpus, stop, "paragraph"), k, seed
            )
            fns["sklearn NMF on TF-IDF, jieba+HIT, reports"] = lambda: baseline_nmf(
                jieba_docs(corpus, stop, "report"), k, seed
            )
        except ImportError:
            note = "gensim is not installed (pip install gensim): baselines skipped"
    else:
        note = f"no HIT stopword list at {sw_path}: baselines skipped"
    times, out = alternate(
        fns, repeat, {"gensim LdaModel passes=20, jieba+HIT, paragraphs": paragraph_repeat}
    )
    base = median(times.get("gensim LdaModel passes=20, jieba+HIT, reports", []))
    rows = []
    for name, ts in times.items():
        top = out[name].top_terms(10) if name.startswith("govtext") else out[name]
        s = summarise(name, top, paragraphs, median(ts))
        rows.append(
            {
                "method": name,
                "repeats": len(ts),
                "median_s": median(ts),
                "speed_vs_gensim": ratio(base, median(ts)),
                "npmi_mean": s["npmi_mean"],
                "diversity": s["diversity"],
                "max_fillers": s["max_fillers"],
            }
        )
    return {
        "reports": len(corpus),
        "level": level,
        "years": f"{years[0]}-{years[1]}",
        "k": k,
        "paragraphs": len(paragraphs),
        "rows": rows,
        "note": note,
    }


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=CORPUS_DIR, help="folder of reports (default: the sample)")
    ap.add_argument("--level", default="national")
    ap.add_argument("--years", default="1978-2025")
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stopwords", default=str(HIT_DEFAULT), help="HIT stopword list")
    ap.add_argument("--skip-gensim", action="store_true")
    ap.add_argument("--show-topics", action="store_true")
    ap.add_argument(
        "--ablation",
        action="store_true",
        help="also score govtext variants: report units, weight ranking, no POS filter, max_df, LDA",
    )
    args = ap.parse_args(argv)
    lo, hi = (int(x) for x in args.years.split("-"))
    corpus = load_reports(args.corpus, args.level, (lo, hi))
    paragraphs = reference_paragraphs(corpus)
    print(
        f"corpus: {len(corpus)} {args.level} reports {lo}-{hi}, "
        f"{len(paragraphs)} reference paragraphs (lines >= 20 chars), k={args.k}"
    )
    rows = []

    t0 = time.perf_counter()
    model = gt.fit_topics(corpus, k=args.k, random_state=args.seed)
    rows.append(
        summarise(
            "govtext fit_topics (defaults)",
            model.top_terms(10),
            paragraphs,
            time.perf_counter() - t0,
        )
    )
    rows[-1]["max_share"] = float(model.doc_topic_.mean(axis=0).max())

    if args.ablation:
        from govtext.models.topics import TopicModel
        from govtext.models.units import paragraph_dtm

        tok = gt.PolicyTokenizer()
        t0 = time.perf_counter()
        units = paragraph_dtm(corpus, tok)
        t_units = time.perf_counter() - t0
        t0 = time.perf_counter()
        reports = paragraph_dtm(corpus, tok, unit="report")
        t_reports = time.perf_counter() - t0
        t0 = time.perf_counter()
        sections = paragraph_dtm(corpus, tok, unit="section")
        t_sections = time.perf_counter() - t0
        variants = [
            ("ranking='weight'", units, t_units, {"ranking": "weight"}),
            ("drop_pos=None", units, t_units, {"drop_pos": None}),
            (
                "drop_pos=None, ranking='weight'",
                units,
                t_units,
                {"drop_pos": None, "ranking": "weight"},
            ),
            ("max_df=0.05", units, t_units, {"max_df": 0.05}),
            ("max_df=0.1", units, t_units, {"max_df": 0.1}),
            ("unit='section'", sections, t_sections, {"unit": "section"}),
            ("unit='report'", reports, t_reports, {"unit": "report"}),
            (
                "unit='report', max_df=0.5, min_df=2, weight",
                reports,
                t_reports,
                {"unit": "report", "max_df": 0.5, "min_df": 2, "ranking": "weight"},
            ),
            ("method='lda'", units, t_units, {"method": "lda"}),
            (
                "method='lda', ranking='weight'",
                units,
                t_units,
                {"method": "lda", "ranking": "weight"},
            ),
        ]
        for name, u, t_tok, params in variants:
            t0 = time.perf_counter()
            m = TopicModel(k=args.k, random_state=args.seed, tokenizer=tok, **params)._fit_units(u)
            rows.append(
                summarise(
                    f"govtext {name}", m.top_terms(10), paragraphs, t_tok + time.perf_counter() - t0
                )
            )
            rows[-1]["max_share"] = float(m.doc_topic_.mean(axis=0).max())

    sw_path = Path(args.stopwords)
    if sw_path.is_file():
        stop = {w.strip() for w in sw_path.read_text(encoding="utf-8").splitlines() if w.strip()}
        for unit in ("report", "paragraph"):
            t0 = time.perf_counter()
            docs = jieba_docs(corpus, stop, unit)
            t_tok = time.perf_counter() - t0
            if not args.skip_gensim:
                t0 = time.perf_counter()
                top = baseline_gensim(docs, args.k, args.seed)
                rows.append(
                    summarise(
                        f"gensim LdaModel passes=20, jieba+HIT, {unit}s",
                        top,
                        paragraphs,
                        t_tok + time.perf_counter() - t0,
                    )
                )
            t0 = time.perf_counter()
            top = baseline_nmf(docs, args.k, args.seed)
            rows.append(
                summarise(
                    f"sklearn NMF on TF-IDF, jieba+HIT, {unit}s",
                    top,
                    paragraphs,
                    t_tok + time.perf_counter() - t0,
                )
            )
    else:
        print(f"(no stopword list at {sw_path}: baselines skipped)")

    print(
        f"\n{'method':<52} {'NPMI':>6} {'min':>6} {'divers':>6} {'fill':>4} {'chars':>5} "
        f"{'share':>5} {'sec':>6}"
    )
    for r in rows:
        share = f"{r['max_share']:5.2f}" if "max_share" in r else f"{'':>5}"
        print(
            f"{r['method']:<52} {r['npmi_mean']:6.3f} {r['npmi_min']:6.3f} {r['diversity']:6.2f} "
            f"{r['max_fillers']:4d} {r['mean_chars']:5.2f} {share} {r['seconds']:6.1f}"
        )
    print(
        "\nNPMI: mean over topics of the mean pairwise NPMI of the top 10 words (substring "
        "containment in lines >= 20 chars); min: worst topic; divers: unique share of top "
        "words; fill: most generic verbs/fillers in one topic's top 10; chars: mean word "
        "length; share: largest mean topic share over reports (govtext only); sec: wall time "
        "including tokenization."
    )
    if args.show_topics:
        for r in rows:
            print(f"\n== {r['method']}")
            for i, t in enumerate(r["topics"]):
                print(f"  {i:2d} {' '.join(t)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
