"""Run the benchmark suite and write one Markdown page of results (benchmarks/RESULTS.md).

Usage::

    python benchmarks/run_suite.py [CORPUS_DIR] [--quick] [--out benchmarks/RESULTS.md]
        [--areas tokenize keywords ...] [--repeat 3] [--cntext-python PATH]

CORPUS_DIR defaults to the bundled sample; the project measures on ../shared/corpus. The
suite calls the ``measure`` functions of the benchmark scripts next to this file, in one
process (``scale.py`` and the ``govtext report`` runs start their own processes):

=============  ==========================================================================
tokenize       jieba, rjieba, ``PolicyTokenizer`` on both backends, 1 and 2 workers
keywords       ``gt.keywords`` against ``jieba.analyse.extract_tags``
dtm            ``gt.dtm`` against tokenizing alone (1 and 2 workers, rjieba backend)
scale          ``gt`` counting on synthetic corpora of 1k / 10k / 100k reports (``scale.py``)
cooccurrence   ``gt.cooccurrence`` against a naive pair-counting loop, and cntext
topics         ``gt.fit_topics`` against gensim LDA and scikit-learn NMF
report         the whole ``govtext report`` command, cold then warm token cache
dask           ``gt.dtm(backend="dask")`` on a LocalCluster against the local path (figure)
=============  ==========================================================================

Times are medians over rounds in which every tool of an area runs once, in turn, so each
ratio compares tools measured in the same run under the same machine load. ``--quick`` is
a smoke run (one round, small synthetic sizes; about two to four minutes on the sample).
A section whose benchmark fails says so in the page instead of stopping the suite.

cntext is not installed next to govtext (it pins older numpy and pandas); give the Python
of a separate virtual environment with ``--cntext-python`` or ``$GOVTEXT_CNTEXT_PYTHON``
(see ``benchmarks/requirements.txt``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _bench import fmt, git_commit, load, machine, md_table  # noqa: E402

AREAS = ("tokenize", "keywords", "dtm", "scale", "cooccurrence", "topics", "report", "dask")


# ------------------------------------------------------------------------------ config
def settings(quick: bool, repeat: int | None) -> dict[str, Any]:
    """Rounds and sizes of every area for a full or a ``--quick`` run."""
    if quick:
        return {
            "repeat": repeat or 1,
            "scale_sizes": (100, 1000),
            "stream_max": 100,
            "naive_repeat": 1,
            "cntext_reports": 5,
            "topics_paragraph_repeat": 1,
            "dask_synthetic": (100,),
            "dask_synthetic_repeat": 1,
            "dask_backend": "rjieba",
            "report_warm_runs": 1,
        }
    return {
        "repeat": repeat or 3,
        "scale_sizes": (100, 1000, 10000, 100000),
        "stream_max": 1000,
        "naive_repeat": 3,
        "cntext_reports": 10,
        "topics_paragraph_repeat": 1,
        "dask_synthetic": (1000,),
        "dask_synthetic_repeat": 2,
        "dask_backend": "rjieba",
        "report_warm_runs": 1,
    }


def find_cntext_python(given: str | None) -> tuple[str | None, str]:
    """An interpreter that can ``import cntext``, and how it was found (or why not)."""
    candidates = []
    if given:
        candidates.append((given, "--cntext-python"))
    if os.environ.get("GOVTEXT_CNTEXT_PYTHON"):
        candidates.append((os.environ["GOVTEXT_CNTEXT_PYTHON"], "$GOVTEXT_CNTEXT_PYTHON"))
    candidates.append((str(HERE / ".venv-cntext" / "bin" / "python"), "benchmarks/.venv-cntext"))
    candidates.append((sys.executable, "this interpreter"))
    why = []
    for py, how in candidates:
        if not Path(py).exists():
            why.append(f"{how}: {py} does not exist")
            continue
        proc = subprocess.run(
            [py, "-c", "import warnings; warnings.filterwarnings('ignore'); import cntext"],
            capture_output=True,
            text=True,
        )
        if proc.returncode == 0:
            return py, how
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
        why.append(f"{how}: {tail}")
    return None, "; ".join(why)


# ------------------------------------------------------------------------------- areas
def run_area(name: str, corpus: str | None, cfg: dict[str, Any], out: Path) -> dict[str, Any]:
    """Run one area; its result dict (``error`` set if it failed)."""
    r = cfg["repeat"]
    if name == "tokenize":
        import tokenize_speed

        ident = HERE / "rjieba_identity.py"
        # rjieba_identity.py times PolicyTokenizer.cut on both backends itself
        res = tokenize_speed.measure(corpus, r, (1, 2), cut_rows=not ident.exists())
        if ident.exists():
            proc = subprocess.run(
                [sys.executable, str(ident), *([corpus] if corpus else []), "--repeat", str(r)],
                capture_output=True,
                text=True,
            )
            res["rjieba_identity"] = {
                "exit": proc.returncode,
                "stdout": proc.stdout.strip()[-4000:],
                "stderr": proc.stderr.strip()[-1000:] if proc.returncode else "",
            }
        return res
    if name == "keywords":
        import keywords_vs_jieba

        return keywords_vs_jieba.measure(corpus, r)
    if name == "dtm":
        import dtm_speed

        return dtm_speed.measure(corpus, r, (1, 2))
    if name == "scale":
        import scale

        return scale.measure(corpus, cfg["scale_sizes"], cfg["stream_max"], progress=True)
    if name == "cooccurrence":
        import cooccurrence_speed

        py, how = find_cntext_python(cfg.get("cntext_python"))
        res = cooccurrence_speed.measure(corpus, r, cfg["naive_repeat"], py, cfg["cntext_reports"])
        res["cntext_python"] = py
        res["cntext_found"] = how
        return res
    if name == "topics":
        import topics_vs_gensim

        return topics_vs_gensim.measure(corpus, r, paragraph_repeat=cfg["topics_paragraph_repeat"])
    if name == "report":
        import report_speed

        res = report_speed.cold_warm(corpus, cfg["report_warm_runs"])
        # where the time goes: one cold in-process build_report (n_jobs=1), per part
        res["parts"] = report_speed.sections_in(None, corpus)
        return res
    if name == "dask":
        import dask_dtm

        res = dask_dtm.measure(
            corpus,
            cfg["dask_synthetic"],
            r,
            cfg["dask_backend"],
            synthetic_repeat=cfg["dask_synthetic_repeat"],
        )
        fig = out.parent / "img" / "dask_dtm.png"
        res["figure"] = str(dask_dtm.figure(res, fig))
        return res
    raise ValueError(f"unknown area {name!r}")


# ----------------------------------------------------------------------------- render
def _rows(rows: list[dict[str, Any]], drop: tuple[str, ...] = ()) -> str:
    return md_table([{k: v for k, v in row.items() if k not in drop} for row in rows])


def section_tokenize(res: dict[str, Any]) -> list[str]:
    rows = {r["tool"]: r for r in res["rows"]}
    out = [
        f"{res['reports']} reports, {res['chars']:,} characters; median of {res['repeat']} "
        "rounds (every tool once per round, in turn). `speed_vs_jieba` = plain jieba's median "
        "/ this tool's median, same run. Worker rows call `govtext.features.tokens.tokenize_texts` "
        "(cut + filters) with joblib worker processes; starting the workers is included.",
        "",
        _rows(res["rows"]),
        "",
    ]
    g = rows.get("PolicyTokenizer().cut")
    f = rows.get("PolicyTokenizer(backend='rjieba').cut")
    what = "`PolicyTokenizer.cut`"
    if not (g and f):
        g = rows.get("tokenize_texts(n_jobs=1), jieba backend")
        f = rows.get("tokenize_texts(n_jobs=1), rjieba backend")
        what = "`tokenize_texts(n_jobs=1)`"
    if g and f:
        out.append(
            f"- rjieba backend vs jieba backend ({what}, same run): "
            f"**{g['median_s'] / f['median_s']:.2f}×** (issue 8 acceptance 1: >= 4×); "
            f"identical {res.get('identical_what', 'tokens')} on all {res['reports']} reports: "
            f"**{fmt(res['identical'])}**"
            + (f" (differing: {', '.join(res['differing'][:10])})" if res["differing"] else "")
        )
    for label in ("jieba", "rjieba"):
        one = rows.get(f"tokenize_texts(n_jobs=1), {label} backend")
        two = rows.get(f"tokenize_texts(n_jobs=2), {label} backend")
        if one and two:
            out.append(
                f"- 2 workers vs 1 worker, {label} backend: "
                f"{one['median_s'] / two['median_s']:.2f}×"
            )
    if g:
        out.append(f"- govtext ({what}, jieba backend) vs plain jieba: {g['speed_vs_jieba']:.2f}×")
    ident = res.get("rjieba_identity")
    if ident:
        out += [
            "",
            f"`benchmarks/rjieba_identity.py {{corpus}} --repeat {res['repeat']}` "
            f"(`PolicyTokenizer.cut` on both backends, every piece compared; exit "
            f"{ident['exit']}):",
            "",
            "```",
            ident["stdout"] or ident["stderr"],
            "```",
        ]
    return out


def section_keywords(res: dict[str, Any]) -> list[str]:
    return [
        f"{res['reports']} reports, top {res['top']} keywords each; median of {res['repeat']} "
        "rounds. `speed_vs_jieba` = `jieba.analyse.extract_tags` median / this median. "
        "`mean_fillers`/`max_fillers`: generic verbs and fillers among a report's top keywords "
        "(fixed list `FILLERS` in `keywords_vs_jieba.py`).",
        "",
        _rows(res["rows"]),
    ]


def section_dtm(res: dict[str, Any]) -> list[str]:
    return [
        f"{res['reports']} reports, {res['chars']:,} characters, {res['terms']:,} terms; "
        f"median of {res['repeat']} rounds. `vs_tokenize` = this median / the median of "
        "tokenizing every report alone (same run); `same_matrix`: equal to the `n_jobs=1` "
        "matrix.",
        "",
        _rows(res["rows"]),
    ]


def section_scale(res: dict[str, Any]) -> list[str]:
    rows = [
        {
            "reports": r["n"],
            "mode": r["how"],
            "chars": r["chars"],
            "seconds": r["seconds"],
            "paragraphs_s": r.get("paragraph_s"),
            "assemble_s": r.get("assemble_s"),
            "terms": r["terms"],
            "nnz": r["nnz"],
            "peak_rss_mb": r["peak_rss_mb"],
        }
        for r in res["results"]
    ]
    out = [
        "Synthetic corpora: each report draws its paragraph count from the real reports' and "
        "its paragraphs uniformly from all real paragraphs (lines >= 20 characters), seed 0 "
        "(`scale.py`). One run per size, each in a fresh process (peak RSS = that process's "
        "`VmHWM`). `stream`: `stream_dtm` tokenizing every synthetic report in full. "
        "`memo`: every distinct paragraph tokenized and counted once (`paragraphs_s`, the same "
        "work at every size), report rows assembled as sparse sums of paragraph rows "
        "(`assemble_s`), as a token cache gives on repeated paragraphs.",
        "",
        _rows(rows),
        "",
    ]
    for key, label in (
        ("memo_fit", "memo, total"),
        ("memo_assemble_fit", "memo, assembling the rows"),
        ("stream_fit", "stream"),
    ):
        fit = res.get(key)
        if fit:
            out.append(
                f"- {label}: seconds ≈ {fit['intercept_s']:.2f} + "
                f"**{fit['slope_s_per_1000']:.3f} s per 1,000 reports** (least squares over "
                f"{label.split(',')[0]} sizes; R² {fit['r2']:.4f})"
            )
    big = [r for r in res["results"] if r["n"] >= 100000]
    for r in big:
        out.append(
            f"- peak memory at {r['n']:,} reports ({r['how']}): **{r['peak_rss_mb']:,.0f} MB** "
            f"(issue 8 acceptance 3: < 4 GB: {fmt(r['peak_rss_mb'] < 4096)})"
        )
    return out


def section_cooccurrence(res: dict[str, Any]) -> list[str]:
    out = [
        f"{res['reports']} reports, {res['chars']:,} characters, tokenized once "
        f"({res['tokenize_s']:.1f} s, not included). Medians; `repeats` = govtext / naive "
        "rounds; `speed_up` = naive median / govtext median; `equal`: the two give the same "
        f"counts, entry by entry. Threads for govtext's product: {res['threads']}.",
        "",
        _rows(res["rows"]),
        "",
    ]
    c = res.get("cntext")
    if c and c.get("ok"):
        out += [
            f"cntext {c['cntext_version']} `co_occurrence_matrix(window_size=2)` against "
            f"`gt.cooccurrence(texts, window='report', distance=2)` on the first {c['reports']} "
            f"county reports ({c['chars']:,} characters), tokenisation included for both, "
            f"median of {c['repeat']} (cntext in its own interpreter: `{res['cntext_python']}`).",
            "",
            md_table(
                [
                    {
                        "tool": "cntext co_occurrence_matrix",
                        "median_s": c["cntext_s"],
                        "matrix": f"dense {c['cntext_shape'][0]:,} × {c['cntext_shape'][1]:,}",
                        "memory_mib": c["cntext_frame_mib"],
                        "speed_vs_cntext": 1.0,
                    },
                    {
                        "tool": "gt.cooccurrence(distance=2)",
                        "median_s": c["govtext_s"],
                        "matrix": f"sparse {c['govtext_terms']:,} terms, {c['govtext_nnz']:,} nnz",
                        "memory_mib": c["govtext_mib"],
                        "speed_vs_cntext": c["cntext_s"] / c["govtext_s"],
                    },
                ]
            ),
            "",
            "cntext counts every jieba token (punctuation and stopwords included) and returns a "
            "dense DataFrame; govtext's tokens are filtered, so the vocabularies differ.",
        ]
    else:
        why = (c or {}).get("why") or res.get("cntext_found") or "not run"
        out.append(f"cntext: **not measured** — {why}.")
    return out


def section_topics(res: dict[str, Any]) -> list[str]:
    out = [
        f"{res['reports']} {res['level']} reports {res['years']}, k = {res['k']}; medians "
        "(tokenisation included in every time); `speed_vs_gensim` = gensim-on-reports median / "
        "this median, same run. NPMI: mean pairwise NPMI of each topic's top 10 words over "
        f"{res['paragraphs']:,} report paragraphs (`topics_vs_gensim.py`).",
        "",
        _rows(res["rows"]),
    ]
    if res.get("note"):
        out += ["", f"Note: {res['note']}"]
    return out


def section_report(res: dict[str, Any]) -> list[str]:
    out = [
        "`python -m govtext report CORPUS -o TMP --quiet` in a fresh process, so imports, "
        "dictionary loading and writing every file count. "
        + (
            "Both runs use the same new, empty `--cache-dir` (first cold, then warm)."
            if res["cache_option"]
            else "**This CLI has no `--cache-dir` option: only the cold run was made.**"
        ),
        "",
        _rows(res["runs"]),
    ]
    if res.get("speed_up"):
        out += [
            "",
            f"- warm vs cold: **{res['speed_up']:.2f}×** faster (issue 8 acceptance 2: >= 5×)",
        ]
    if res.get("parts"):
        out += ["", *report_parts(res["parts"])]
    return out


def report_parts(parts: dict[str, list[float]]) -> list[str]:
    """The "where the time goes" table of ``report_speed.section_times``."""
    rows = [
        {"part": k.strip(), "wall_s": round(w, 2), "cpu_s": round(c, 2)}
        for k, (w, c) in parts.items()
    ]
    return [
        "### Where the time goes",
        "",
        "One cold `gt.build_report` in a fresh process with `n_jobs=1` "
        "(`report_speed.section_times`): each part's wall and CPU seconds, sections in page "
        "order; figures are saved inside the sections (their time is part of each section's "
        "and is also shown on its own); the command `govtext report` runs the same parts in "
        "worker processes and side by side (see benchmarks/RESULTS_report_speed.md).",
        "",
        md_table(rows),
    ]


def section_dask(res: dict[str, Any], page: Path) -> list[str]:
    starts = ", ".join(f"{w} worker(s) {s:.1f} s" for w, s in res["cluster_start_s"].items())
    out = [
        f"`gt.dtm` four ways on the same reports, tokenizer backend {res['backend']}: local "
        "(`n_jobs` 1 and 2, joblib processes) and `backend='dask'` on a `dask.distributed` "
        "LocalCluster of 1 and 2 worker processes (one thread each). Medians; "
        "`speed_vs_local1` = local `n_jobs=1` median / this one, same run; `equal`: vocabulary, "
        f"counts and row names equal to the local `n_jobs=1` matrix. Cluster start-up "
        f"(not included): {starts}.",
        "",
        _rows(res["rows"]),
        "",
        f"- every matrix equal to the local one: **{fmt(res['all_equal'])}**",
    ]
    if res.get("figure"):
        rel = os.path.relpath(res["figure"], page.parent)
        out += ["", f"![gt.dtm local vs dask LocalCluster]({rel})"]
    return out


def _identity_ratio(res: dict[str, Any]) -> tuple[float | None, str]:
    """rjieba/jieba throughput ratio: from rjieba_identity.py's output if it ran, else ours."""
    import re

    ident = res.get("rjieba_identity") or {}
    m = re.search(r"throughput ratio rjieba / jieba: ([\d.]+)x", ident.get("stdout", ""))
    if m:
        return float(m.group(1)), "rjieba_identity.py, `cut`"
    rows = {r["tool"]: r for r in res.get("rows", [])}
    for a, b, what in (
        ("PolicyTokenizer().cut", "PolicyTokenizer(backend='rjieba').cut", "`cut`"),
        (
            "tokenize_texts(n_jobs=1), jieba backend",
            "tokenize_texts(n_jobs=1), rjieba backend",
            "`tokenize_texts`",
        ),
    ):
        if a in rows and b in rows:
            return rows[a]["median_s"] / rows[b]["median_s"], what
    return None, ""


