"""The term explorer section of the report page (govtext/report/sections/explorer.py).

The numbers the page's script draws come from the JSON the section writes: here they are
recomputed from a small hand-made corpus (counts per report, tokens per report, rates per
10,000 tokens by year and level); links must point to files the section wrote; report
text with markup must stay text (page, text pages, text scripts). The script itself runs
in a real browser in tests/test_browser.py.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import govtext as gt
from govtext.report.context import ReportContext
from govtext.report.page import render_page
from govtext.report.sections.explorer import (
    KWIC_DOCS,
    KWIC_PER_DOC,
    KWIC_WIDTH,
    MIN_COUNT,
    build_explorer,
    page_assets,
    term_rates,
    text_page,
    text_script,
)

HOSTILE = '<script>alert("x")</script>'

# (year, level, region, text): 乡村振兴 and 营商环境 at known rates
REPORTS = [
    (2021, "county", "甲县", "推进乡村振兴。乡村振兴见成效。优化营商环境。\n\n推进乡村振兴。"),
    (2022, "county", "甲县", "乡村振兴取得新进展。营商环境持续改善。\n营商环境评价提升。"),
    (2022, "county", "乙县", "乡村振兴扎实推进。\n营商环境更优。"),
    (2022, "national", "中国", "全面推进乡村振兴。优化营商环境。科技创新。科技创新。科技创新。"),
    (2023, "national", "中国", f"科技创新引领发展。{HOSTILE}\n营商环境“一流”。乡村振兴。"),
]


def hand_corpus(region_of_last: str = "中国") -> gt.Corpus:
    reports = []
    for i, (year, level, region, text) in enumerate(REPORTS):
        if i == len(REPORTS) - 1:
            region = region_of_last
        reports.append(
            gt.Report.from_text(
                text,
                name=f"{year}_{level}_{region}",
                meta={"year": year, "level": level, "region": region},
            )
        )
    return gt.Corpus(reports)


def make_context(corpus: gt.Corpus, out: Path) -> ReportContext:
    out.mkdir(parents=True, exist_ok=True)
    return ReportContext.create(
        corpus,
        out,
        by="year",
        tokenizer=None,
        top=10,
        n_topics=None,
        max_groups=12,
        random_state=0,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("explorer") / "out"
    ctx = make_context(hand_corpus(), out)
    sec = build_explorer(ctx)
    (block,) = [b for b in sec.blocks if b.kind == "explorer"]
    return ctx, sec, json.loads(block.text)


def test_vocabulary_counts_and_tokens_are_those_of_the_reports(built):
    ctx, _, data = built
    tok = gt.PolicyTokenizer()
    tokens = [tok.tokenize(text) for _, _, _, text in REPORTS]
    per_doc = [Counter(t) for t in tokens]
    total = sum(per_doc, Counter())
    terms = data["terms"].split("\t")
    # the terms used at least MIN_COUNT times, most frequent first (ties: code point order)
    expected = sorted((t for t, n in total.items() if n >= MIN_COUNT), key=lambda t: (-total[t], t))
    assert terms == expected
    assert {"乡村振兴", "营商环境", "科技创新"} <= set(terms)
    for term, pairs in zip(terms, data["counts"]):
        assert pairs == [x for d, c in enumerate(per_doc) if c[term] for x in (d, c[term])]
    assert [d[3] for d in data["docs"]] == [len(t) for t in tokens]
    assert [d[1] for d in data["docs"]] == [r[0] for r in REPORTS]
    assert [d[2] for d in data["docs"]] == [r[1] for r in REPORTS]
    assert data["levels"] == ["county", "national"]  # administrative order
    assert data["per"] == 10_000 and data["min_count"] == MIN_COUNT
    assert data["kwic"] == [KWIC_DOCS, KWIC_PER_DOC, KWIC_WIDTH]


def test_rates_by_year_and_level_are_recomputed(built):
    _, _, data = built
    tok = gt.PolicyTokenizer()
    tokens = [tok.tokenize(text) for _, _, _, text in REPORTS]
    for term in ("乡村振兴", "营商环境"):
        by_year: dict[tuple[int, str], list[int]] = {}
        by_level: dict[str, list[int]] = {}
        for (year, level, _, _), toks in zip(REPORTS, tokens):
            for acc in (
                by_year.setdefault((year, level), [0, 0]),
                by_level.setdefault(level, [0, 0]),
            ):
                acc[0] += toks.count(term)
                acc[1] += len(toks)
        got = term_rates(data, term, "year")
        assert [(r.year, r.level) for r in got.itertuples()] == sorted(by_year)
        for r in got.itertuples():
            count, n = by_year[(r.year, r.level)]
            assert (r.count, r.tokens) == (count, n)
            assert r.rate == pytest.approx(count / n * 10_000)
        lv = term_rates(data, term, "level")
        assert list(lv["level"]) == ["county", "national"]
        for r in lv.itertuples():
            count, n = by_level[r.level]
            assert r.rate == pytest.approx(count / n * 10_000)
    # 甲县 2021: 乡村振兴 3 times in its tokens
    got = term_rates(data, "乡村振兴").set_index(["year", "level"])
    assert got.loc[(2021, "county"), "count"] == 3


def test_links_point_to_text_files_the_report_wrote(built):
    ctx, _, data = built
    links = [d[4] for d in data["docs"]]
    assert len(set(links)) == len(links)
    for link, (*_, text) in zip(links, REPORTS):
        assert re.fullmatch(r"texts/[^/]+\.html", link)
        assert link in ctx.written and link[:-5] + ".js" in ctx.written
        page = (ctx.out / link).read_text(encoding="utf-8")
        script = (ctx.out / (link[:-5] + ".js")).read_text(encoding="utf-8")
        m = re.fullmatch(r"govtextText\((.*)\);\n", script, re.S)
        assert m, script[:80]
        own, paras = json.loads(f"[{m.group(1)}]")
        assert own == link
        # paragraph n of the script is the paragraph anchored #p<n> in the text page
        assert (
            len(paras)
            == len(re.findall(r'<p id="p\d+">', page))
            == len([p for p in text.split("\n") if p.strip()])
        )
        for n, para in enumerate(paras, start=1):
            shown = re.search(rf'<p id="p{n}"><a class="n" href="#p{n}">{n}</a>(.*?)</p>', page)
            assert shown and gt.normalize(html.unescape(shown.group(1))) == para


def test_file_names_do_not_collide(tmp_path):
    corpus = gt.Corpus(
        [
            gt.Report.from_text("乡村振兴。" * 3, name=n, meta={"year": 2022})
            for n in ("甲 县", "甲'县", "甲_县")
        ]
    )
    ctx = make_context(corpus, tmp_path / "out")
    sec = build_explorer(ctx)
    data = json.loads(sec.blocks[0].text)
    links = [d[4] for d in data["docs"]]
    assert len(set(links)) == 3 and all((ctx.out / x).is_file() for x in links)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.explorer: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
        if a.get("id") == "gt-explorer":
            self.explorer = a.get("data-explorer")


def test_report_text_and_metadata_are_escaped_everywhere(tmp_path):
    corpus = hand_corpus(region_of_last=f'中国{HOSTILE}"')
    ctx = make_context(corpus, tmp_path / "out")
    sec = build_explorer(ctx)
    index = render_page(ctx, [sec]).read_text(encoding="utf-8")
    parser = _Scripts()
    parser.feed(index)
    assert parser.scripts == [{}]  # one script: the page's own, inline
    assert index.count("<script") == 1 and "alert(" not in index.split("<script>\n", 1)[1]
    data = json.loads(parser.explorer)  # the attribute decodes to the JSON as written
    assert data == json.loads(sec.blocks[0].text)
    last = data["docs"][-1]
    # the label keeps the markup as text (short_region leaves an odd name whole)
    assert HOSTILE in last[0] or last[0].endswith(HOSTILE + '" 2023')
    page = (ctx.out / last[4]).read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    script = (ctx.out / (last[4][:-5] + ".js")).read_text(encoding="utf-8")
    args = json.loads("[" + script[len("govtextText(") : -len(");\n")] + "]")
    assert any(gt.normalize(HOSTILE) in p for p in args[1])  # normalised: ( -> （
    # every quote of the text is escaped: the bare ones delimit the link and the paragraphs
    assert len(re.findall(r'(?<!\\)"', script)) == 2 + 2 * len(args[1])


def test_text_page_and_script_escape():
    page = text_page('甲<b>乙</b>&"丙"\n\n丁\u2028戊', 'x"<y>')
    assert "<b>" not in page and "&lt;b&gt;" in page and "&amp;&quot;" in page
    assert "<title>x&quot;&lt;y&gt;</title>" in page
    script = text_script("texts/a.html", "甲\u2028乙</script>")
    assert "\u2028" not in script  # a line terminator of old JavaScript engines
    args = json.loads(script[len("govtextText(") : -len(");\n")].join("[]"))
    assert args == ["texts/a.html", [gt.normalize("甲\u2028乙</script>")]]


def test_same_input_same_bytes(tmp_path):
    outs = []
    for name in ("a", "b"):
        ctx = make_context(hand_corpus(), tmp_path / name)
        sec = build_explorer(ctx)
        files = {rel: (ctx.out / rel).read_bytes() for rel in ctx.written}
        outs.append((sec.blocks[0].text, files))
    assert outs[0] == outs[1]


def test_assets_are_local_plain_javascript():
    assets = page_assets()
    js, css = assets["js"], assets["css"]
    # the only URL is the SVG namespace name (an identifier, never fetched)
    assert re.findall(r"https?://[^\s\"']+", js) == ["http://www.w3.org/2000/svg"]
    assert not re.search(r"https?://|@import|url\(", css)
    for api in ("fetch(", "XMLHttpRequest", "import(", "eval(", "innerHTML", "document.write"):
        assert api not in js, api
    # report text is set with textContent only
    assert "textContent" in js


SAMPLE = 4  # sample reports on the page built here


@pytest.fixture(scope="module")
def small_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("explorer_page") / "out"
    return gt.build_report(gt.datasets.load_sample()[:SAMPLE], out, progress=False)


def test_the_sample_page_carries_the_explorer(small_page):
    page = small_page
    corpus = gt.datasets.load_sample()[:SAMPLE]
    index = page.read_text(encoding="utf-8")
    assert 'id="explorer"' in index and 'id="gt-explorer"' in index
    parser = _Scripts()
    parser.feed(index)
    data = json.loads(parser.explorer)
    assert len(data["docs"]) == 4 and len(data["counts"]) > 100
    for d in data["docs"]:
        assert (page.parent / d[4]).is_file()
    # the embedded font covers the characters of the texts (KWIC lines drawn by the script)
    shown = set(data["chars"])
    text_chars = {c for r in corpus for c in gt.normalize(r.text) if ord(c) > 0x7E}
    assert {c for c in text_chars if c.isprintable()} <= shown


def test_a_cache_entry_can_restore_only_the_texts_as_written(built):
    """The result cache writes a section's files back without running it: a report text
    must be byte for byte what the explorer writes, and the block may link only to them."""
    from govtext.report.cache import _blob_ok
    from govtext.report.sections.explorer import explorer_links

    ctx, sec, data = built
    link = data["docs"][0][4]
    page, script = (ctx.out / link).read_bytes(), (ctx.out / (link[:-5] + ".js")).read_bytes()
    assert _blob_ok(link, page) and _blob_ok(link[:-5] + ".js", script)
    assert not _blob_ok(link, page.replace(b"</h1>", b'</h1><img src=x onerror="alert(1)">'))
    assert not _blob_ok(link[:-5] + ".js", script.replace(b");\n", b");alert(1);\n"))
    assert not _blob_ok("texts/x.html", script) and not _blob_ok("texts/a/b.html", page)
    assert explorer_links(sec.blocks[0].text)[:2] == [link, link[:-5] + ".js"]
    bad = json.loads(sec.blocks[0].text)
    bad["docs"][0][4] = "javascript:alert(1)"
    assert explorer_links(json.dumps(bad)) is None


# ------------------------------------------------------------ the script, in a browser
def _browser():
    """benchmarks/screenshot.py's headless Chromium (tests/test_browser.py has the rest)."""
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "govtext_screenshot", root / "benchmarks" / "screenshot.py"
    )
    shot = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = shot
    spec.loader.exec_module(shot)
    found = shot.find_browser()
    if isinstance(found, str):
        pytest.skip(f"no browser to run the page's script in: {found}")
    return shot


