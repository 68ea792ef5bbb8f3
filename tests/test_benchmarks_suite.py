"""The benchmark suite's page: table writing on small inputs, and one real (cheap) area.

The full ``--quick`` run takes minutes (it starts ``govtext report`` twice and a Dask
cluster), so it is not run here; the keywords area alone is run for real on the sample.
No timing is asserted.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import _bench  # noqa: E402
import run_suite  # noqa: E402

NUM = re.compile(r"^-?[\d,]+(\.\d+)?(e-?\d+)?$")


def table_after(page: str, heading: str) -> list[list[str]]:
    """Cells of the first Markdown table after ``heading`` (header row first)."""
    part = page.split(heading, 1)[1]
    lines = part.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("|"))
    rows = []
    for ln in lines[start:]:
        if not ln.startswith("|"):
            break
        rows.append([c.strip() for c in ln.strip().strip("|").split(" | ")])
    return [rows[0], *rows[2:]]  # drop the |---| line


def test_md_table_aligns_numbers_and_escapes_pipes():
    text = _bench.md_table(
        [{"tool": "a|b", "s": 1234.5, "ok": True}, {"tool": "c", "s": None, "ok": False}]
    )
    lines = text.splitlines()
    assert lines[0] == "| tool | s | ok |"
    assert lines[1] == "|---|---:|---|"  # only the numeric column right-aligned
    assert lines[2] == "| a\\|b | 1,234 | yes |"
    assert lines[3] == "| c |  | no |"
    assert _bench.md_table([]) == "(no rows)"


def test_fmt_significant_digits():
    assert _bench.fmt(0.000123456) == "0.000123"
    assert _bench.fmt(float("nan")) == "n/a"
    assert _bench.fmt(-12.345) == "-12.3"
    assert _bench.fmt(3) == "3"


def test_alternate_runs_in_turn_and_honours_fewer_rounds():
    calls = []
    times, out = _bench.alternate(
        {"a": lambda: calls.append("a") or 1, "b": lambda: calls.append("b") or 2},
        3,
        {"b": 1},
    )
    assert calls == ["a", "b", "a", "a"]
    assert len(times["a"]) == 3 and len(times["b"]) == 1
    assert out == {"a": 1, "b": 2}
    assert _bench.median([3.0, 1.0, 2.0]) == 2.0


def test_fit_line_slope():
    import scale

    rows = [{"n": n, "seconds": 2.0 + 0.5 * n / 1000} for n in (1000, 10000, 100000)]
    fit = scale.fit_line(rows)
    assert fit["slope_s_per_1000"] == pytest.approx(0.5)
    assert fit["intercept_s"] == pytest.approx(2.0)
    assert fit["r2"] == pytest.approx(1.0)
    assert scale.fit_line(rows[:1]) is None


def fake_results(tmp_path: Path) -> dict:
    row = {"median_s": 1.5, "repeats": 3}
    return {
        "tokenize": {
            "reports": 2,
            "chars": 100,
            "repeat": 3,
            "identical": True,
            "differing": [],
            "rows": [
                {"tool": "jieba.Tokenizer().lcut", "speed_vs_jieba": 1.0, **row},
                {"tool": "PolicyTokenizer().cut", "speed_vs_jieba": 1.2, **row},
                {
                    "tool": "PolicyTokenizer(backend='rjieba').cut",
                    "speed_vs_jieba": 6.0,
                    **row,
                    "median_s": 0.3,
                },
            ],
            "area_s": 10.0,
            "load": "1.00 1.00 1.00",
        },
        "scale": {
            "results": [
                {
                    "n": n,
                    "how": "memo",
                    "chars": n * 10,
                    "seconds": 1 + n / 1000,
                    "paragraph_s": 1.0,
                    "assemble_s": n / 1000,
                    "terms": 5,
                    "nnz": n * 3,
                    "peak_rss_mb": 100.0 + n / 100,
                    "checksum": 0,
                }
                for n in (1000, 100000)
            ],
            "memo_fit": {
                "intercept_s": 1.0,
                "slope_s_per_1000": 1.0,
                "r2": 1.0,
                "max_rel_residual": 0.0,
            },
            "area_s": 5.0,
            "load": "1.00 1.00 1.00",
        },
        "topics": {"error": "ImportError: no gensim", "area_s": 0.1, "load": "1"},
        "dask": {
            "backend": "jieba",
            "repeat": 1,
            "cluster_start_s": {1: 1.0, 2: 2.0},
            "rows": [
                {"data": "corpus", "reports": 2, "way": w, "median_s": 2.0, "equal": True}
                for w in ("local n_jobs=1", "dask 2 workers")
            ],
            "all_equal": True,
            "figure": str(tmp_path / "img" / "dask_dtm.png"),
            "area_s": 3.0,
            "load": "1.00 1.00 1.00",
        },
    }


def header() -> dict:
    return {
        "date": "2026-01-01 00:00",
        "commit": "abc",
        "command": "python benchmarks/run_suite.py --quick",
        "corpus": "sample",
        "quick": True,
        "settings": run_suite.settings(True, None),
        "elapsed_s": 60.0,
        "load_before": "1.00 1.00 1.00",
        "load_after": "1.00 1.00 1.00",
        "uptime": "up 1 day",
        "machine": {"CPU": "test cpu", "cores (os.cpu_count)": "2"},
    }


def test_render_sections_tables_ratios_and_figure(tmp_path):
    page = run_suite.render(fake_results(tmp_path), header(), tmp_path / "RESULTS.md")
    assert page.startswith("# govtext benchmark results\n")
    heads = re.findall(r"^## (.+)$", page, flags=re.M)
    assert heads == [
        "Summary (issue 8 acceptance)",
        "Machine",
        "Tokenization",
        "Document-term matrix at scale (synthetic corpora)",
        "Topics",
        "Dask (LocalCluster)",
    ]  # areas in the suite's order, only those given
    assert "command: `python benchmarks/run_suite.py --quick`" in page
    # the ratio is computed from the two medians of the same run: 1.5 / 0.3
    assert "**5.00×** (issue 8 acceptance 1" in page
    assert "seconds ≈ 1.00 + **1.000 s per 1,000 reports**" in page
    assert "peak memory at 100,000 reports (memo): **1,100 MB**" in page
    assert "Not measured: the benchmark failed** — `ImportError: no gensim`" in page
    assert "![gt.dtm local vs dask LocalCluster](img/dask_dtm.png)" in page
    summary = page.split("## Summary (issue 8 acceptance)", 1)[1].split("## Machine")[0]
    assert "(1) rjieba backend: 5.00× the jieba backend's throughput" in summary
    assert "target >= 4×: met" in summary
    assert "(3) peak memory at 100,000 reports: 1,100 MB (target < 4 GB: met)" in summary
    assert "(4) Dask path equals the local path on every dataset: yes" in summary
    assert "(2)" not in summary  # no report area in this run
    cells = table_after(page, "## Tokenization")
    col = cells[0].index("median_s")
    assert [r[col] for r in cells[1:]] == ["1.50", "1.50", "0.300"]


def test_real_keywords_area_on_the_sample(tmp_path):
    out = tmp_path / "R.md"
    code = run_suite.main(["--quick", "--areas", "keywords", "--out", str(out)])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert "## Keywords" in page and "## Tokenization" not in page
    cells = table_after(page, "## Keywords")
    head, body = cells[0], cells[1:]
    assert len(body) == 3
    for name in ("median_s", "speed_vs_jieba", "mean_fillers"):
        i = head.index(name)
        assert all(NUM.match(r[i]) for r in body), (name, body)
    i = head.index("speed_vs_jieba")
    assert body[0][i] == "1.00"  # jieba against itself
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    rows = data["results"]["keywords"]["rows"]
    assert [r["repeats"] for r in rows] == [1, 1, 1]
    assert all(r["median_s"] > 0 for r in rows)
    # govtext's keywords carry fewer fillers than jieba's on the sample (issue 3)
    assert rows[1]["mean_fillers"] < rows[0]["mean_fillers"]


def test_partial_page_names_the_areas_not_yet_measured(tmp_path):
    h = header()
    done = run_suite.render({}, h, tmp_path / "R.md")
    assert "PARTIAL PAGE" not in done
    h["pending"] = ["report", "dask"]
    page = run_suite.render({}, h, tmp_path / "R.md")
    assert "areas not measured yet: report, dask**" in page
