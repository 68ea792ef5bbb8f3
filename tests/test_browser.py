"""The sample report page in a real browser: headless Chromium driven by Selenium.

The page must read the same on a machine with no Chinese system font: every piece of
Chinese text is drawn with the page's embedded font (asked of the browser, not guessed),
the console has no error, and every link and image is a relative path to a file of the
output folder. The browser code is ``benchmarks/screenshot.py`` (it also takes the
docs' screenshots). Browser tests are skipped, with the reason, when Chromium,
ChromeDriver or Selenium is missing (``apt-get install chromium chromium-driver``;
``.ci/run`` installs them). With ``GOVTEXT_UPDATE_SCREENSHOTS=1`` the screenshot is
written to docs/img/report_sample.png (only on a machine with no CJK system font).
"""

from __future__ import annotations

import base64
import importlib.util
import io
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "govtext_screenshot", ROOT / "benchmarks" / "screenshot.py"
)
shot = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = shot  # dataclasses look their module up by name
_spec.loader.exec_module(shot)

FONT_FACE = re.compile(
    r'@font-face \{ font-family: "([^"]+)";.*?url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)'
    r".*?unicode-range: ([^;]+);",
    re.S,
)


#: what the page reports of its web fonts: each slice of the embedded font, loaded
LOADED = ", ".join(["govtext Noto Sans CJK SC loaded"] * 2)


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    """``govtext report --sample`` as a user runs it."""
    from govtext.cli.main import main

    out = tmp_path_factory.mktemp("browser") / "sample"
    assert main(["report", "--sample", "-o", str(out), "--quiet", "--no-cache"]) == 0
    return out / "index.html"


@pytest.fixture(scope="module")
def browser():
    found = shot.find_browser()
    if isinstance(found, str):
        pytest.skip(f"no browser to open the page in: {found}")
    driver = shot.start()
    yield driver
    shot.stop(driver)


@pytest.fixture(scope="module")
def checked(browser, sample_page):
    return shot.check_page(browser, sample_page)


# ------------------------------------------------------------- the page as written
def test_page_embeds_a_subset_covering_every_character_it_shows(sample_page):
    from fontTools.ttLib import TTFont

    from govtext.report.fonts import FONT_FAMILY, FONT_SLICES, unicode_ranges

    html = sample_page.read_text(encoding="utf-8")
    faces = FONT_FACE.findall(html)
    assert len(faces) == FONT_SLICES  # one rule per slice of the characters
    # listed first in the body's font-family, before any system font
    assert re.search(r'body \{[^}]*font: 15px/1\.55 "govtext Noto Sans CJK SC",', html)
    body, covered = html, set()
    for family, data, ranges in faces:
        assert family == FONT_FAMILY
        woff2 = base64.b64decode(data)
        assert woff2[:4] == b"wOF2"
        cmap = set(TTFont(io.BytesIO(woff2)).getBestCmap())
        assert ranges == unicode_ranges(cmap)  # each rule names exactly its characters
        assert not covered & cmap  # the slices do not overlap
        covered |= cmap
        body = body.replace(data, "")
    shown = {ord(c) for c in body if ord(c) > 0x7E and c.isprintable()}
    assert shown - covered == set()  # every character the page shows has its glyph...
    assert len(covered) < len(shown) + 0x7F  # ...and (nearly) only those: a subset
    # small: the page with its font (and the explorer's data) stays below 1.5 MB
    assert sample_page.stat().st_size < 1_500_000


def test_font_bytes_do_not_depend_on_the_time(monkeypatch):
    """fontTools stamps head.modified with the time unless told not to: two runs at
    different (faked) times must give the same font."""
    from govtext.report import fonts

    fonts._subset.cache_clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    first = fonts.subset_woff2("政府工作报告 2024")
    fonts._subset.cache_clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    assert fonts.subset_woff2("政府工作报告 2024") == first
    fonts._subset.cache_clear()
    # the WOFF2 writer's brotli is given a quality only for the time of a save
    from fontTools.ttLib import woff2

    assert woff2.brotli.__name__ in ("brotli", "brotlicffi")