def summary(results: dict[str, dict[str, Any]]) -> list[str]:
    """Issue 8's measurable acceptance points, as found in this run."""
    out = []

    def ok(x: bool) -> str:
        return "met" if x else "**not met**"

    tok = results.get("tokenize", {})
    if tok and not tok.get("error"):
        r, what = _identity_ratio(tok)
        if r is not None:
            out.append(
                f"- (1) rjieba backend: {r:.2f}× the jieba backend's throughput ({what}, same "
                f"run; target >= 4×: {ok(r >= 4)}); identical on all {tok['reports']} "
                f"reports: {fmt(tok['identical'])}"
            )
    rep = results.get("report", {})
    if rep and not rep.get("error"):
        if rep.get("speed_up"):
            out.append(
                f"- (2) `govtext report`, warm cache vs cold: {rep['speed_up']:.2f}× faster "
                f"(target >= 5×: {ok(rep['speed_up'] >= 5)})"
            )
        else:
            out.append("- (2) `govtext report`: no `--cache-dir` option, warm run not measured")
    sc = results.get("scale", {})
    if sc and not sc.get("error"):
        fit = sc.get("memo_assemble_fit") or sc.get("memo_fit")
        if fit:
            out.append(
                f"- (3) DTM at scale (memo mode, assembling the rows): "
                f"{fit['slope_s_per_1000']:.3f} s per 1,000 reports, R² {fit['r2']:.4f}"
            )
        for r in sc["results"]:
            if r["n"] >= 100000:
                out.append(
                    f"- (3) peak memory at {r['n']:,} reports: {r['peak_rss_mb']:,.0f} MB "
                    f"(target < 4 GB: {ok(r['peak_rss_mb'] < 4096)})"
                )
    dk = results.get("dask", {})
    if dk and not dk.get("error"):
        out.append(
            f"- (4) Dask path equals the local path on every dataset: {fmt(dk['all_equal'])}; "
            "figure below"
        )
    return out


