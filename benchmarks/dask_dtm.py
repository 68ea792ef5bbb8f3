"""``gt.dtm(..., backend="dask")`` on a dask.distributed LocalCluster against the local path.

For the real corpus and for a synthetic corpus (paragraphs of the real reports resampled
with a fixed seed, as in ``scale.py``), the same matrix is built four ways, in turn, in
every round:

* local, ``n_jobs=1`` (this process) and ``n_jobs=2`` (joblib worker processes);
* ``backend="dask"`` on a ``LocalCluster`` of 1 and of 2 worker processes (one thread each).

Every matrix is checked to equal the local ``n_jobs=1`` one (vocabulary, counts, row
names); the script exits non-zero if one differs. Times are medians over ``--repeat``
rounds; starting the clusters is timed separately and not included. The figure
(``--figure``, default ``benchmarks/img/dask_dtm.png``) plots seconds against reports.

Usage::

    python benchmarks/dask_dtm.py [CORPUS_DIR] [--synthetic 1000] [--repeat 3]
        [--backend jieba|rjieba] [--figure benchmarks/img/dask_dtm.png]

CORPUS_DIR defaults to the bundled sample. Needs the ``dask`` extra
(``pip install "govtext[dask]"``) and, for the figure, the ``plot`` extra.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _bench import alternate, median  # noqa: E402

DEFAULT_FIGURE = HERE / "img" / "dask_dtm.png"
WAYS = ("local n_jobs=1", "local n_jobs=2", "dask 1 worker", "dask 2 workers")


def synthetic_texts(corpus_dir: str, n: int, seed: int = 0) -> list[str]:
    """``n`` synthetic reports: resampled paragraphs of the reports in ``corpus_dir``."""
    from scale import paragraphs, synth

    paras, counts = paragraphs(corpus_dir)
    return ["\n".join(paras[i] for i in d) for d in synth(n, len(paras), counts, seed)]


def same_dtm(a: Any, b: Any) -> bool:
    """Same vocabulary, same counts, same row names."""
    return (
        a.vocab == b.vocab
        and a.matrix.shape == b.matrix.shape
        and (a.matrix != b.matrix).nnz == 0
        and list(a.meta.index) == list(b.meta.index)
    )


def measure(
    corpus_dir: str | None = None,
    synthetic: tuple[int, ...] = (1000,),
    repeat: int = 3,
    backend: str = "jieba",
    seed: int = 0,
    synthetic_repeat: int | None = None,
) -> dict[str, Any]:
    """Median seconds of the four ways on the corpus and on each synthetic size.

    ``synthetic_repeat`` (default ``repeat``) sets the rounds on the synthetic corpora.

    Rows: ``data, reports, chars, way, repeats, median_s, speed_vs_local1, equal``.
    """
    from dask.distributed import Client, LocalCluster

    import govtext as gt

    if corpus_dir is None:
        corpus_dir = str(gt.datasets.sample_path())
    tok = gt.PolicyTokenizer(backend=backend)
    tok.tokenize("预热")
    datasets: list[tuple[str, Any, int]] = [("corpus", gt.load_corpus(corpus_dir), repeat)]
    for n in synthetic:
        texts = synthetic_texts(corpus_dir, n, seed)
        datasets.append(
            (f"synthetic {n:,}", gt.corpus_from_texts(texts), synthetic_repeat or repeat)
        )
    clusters: dict[int, tuple[Any, Any]] = {}
    start_s: dict[int, float] = {}
    rows = []
    try:
        for w in (1, 2):
            t = time.perf_counter()
            cluster = LocalCluster(
                n_workers=w,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.WARNING,
            )
            clusters[w] = (cluster, Client(cluster))
            start_s[w] = time.perf_counter() - t
        for label, corpus, rounds in datasets:
            fns = {
                "local n_jobs=1": lambda c=corpus: gt.dtm(c, tokenizer=tok, n_jobs=1),
                "local n_jobs=2": lambda c=corpus: gt.dtm(c, tokenizer=tok, n_jobs=2),
                "dask 1 worker": lambda c=corpus: gt.dtm(
                    c, tokenizer=tok, backend="dask", client=clusters[1][1]
                ),
                "dask 2 workers": lambda c=corpus: gt.dtm(
                    c, tokenizer=tok, backend="dask", client=clusters[2][1]
                ),
            }
            times, out = alternate(fns, rounds)
            ref = out["local n_jobs=1"]
            base = median(times["local n_jobs=1"])
            for way in WAYS:
                m = median(times[way])
                rows.append(
                    {
                        "data": label,
                        "reports": len(corpus),
                        "chars": sum(len(r.text) for r in corpus),
                        "way": way,
                        "repeats": len(times[way]),
                        "median_s": m,
                        "speed_vs_local1": base / m,
                        "equal": same_dtm(out[way], ref),
                        "nnz": int(out[way].matrix.nnz),
                    }
                )
            del out
    finally:
        for cluster, client in clusters.values():
            client.close()
            cluster.close()
    return {
        "backend": backend,
        "repeat": repeat,
        "cluster_start_s": start_s,
        "rows": rows,
        "all_equal": all(r["equal"] for r in rows),
    }


def figure(res: dict[str, Any], path: str | Path = DEFAULT_FIGURE) -> Path:
    """Seconds against reports, one line per way."""
    from govtext.viz.figures import line_chart, save

    rows = res["rows"]
    xs = sorted({r["reports"] for r in rows})
    series = {
        way: [
            next(r["median_s"] for r in rows if r["way"] == way and r["reports"] == x) for x in xs
        ]
        for way in WAYS
    }
    fig = line_chart(
        xs,
        series,
        title=f"gt.dtm: local vs dask LocalCluster ({res['backend']} backend, median of runs)",
        xlabel="reports",
        ylabel="seconds",
    )
    ax = fig.axes[0]
    ax.set_xticks(xs)
    ax.set_xticklabels([f"{x:,}" for x in xs])
    ax.set_ylim(bottom=0)
    return save(fig, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", default=None, help="default: the bundled sample")
    ap.add_argument("--synthetic", type=int, nargs="*", default=[1000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--synthetic-repeat", type=int, default=None, help="default: --repeat")
    ap.add_argument("--backend", default="jieba", choices=["jieba", "rjieba"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--figure", default=str(DEFAULT_FIGURE), help="PNG to write ('' for none)")
    args = ap.parse_args(argv)
    res = measure(
        args.corpus,
        tuple(args.synthetic),
        args.repeat,
        args.backend,
        args.seed,
        args.synthetic_repeat,
    )
    from _bench import md_table

    starts = ", ".join(f"{w} worker(s) {s:.1f} s" for w, s in res["cluster_start_s"].items())
    print(f"tokenizer backend: {res['backend']}; cluster start-up (not timed below): {starts}\n")
    print(md_table(res["rows"]))
    if args.figure:
        print(f"\nfigure: {figure(res, args.figure)}")
    print(f"\nall matrices equal to the local n_jobs=1 one: {res['all_equal']}")
    return 0 if res["all_equal"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