def test_link_check_rejects_remote_absolute_script_and_missing_targets(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n")
    page = tmp_path / "index.html"
    good = [["a", "href", "data/a.csv"], ["a", "href", "#top"], ["img", "src", "data/a.csv"]]
    assert shot._check_links(page, good, {"top"}) == []
    bad = [
        ["a", "href", "https://example.org/x.csv"],
        ["script", "src", "//cdn.example.org/x.js"],
        ["a", "href", "/etc/passwd"],
        ["a", "href", "javascript:alert(1)"],
        ["img", "src", "fig/missing.png"],
        ["a", "href", "../outside.csv"],
        ["a", "href", "#nowhere"],
    ]
    found = shot._check_links(page, bad, {"top"})
    assert len(found) == len(bad), found


# --------------------------------------------------------------- in the browser
def test_machine_has_no_cjk_system_font():
    """The font check and the screenshots mean 'renders anywhere' only on a machine
    without a Chinese system font (CI's has none: fonts-noto-cjk is not installed)."""
    fonts = shot.cjk_system_fonts()
    if fonts:
        pytest.skip(f"a CJK system font is installed ({', '.join(fonts[:3])}): cannot show tofu")
    assert fonts == []


def test_no_javascript_error_in_the_console(checked):
    assert checked.console_errors == []


def test_every_chinese_text_is_drawn_with_the_embedded_font(checked):
    assert checked.family == LOADED  # every slice of the page's font, loaded
    assert checked.n_text_nodes > 300 and checked.n_cjk > 300  # the page was really read
    assert checked.other_fonts == []
    # the control character (not on the page, so not in the subset) is drawn by a
    # system font: the check sees fallbacks when there are some
    assert any("system font" in f for f in checked.control_fonts), checked.control_fonts


def test_every_link_and_image_resolves_to_a_file_of_the_folder(checked, sample_page):
    assert checked.n_links > 50
    assert checked.bad_links == []
    assert len(list((sample_page.parent / "fig").glob("*.png"))) > 5


def test_explorer_finds_a_term_draws_its_chart_and_quotes_it_in_the_page_font(
    browser, checked, sample_page
):
    """Type a term into the term explorer: its chart (inline SVG) is drawn, the KWIC lines
    cut from the texts beside the page quote it, drawn with the page's font (the subset
    covers the texts' characters), and their links lead to the paragraphs' files."""
    from urllib.parse import unquote, urlsplit

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    _open(browser, sample_page)
    if not browser.find_elements(By.ID, "gt-explorer"):
        pytest.skip("this page has no term explorer")
    term = "乡村振兴"
    box = browser.find_element(By.CSS_SELECTOR, "#gt-explorer input.ex-input")
    browser.execute_script("arguments[0].scrollIntoView();", box)
    box.clear()
    box.send_keys(term, Keys.ENTER)
    WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#gt-explorer .ex-kwic .kw")
    )
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#gt-explorer .kw mark")]
    assert marks and set(marks) == {term}
    # the chart: one SVG with at least a line or a point per level that uses the term
    assert browser.find_elements(
        By.CSS_SELECTOR, "#gt-explorer svg polyline, #gt-explorer svg circle"
    )
    fonts = shot.text_fonts(browser, "#gt-explorer .kw span, #gt-explorer .kw mark")
    assert fonts
    system = [(own, f) for _, own, f in fonts if own.strip() and any(not c for _, c, _ in f)]
    assert system == []
    for a in browser.find_elements(By.CSS_SELECTOR, "#gt-explorer .kw a"):
        link = urlsplit(a.get_attribute("href"))
        assert link.scheme == "file" and link.fragment.startswith("p")
        assert (target := Path(unquote(link.path))).is_file()
        assert target.is_relative_to(sample_page.parent)
    errors = [e["message"] for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []


def test_report_text_pages_use_the_same_font(browser, checked, sample_page):
    """The explorer's text pages (texts/*.html, where its context lines link) link the
    page's font subset (texts/font.css): a text page reads the same with no system font."""
    texts = sorted((sample_page.parent / "texts").glob("*.html"))
    if not texts:
        pytest.skip("this page has no report texts beside it")
    css = (sample_page.parent / "texts" / "font.css").read_text(encoding="utf-8")
    assert FONT_FACE.match(css) and css in sample_page.read_text(encoding="utf-8")
    page = max(texts, key=lambda p: p.stat().st_size)  # the longest text: most characters
    res = shot.check_page(browser, page, root=sample_page.parent)
    assert res.n_cjk > 1000 and res.family == LOADED
    assert res.other_fonts == [] and res.bad_links == [] and res.console_errors == []


def _open(browser, page: Path) -> None:
    browser.get(page.resolve().as_uri())
    browser.execute_async_script("const done = arguments[0]; document.fonts.ready.then(done);")


def test_screenshot(browser, checked, sample_page, tmp_path):
    from PIL import Image

    _open(browser, sample_page)
    png = shot.screenshot(browser, tmp_path / "report_sample.png", height=2400)
    img = Image.open(png)
    assert img.size == (shot.WIDTH, 2400)
    # a page, not a blank or error screen: many colours (text, tables, a figure)
    assert len(img.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 100
    if os.environ.get("GOVTEXT_UPDATE_SCREENSHOTS") and not shot.cjk_system_fonts():
        shutil.copyfile(png, ROOT / "docs" / "img" / "report_sample.png")


def test_font_slices_made_side_by_side_give_the_same_css():
    from govtext.report.fonts import font_face_css, font_slices

    text = "政府工作报告 2024 乡村振兴 高质量发展"
    css = font_face_css(text, parallel=True)
    assert css == font_face_css(text)
    assert css.count("@font-face") == len(font_slices(ord(c) for c in text)) == 2