def test_the_script_draws_the_rates_of_the_json_and_sorts_tables(small_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    shot = _browser()
    parser = _Scripts()
    parser.feed(small_page.read_text(encoding="utf-8"))
    data = json.loads(parser.explorer)
    terms = data["terms"].split("\t")
    driver = shot.start()
    try:
        driver.get(small_page.resolve().as_uri())
        # a term clicked in a table of the page opens in the explorer
        cell = driver.find_element(By.CSS_SELECTOR, "#keywords .gt-term")
        term = cell.text
        driver.execute_script("arguments[0].click();", cell)
        WebDriverWait(driver, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#gt-explorer .ex-kwic .kw")
        )
        assert (
            driver.find_element(By.CSS_SELECTOR, "#gt-explorer .ex-input").get_attribute("value")
            == term
        )
        # the points of the chart are the rates of the JSON, as term_rates computes them
        js = driver.execute_script("return govtextExplorer.rates(arguments[0]);", terms.index(term))
        got = {(p["year"], s["level"]): p["rate"] for s in js["series"] for p in s["points"]}
        want = term_rates(data, term).set_index(["year", "level"])["rate"].to_dict()
        assert sorted(got) == sorted(want)
        assert [got[k] for k in sorted(got)] == pytest.approx([want[k] for k in sorted(got)])
        lv = {x["level"]: x["rate"] for x in js["levels"]}
        want_lv = term_rates(data, term, "level").set_index("level")["rate"].to_dict()
        assert lv == pytest.approx(want_lv)
        n_points = len(driver.find_elements(By.CSS_SELECTOR, "#gt-explorer svg.ex-years circle"))
        assert n_points == len(want)
        # the top reports are in the order of their rate
        rates = [
            float(td.text)
            for td in driver.find_elements(
                By.CSS_SELECTOR, "#gt-explorer .ex-top-table tbody td:nth-child(5)"
            )
        ]
        assert rates and rates == sorted(rates, reverse=True)
        # a click on a header sorts the table by that column, a second one reverses it
        head = driver.find_element(By.CSS_SELECTOR, "#overview table th:nth-child(7) button")
        assert head.text == "tokens"

        def column() -> list[int]:
            cells = driver.find_elements(By.CSS_SELECTOR, "#overview table tbody td:nth-child(7)")
            return [int(c.text) for c in cells]

        driver.execute_script("arguments[0].click();", head)
        assert column() == sorted(column()) and len(column()) == SAMPLE
        driver.execute_script("arguments[0].click();", head)
        assert column() == sorted(column(), reverse=True)
        errors = [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        assert errors == []
    finally:
        shot.stop(driver)
