"""Tests of ``govtext report`` / :func:`govtext.build_report` on a few sample reports."""

from __future__ import annotations

import io
import re
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import govtext as gt
from govtext.cli.main import main
from govtext.report.build import Progress, prepare_out_dir
from govtext.report.sections import SECTION_BUILDERS

SMALL = [
    "2021_county_河北省保定市顺平县",
    "2022_county_河北省保定市顺平县",
    "2022_county_河北省保定市易县",
    "2021_national_中国",
    "2022_national_中国",
]
CLI_FILES = ["2020_county_河北省保定市顺平县", "2021_county_河北省保定市顺平县"]
HOSTILE = "<script>alert('x')</script>"


def small_corpus() -> gt.Corpus:
    sample = gt.datasets.load_sample()
    reports = [sample[n] for n in SMALL]
    # a report whose metadata and text carry markup: the page must show it as text
    base = sample["2022_county_河北省保定市易县"]
    bad = gt.Report.from_text(
        base.text[:3000] + "\n" + HOSTILE + "地区生产总值增长6%左右。\n",
        name="2023_county_河北省保定市易县",
        meta={"speaker": HOSTILE},
    )
    return gt.Corpus([*reports, bad])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = gt.build_report(small_corpus(), out, progress=False)
    return page, caught


def test_page_is_written_with_every_section(built):
    page, _ = built
    assert page.name == "index.html" and page.is_file()
    html = page.read_text("utf-8")
    for key, _builder in SECTION_BUILDERS:
        assert f'<section id="{key}"' in html, key
    # nothing loads from the network: no http(s) links to scripts, styles or images
    assert not re.search(r'(src|href)="(https?:)?//', html)
    # one script, the page's own inline one (govtext/report/assets): none is loaded
    assert re.findall(r"<script[^>]*>", html.lower()) == ["<script>"]


def test_no_section_failed(built):
    page, _ = built
    html = page.read_text("utf-8")
    assert 'class="status-error"' not in html


def test_every_linked_file_exists_and_csvs_parse(built):
    page, _ = built
    html = page.read_text("utf-8")
    links = sorted(set(re.findall(r'(?:src|href)="([^"#]+)"', html)))
    assert any(link.endswith(".csv") for link in links)
    assert any(link.endswith(".png") for link in links)
    for link in links:
        assert not Path(link).is_absolute() and ".." not in link
        assert (page.parent / link).is_file(), link
    csvs = sorted((page.parent / "data").glob("*.csv"))
    assert csvs
    for f in csvs:
        df = pd.read_csv(f)
        assert len(df) > 0 and len(df.columns) > 0, f.name
    overview = pd.read_csv(page.parent / "data" / "overview.csv")
    assert len(overview) == len(SMALL) + 1
    assert set(overview["name"]) == {*SMALL, "2023_county_河北省保定市易县"}


