"""What the command and the page say in small places: counts with the right plural, one
line for a search with no match, govtext's warnings as one line, and a similarity heatmap
whose colours span the similarities that occur."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import govtext as gt
from govtext.cli.main import main

ONE = "2022_county_河北省保定市易县"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "govtext", *args], capture_output=True, text=True, timeout=300
    )


def _write(folder, name: str, text: str):
    folder.mkdir(exist_ok=True)
    p = folder / f"{name}.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_indicators_count_says_report_for_one_report(tmp_path, capsys):
    _write(tmp_path / "in", ONE, gt.datasets.load_sample()[ONE].text)
    out = tmp_path / "ind.csv"
    assert main(["indicators", str(tmp_path / "in"), "-o", str(out)]) == 0
    err = capsys.readouterr().err.strip()
    n = len(pd.read_csv(out))
    assert n > 1
    assert err == f"{n} indicators from 1 report -> {out}"


def test_kwic_without_a_match_prints_one_line(capsys):
    assert main(["kwic", "没有这个词语啊", "--sample"]) == 0
    out = capsys.readouterr().out
    assert out == "no match for text '没有这个词语啊' in 30 reports\n"
    assert main(["kwic", "没有这个词语啊", "--sample", "--count"]) == 0
    assert capsys.readouterr().out.count("\n") == 1
    # machine-readable output stays a table: the CSV header, no rows
    assert main(["kwic", "没有这个词语啊", "--sample", "--csv"]) == 0
    assert capsys.readouterr().out == "doc,left,term,right,start,end\n"


def test_govtext_warning_is_one_line_on_the_command_line(tmp_path):
    # the header says 2022, the file name 2023: load_corpus warns (LoadWarning)
    _write(
        tmp_path / "in", "2023_county_河北省保定市测试县", "——2022年1月5日\n" + "乡村振兴。" * 50
    )
    r = run("kwic", "乡村", str(tmp_path / "in"), "--count")
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines, "expected a warning about the year"
    assert all(line.startswith("govtext kwic: warning: ") for line in lines), r.stderr
    assert "UserWarning" not in r.stderr and ".py:" not in r.stderr
    # --debug keeps Python's format: file, line and category
    r = run("--debug", "kwic", "乡村", str(tmp_path / "in"), "--count")
    assert "LoadWarning" in r.stderr and ".py:" in r.stderr


def test_warning_format_is_restored_and_recorders_see_every_warning(tmp_path):
    before = warnings.formatwarning
    _write(
        tmp_path / "in", "2023_county_河北省保定市测试县", "——2022年1月5日\n" + "乡村振兴。" * 50
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["kwic", "乡村", str(tmp_path / "in"), "--count"]) == 0
    assert warnings.formatwarning is before
    assert any(issubclass(w.category, UserWarning) for w in caught)


def test_one_line_format_keeps_other_packages_warnings_as_they_are():
    from govtext import errors
    from govtext.cli.main import one_line_warnings

    fmt = one_line_warnings("report")
    got = fmt(
        UserWarning("govtext report: section 'topics'\n  failed"), UserWarning, errors.__file__, 3
    )
    assert got == "govtext report: warning: section 'topics' failed\n"
    assert fmt(UserWarning("govtext cache: x is damaged"), UserWarning, errors.__file__, 3) == (
        "govtext report: warning: govtext cache: x is damaged\n"
    )
    other = fmt(FutureWarning("old"), FutureWarning, "/lib/pandas/core.py", 7, "x")
    assert other == "/lib/pandas/core.py:7: FutureWarning: old\n  x\n"


def test_similarity_colours_span_the_off_diagonal_range(tmp_path, monkeypatch):
    import govtext.viz.figures as figures
    from govtext.report.context import ReportContext
    from govtext.report.sections.similarity import build_similarity

    sample = gt.datasets.load_sample()
    names = [
        "2021_county_河北省保定市顺平县",
        "2022_county_河北省保定市顺平县",
        ONE,
        "2022_national_中国",
    ]
    corpus = gt.Corpus([sample[n] for n in names])
    seen = {}
    real = figures.heatmap

    def spy(values, *args, **kwargs):
        seen.update(kwargs, values=np.asarray(values, dtype=float))
        return real(values, *args, **kwargs)

    monkeypatch.setattr(figures, "heatmap", spy)
    ctx = ReportContext(corpus, tmp_path, "year", labels=names)
    sec = build_similarity(ctx)
    mat = seen["values"]
    diagonal = np.eye(len(names), dtype=bool)
    assert np.isnan(mat[diagonal]).all()  # a report with itself: blank, not the top colour
    off = mat[~diagonal]
    assert np.isfinite(off).all()
    assert seen["vmin"] == pytest.approx(np.floor(off.min() * 100) / 100)
    assert seen["vmax"] == pytest.approx(np.ceil(off.max() * 100) / 100)
    assert 0 < seen["vmin"] and seen["vmax"] < 1  # not the 0-1 scale that hid the contrast
    assert seen["colorbar_label"].startswith("余弦相似度")
    caption = next(b.caption for b in sec.blocks if b.kind == "figure")
    assert f"({seen['vmin']:.2f})" in caption and f"({seen['vmax']:.2f})" in caption


def test_colour_range_of_degenerate_matrices():
    from govtext.report.sections.similarity import _colour_range

    assert _colour_range([[np.nan, np.nan]]) == (0.0, 1.0)
    assert _colour_range([0.5, 0.5]) == (0.0, 1.0)
    assert _colour_range([0.123, np.nan, 0.456]) == (0.12, 0.46)