TITLES = {
    "tokenize": "Tokenization",
    "keywords": "Keywords",
    "dtm": "Document-term matrix",
    "scale": "Document-term matrix at scale (synthetic corpora)",
    "cooccurrence": "Co-occurrence",
    "topics": "Topics",
    "report": "Whole `govtext report`",
    "dask": "Dask (LocalCluster)",
}


def render(
    results: dict[str, dict[str, Any]],
    header: dict[str, Any],
    page: Path,
) -> str:
    """The Markdown page: header, machine table, then one section per area."""
    lines = [
        "# govtext benchmark results",
        "",
        "Written by `benchmarks/run_suite.py`; do not edit by hand. Numbers are from one run "
        "on the machine below; the machine is shared, so the load averages are given.",
        "",
        f"- date (UTC): {header['date']}",
        f"- git commit: {header['commit']}",
        f"- command: `{header['command']}`",
        f"- corpus: {header['corpus']}",
        *(
            [f"- govtext imported from: `{header['govtext_path']}`"]
            if header.get("govtext_path")
            else []
        ),
        f"- mode: {'quick (smoke run)' if header['quick'] else 'full'}, "
        f"{header['settings']['repeat']} round(s) per area unless a table says otherwise",
        f"- suite wall time: {header['elapsed_s'] / 60:.1f} min",
        *(
            [
                f"- **PARTIAL PAGE: the suite was still running; areas not measured yet: "
                f"{', '.join(header['pending'])}**"
            ]
            if header.get("pending")
            else []
        ),
        f"- load average (1, 5, 15 min) before: {header['load_before']}; after: "
        f"{header['load_after']}",
        f"- `uptime` at the end: `{header['uptime']}`",
        "- extra packages (benchmarks only, see `benchmarks/requirements.txt`): gensim; "
        "cntext in its own virtual environment",
        "",
        *(
            ["## Summary (issue 8 acceptance)", "", *summary(results), ""]
            if summary(results)
            else []
        ),
        "## Machine",
        "",
        md_table([{"item": k, "value": v} for k, v in header["machine"].items()]),
    ]
    for name in AREAS:
        if name not in results:
            continue
        res = results[name]
        lines += ["", f"## {TITLES[name]}", ""]
        if res.get("error"):
            lines.append(f"**Not measured: the benchmark failed** — `{res['error']}`")
            continue
        render_fn = {
            "tokenize": section_tokenize,
            "keywords": section_keywords,
            "dtm": section_dtm,
            "scale": section_scale,
            "cooccurrence": section_cooccurrence,
            "topics": section_topics,
            "report": section_report,
        }.get(name)
        body = section_dask(res, page) if name == "dask" else render_fn(res)
        lines += body
        lines += ["", f"_(area wall time {res['area_s']:.0f} s, load before {res['load']})_"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", default=None, help="default: the bundled sample")
    ap.add_argument("--quick", action="store_true", help="smoke run: one round, small sizes")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"), help="Markdown page to write")
    ap.add_argument("--areas", nargs="+", choices=AREAS, default=list(AREAS))
    ap.add_argument("--repeat", type=int, default=None, help="rounds per area (3; quick: 1)")
    ap.add_argument("--cntext-python", default=None, help="python of a venv with cntext")
    args = ap.parse_args(argv)
    argv_used = sys.argv[1:] if argv is None else argv
    command = " ".join(
        shlex.quote(a) for a in ["python", os.path.relpath(__file__, Path.cwd()), *argv_used]
    )
    out = Path(args.out).resolve()
    corpus = str(Path(args.corpus).resolve()) if args.corpus else None
    cfg = settings(args.quick, args.repeat)
    cfg["cntext_python"] = args.cntext_python
    t_all = time.perf_counter()
    load_before = load()
    commit = git_commit()
    import govtext

    govtext_path = str(Path(govtext.__file__).resolve().parent)
    results: dict[str, dict[str, Any]] = {}
    todo = [a for a in AREAS if a in args.areas]

    def write(pending: list[str]) -> float:
        """Write the page and the JSON with what is measured so far."""
        from govtext._runtime.files import atomic_write_text

        try:
            uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        except OSError:
            uptime = ""
        header = {
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
            "commit": commit,
            "command": command,
            "corpus": corpus or "bundled sample (govtext.datasets.sample_path())",
            "quick": args.quick,
            "settings": cfg,
            "elapsed_s": time.perf_counter() - t_all,
            "load_before": load_before,
            "load_after": load(),
            "uptime": uptime,
            "machine": machine(),
            "pending": pending,
            "govtext_path": govtext_path,
        }
        atomic_write_text(out, render(results, header, out))
        atomic_write_text(
            out.with_suffix(".json"),
            json.dumps(
                {"header": header, "results": results}, ensure_ascii=False, indent=1, default=str
            )
            + "\n",
        )
        return header["elapsed_s"]

    for i, name in enumerate(todo):
        print(f"[suite] {name} ... (load {load()})", file=sys.stderr, flush=True)
        ld = load()
        t = time.perf_counter()
        try:
            res = run_area(name, corpus, cfg, out)
        except Exception as e:  # noqa: BLE001 - reported in the page, the suite goes on
            traceback.print_exc()
            res = {"error": f"{type(e).__name__}: {e}"}
        res["area_s"] = time.perf_counter() - t
        res["load"] = ld
        results[name] = res
        print(f"[suite] {name} done in {res['area_s']:.0f} s", file=sys.stderr, flush=True)
        if i < len(todo) - 1:
            write(todo[i + 1 :])  # a partial page, should the run be cut short
    elapsed = write([])
    print(f"[suite] wrote {out} in {elapsed / 60:.1f} min", file=sys.stderr)
    return 1 if any(r.get("error") for r in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