def test_no_missing_glyph_warning(built):
    _, caught = built
    glyph = [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
    assert glyph == []


def test_report_text_is_escaped(built):
    page, _ = built
    html = page.read_text("utf-8")
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(" in html


def test_non_empty_folder_is_refused(tmp_path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(gt.InputError, match="not empty"):
        gt.build_report(small_corpus()[:2], tmp_path, progress=False)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "x"
    assert not (tmp_path / "index.html").exists()
    with pytest.raises(gt.InputError, match="not a folder"):
        prepare_out_dir(tmp_path / "keep.txt")


def test_bad_by_is_refused(tmp_path):
    with pytest.raises(gt.InputError, match="by must be one of"):
        gt.build_report(small_corpus()[:2], tmp_path / "o", by="speaker", progress=False)


def _sample_files(tmp_path: Path, names: list[str]) -> Path:
    src = gt.datasets.sample_path()
    d = tmp_path / "in"
    d.mkdir()
    for n in names:
        (d / f"{n}.txt").write_bytes((src / f"{n}.txt").read_bytes())
    return d


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_cli_success_refusal_force_and_same_bytes(tmp_path, capsys):
    d = _sample_files(tmp_path, CLI_FILES)
    out1, out2 = tmp_path / "o1", tmp_path / "o2"
    assert main(["report", str(d), "-o", str(out1), "--quiet", "--by", "region"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out1 / "index.html")
    assert captured.err == ""  # --quiet and not a terminal: no progress bar
    # a second run into another folder gives the same bytes in every file
    assert main(["report", str(d), "-o", str(out2), "--quiet", "--by", "region"]) == 0
    capsys.readouterr()
    first, second = _tree(out1), _tree(out2)
    assert "index.html" in first and any(k.endswith(".png") for k in first)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []
    # the now non-empty folder is refused without --force, and nothing is touched
    (out1 / "mine.txt").write_text("keep", encoding="utf-8")
    assert main(["report", str(d), "-o", str(out1), "--quiet", "--by", "region"]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err and "--force" in err and len(err.strip().splitlines()) == 1
    # with --force it is overwritten (same bytes again) and other files are kept
    (out1 / "index.html").write_text("stale", encoding="utf-8")
    assert main(["report", str(d), "-o", str(out1), "--quiet", "--by", "region", "--force"]) == 0
    assert (out1 / "index.html").read_bytes() == second["index.html"]
    assert (out1 / "mine.txt").read_text(encoding="utf-8") == "keep"


def test_cli_errors_exit_non_zero(tmp_path, capsys):
    assert main(["report", "-o", str(tmp_path / "a")]) == 2
    assert "no input" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing"), "-o", str(tmp_path / "b")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["report", "--sample", "-o", str(tmp_path / "c"), "--by", "speaker"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["report", "--sample"])  # -o is required
    assert exc.value.code == 2


def test_help_gives_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "govtext report --sample -o" in capsys.readouterr().out


def test_progress_bar_only_when_enabled():
    buf = io.StringIO()  # not a terminal: disabled by default
    p = Progress(3, stream=buf)
    p.step("a")
    p.close()
    assert buf.getvalue() == ""
    buf = io.StringIO()
    p = Progress(2, enabled=True, stream=buf)
    p.step("关键词")
    p.step("网络")
    p.close()
    assert "2/2" in buf.getvalue() and "网络" in buf.getvalue()


def test_missing_jinja2_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(gt.MissingExtraError, match=r"govtext\[report\]"):
        gt.build_report(small_corpus()[:2], tmp_path / "o", progress=False)


def test_missing_analysis_gives_a_not_available_note(tmp_path, monkeypatch):
    from govtext.report.context import ReportContext
    from govtext.report.page import render_page
    from govtext.report.sections import run_builder

    corpus = gt.Corpus(
        [
            gt.Report.from_text(
                "各位代表：全面推进乡村振兴，发展数字经济。", name="2022_county_甲县"
            ),
            gt.Report.from_text("各位代表：优化营商环境，发展数字经济。", name="2023_county_甲县"),
        ]
    )
    ctx = ReportContext.create(
        corpus, tmp_path, by="year", tokenizer=None, top=5, n_topics=None, max_groups=12,
        random_state=0,
    )  # fmt: skip
    from govtext.report.blocks import Unavailable

    def build_emerging(ctx):  # as a builder does when its analysis cannot run here
        raise Unavailable("govtext.emerging_terms")

    sec = run_builder("emerging", build_emerging, ctx)
    assert sec.status == "unavailable"
    assert "not available in this version" in sec.note.lower()
    assert "govtext.emerging_terms" in sec.note
    assert sec.blocks == [] and sec.files == []
    # the page still has the section, with its note and no figure
    page = render_page(ctx, [sec])
    html = page.read_text("utf-8")
    assert '<section id="emerging" class="status-unavailable">' in html
    assert "not implemented yet" in html and "<img" not in html


def test_labels_are_short_and_unique():
    from govtext.report.blocks import short_region

    assert short_region("河北省保定市顺平县") == "顺平县"
    assert short_region("天津市津南区北闸口镇") == "北闸口镇"
    assert short_region("中国") == "中国"
    assert short_region(None) == "?"


def test_similarity_by_group_for_many_reports(tmp_path, monkeypatch):
    from govtext.report.context import ReportContext
    from govtext.report.sections import run_builder
    from govtext.report.sections import similarity as similarity_section

    texts = {
        "2022_county_甲县": "各位代表：全面推进乡村振兴，发展现代农业，建设美丽乡村。",
        "2023_county_甲县": "各位代表：全面推进乡村振兴，发展现代农业，壮大集体经济。",
        "2023_county_乙县": "各位代表：优化营商环境，发展数字经济，建设产业园区。",
    }
    corpus = gt.Corpus(gt.Report.from_text(t, name=n) for n, t in texts.items())
    ctx = ReportContext.create(
        corpus, tmp_path, by="year", tokenizer=None, top=5, n_topics=None, max_groups=12,
        random_state=0,
    )  # fmt: skip
    monkeypatch.setattr(similarity_section, "MAX_SIMILARITY_LABELS", 2)
    sec = run_builder("similarity", similarity_section.build_similarity, ctx)
    assert sec.status == "ok"
    full = pd.read_csv(tmp_path / "data" / "similarity.csv", index_col=0)
    grouped = pd.read_csv(tmp_path / "data" / "similarity_by_year.csv", index_col=0)
    assert full.shape == (3, 3) and grouped.shape == (2, 2)
    # 2022 holds one report: no within-group pair; 2023 holds two: their similarity
    assert pd.isna(grouped.loc[2022, "2022"])
    assert grouped.loc[2023, "2023"] == pytest.approx(
        full.loc["2023_county_甲县", "2023_county_乙县"], abs=1e-6
    )
    between = full.loc["2022_county_甲县", ["2023_county_甲县", "2023_county_乙县"]].mean()
    assert grouped.loc[2022, "2023"] == pytest.approx(between, abs=1e-6)


def test_corpus_without_metadata_still_gives_every_section(tmp_path):
    sample = gt.datasets.load_sample()
    texts = [sample[n].text[:4000] for n in SMALL[:3]]
    corpus = gt.corpus_from_texts(texts, names=["a", "b", "c"])  # no file-name metadata
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = gt.build_report(corpus, tmp_path / "o", progress=False)
    assert [str(w.message) for w in caught if "govtext report" in str(w.message)] == []
    html = page.read_text("utf-8")
    for key, _builder in SECTION_BUILDERS:
        assert f'<section id="{key}"' in html
    assert 'class="status-error"' not in html


def test_group_limit_keeps_latest_years_and_largest_regions(tmp_path):
    from govtext.report.context import ReportContext

    names = ["2020_county_甲县", "2021_county_甲县", "2022_county_甲县", "2022_county_乙县"]
    corpus = gt.Corpus(gt.Report.from_text("各位代表：发展数字经济。", name=n) for n in names)
    ctx = ReportContext.create(
        corpus, tmp_path, by="year", tokenizer=None, top=5, n_topics=None, max_groups=2,
        random_state=0,
    )  # fmt: skip
    assert ctx.groups() == [2020, 2021, 2022]
    assert ctx.groups(limit=2) == [2021, 2022]
    assert ctx.groups("region", limit=1) == ["甲县"]
    assert ctx.groups("level") == ["county"]
