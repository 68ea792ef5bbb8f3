"""Open a report page in headless Chromium, check it as a reader's browser shows it, and
take a screenshot.

    python benchmarks/screenshot.py OUT/index.html docs/img/report_corpus.png

prints what it checked (console errors, fonts used for the Chinese text, links) and exits
1 if a check fails. tests/test_browser.py runs the same functions on the sample page.

Chromium is Debian's (``apt-get install chromium chromium-driver``: /usr/bin/chromium,
/usr/bin/chromedriver), driven by Selenium (``pip install selenium``; the ``test`` extra
has it) with the DevTools protocol for what WebDriver does not tell: which font drew each
piece of text (``CSS.getPlatformFontsForNode``) and screenshots taller than the window.
The flags keep Chromium off the network (the machine has none but package registries,
and the page must need none).
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver",)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
WIDTH = 1280
#: a character that no report page shows and the embedded subset therefore lacks: the
#: negative control of the font check (it must be seen as drawn by another font)
NOT_IN_PAGE = "龘"


def find_browser() -> tuple[str, str] | str:
    """(chromium, chromedriver) paths, or the reason why they cannot be used."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium, or the 'test' extra)"
    browser = next((p for p in CHROMIUM if os.access(p, os.X_OK)), None) or shutil.which("chromium")
    driver = next((p for p in CHROMEDRIVER if os.access(p, os.X_OK)), None) or shutil.which(
        "chromedriver"
    )
    if not browser or not driver:
        return (
            "no Chromium and ChromeDriver on this machine "
            "(apt-get install chromium chromium-driver)"
        )
    return browser, driver


def cjk_system_fonts() -> list[str]:
    """The system fonts that cover Chinese (``fc-list :lang=zh``); [] without fontconfig."""
    import subprocess

    fc = shutil.which("fc-list")
    if not fc:
        return []
    out = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return sorted({line.strip() for line in out.stdout.splitlines() if line.strip()})


def start(height: int = 900) -> Any:
    """A headless Chromium (fresh profile) under Selenium; quit it with :func:`stop`."""
    found = find_browser()
    if isinstance(found, str):
        raise RuntimeError(found)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="govtext-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = found[0]
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={WIDTH},{height}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=found[1]))
    driver._govtext_profile = profile  # removed by stop()
    return driver


def stop(driver: Any) -> None:
    """Quit the browser and remove its profile folder."""
    profile = getattr(driver, "_govtext_profile", None)
    try:
        driver.quit()
    finally:
        if profile:
            shutil.rmtree(profile, ignore_errors=True)


@dataclass
class PageCheck:
    """What the browser showed: every list empty means the page passed."""

    console_errors: list[str] = field(default_factory=list)
    #: text with CJK characters drawn (in part) with a system font: (tag, text, fonts)
    other_fonts: list[tuple[str, str, list[str]]] = field(default_factory=list)
    bad_links: list[str] = field(default_factory=list)
    n_cjk: int = 0
    n_text_nodes: int = 0
    n_links: int = 0
    #: the page's web fonts and their status ("loaded")
    family: str = ""
    #: fonts that drew the control character (must include a system font)
    control_fonts: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        control_ok = any("system font" in f for f in self.control_fonts)
        return control_ok and not (self.console_errors or self.other_fonts or self.bad_links)

    def summary(self) -> str:
        return (
            f"{self.n_text_nodes} elements with Chinese text ({self.n_cjk} distinct CJK "
            f"characters), web fonts {self.family or 'none'}: {len(self.other_fonts)} "
            "elements drawn (in part) with a system font; "
            f"{len(self.console_errors)} console errors; {self.n_links} links, "
            f"{len(self.bad_links)} not resolving to a file of the folder "
            f"({self.seconds:.1f} s)"
        )


_MARK_JS = """
// mark every element whose own text (not its children's) has a CJK character
const cjk = /[\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF]|[\\uD840-\\uD87F][\\uDC00-\\uDFFF]/;
const chars = new Set();
let n = 0;
for (const el of document.querySelectorAll('html, html *')) {
  let own = '';
  for (const c of el.childNodes) if (c.nodeType === 3) own += c.nodeValue;
  if (!cjk.test(own)) continue;
  el.setAttribute('data-govtext-cjk', String(n++));
  for (const ch of own) if (cjk.test(ch)) chars.add(ch);
}
return [n, [...chars].sort().join('')];
"""

_LINKS_JS = """
const out = [];
for (const el of document.querySelectorAll('[href], [src], [srcset], [poster], [data]')) {
  for (const a of ['href', 'src', 'srcset', 'poster', 'data']) {
    const v = el.getAttribute(a);
    if (v !== null) out.push([el.tagName.toLowerCase(), a, v]);
  }
}
return [out, [...document.querySelectorAll('[id]')].map(e => e.id)];
"""


def text_fonts(driver: Any, selector: str) -> list[tuple[str, str, list[tuple[str, bool, int]]]]:
    """For each element matching ``selector``: (tag, own text, fonts that drew that text).

    A font is (family name in the font file, whether it is a web font of the page, glyph
    count), as Chromium's DevTools ``CSS.getPlatformFontsForNode`` reports it: what was
    really drawn, after every fallback.
    """
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    ids = driver.execute_cdp_cmd("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
    out = []
    for node_id in ids["nodeIds"]:
        node = driver.execute_cdp_cmd("DOM.describeNode", {"nodeId": node_id, "depth": 1})["node"]
        own = "".join(
            c.get("nodeValue", "") for c in node.get("children", []) if c["nodeType"] == 3
        )
        fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
        out.append(
            (
                node["localName"],
                own,
                [
                    (f["familyName"], bool(f.get("isCustomFont")), int(f["glyphCount"]))
                    for f in fonts
                ],
            )
        )
    return out


def _check_links(
    page: Path, links: list[list[str]], ids: set[str], root: Path | None = None
) -> list[str]:
    root = (root or page.parent).resolve()
    bad = []
    for tag, attr, value in links:
        where = f"<{tag} {attr}={value!r}>"
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith(("/", "\\")):
            bad.append(f"{where}: not a relative path")
            continue
        if not parts.path:  # "#section"
            if parts.fragment and parts.fragment not in ids:
                bad.append(f"{where}: no element with this id")
            elif not parts.fragment:
                bad.append(f"{where}: empty link")
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(root):
            bad.append(f"{where}: outside the output folder")
        elif not target.is_file():
            bad.append(f"{where}: no such file")
    return bad


def check_page(
    driver: Any, page: Path, *, root: Path | None = None, timeout: float = 60.0
) -> PageCheck:
    """Load ``page`` and check it: console, the font of every piece of Chinese text, links.

    The font check asks the browser which fonts drew the own text of every element that
    has a CJK character (:func:`text_fonts`): all of it must come from a web font of the
    page, none from a system font (the fallback draws a box when the system has no CJK
    font). Links must lead to files under ``root`` (default: the page's folder). As a
    control, a span holding :data:`NOT_IN_PAGE` (not in the subset) is added
    and must be reported as drawn by a system font, so the check can fail.
    """
    t0 = time.monotonic()
    res = PageCheck()
    driver.set_page_load_timeout(timeout)
    driver.get(page.resolve().as_uri())
    driver.execute_async_script(
        "const done = arguments[0]; document.fonts.ready.then(() => done());"
    )
    res.family = driver.execute_script(
        "return [...document.fonts].map(f => f.family.replace(/\"/g, '') + ' ' + f.status)"
        ".join(', ');"
    )
    res.n_text_nodes, chars = driver.execute_script(_MARK_JS)
    res.n_cjk = len(chars)
    for tag, own, fonts in text_fonts(driver, "[data-govtext-cjk]"):
        others = [f"{name} ({n} glyphs)" for name, custom, n in fonts if not custom]
        if others:
            res.other_fonts.append((tag, own.strip()[:60], others))
    driver.execute_script(
        "const s = document.createElement('span'); s.id = 'govtext-control';"
        "s.textContent = arguments[0]; document.body.appendChild(s);",
        NOT_IN_PAGE,
    )
    res.control_fonts = [
        f"{name} ({'web font' if custom else 'system font'})"
        for _, _, fonts in text_fonts(driver, "#govtext-control")
        for name, custom, _ in fonts
    ]
    driver.execute_script("document.getElementById('govtext-control').remove();")
    links, ids = driver.execute_script(_LINKS_JS)
    res.n_links = len(links)
    res.bad_links = _check_links(page, links, set(ids), root)
    res.console_errors = [
        e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"
    ]
    res.seconds = time.monotonic() - t0
    return res


def screenshot(driver: Any, path: str | os.PathLike[str], *, height: int = 2400) -> Path:
    """Save the top ``height`` CSS pixels of the loaded page (full width) as a PNG of 256
    colours. Figures the page loads lazily (``loading="lazy"``: the network figures) are
    loaded first, as a reader scrolling down would see them."""
    driver.execute_script(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; });"
    )
    for _ in range(100):  # at most ~10 s
        if driver.execute_script("return Array.from(document.images).every(i => i.complete);"):
            break
        time.sleep(0.1)
    total = driver.execute_script("return document.documentElement.scrollHeight;")
    h = int(min(height, total))
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": h, "scale": 1},
        },
    )
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    from PIL import Image  # with matplotlib (report extra)

    # 256 colours, no dithering: text and flat charts stay sharp, the file ~2.5x smaller
    img = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    img.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, optimize=True
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("page", type=Path, help="the report's index.html")
    ap.add_argument("png", type=Path, help="where to write the screenshot")
    ap.add_argument("--height", type=int, default=2400, help="CSS pixels from the top (2400)")
    args = ap.parse_args(argv)
    found = find_browser()
    if isinstance(found, str):
        print(f"screenshot: {found}", file=sys.stderr)
        return 2
    cjk = cjk_system_fonts()
    print(f"system fonts covering Chinese: {', '.join(cjk) if cjk else 'none'}")
    driver = start()
    try:
        res = check_page(driver, args.page)
        screenshot(driver, args.png, height=args.height)
    finally:
        stop(driver)
    size = args.page.stat().st_size
    print(f"{args.page}: {size / 1e6:.2f} MB; {res.summary()}")
    print(f"control character {NOT_IN_PAGE} drawn with: {', '.join(res.control_fonts) or 'none'}")
    for label, items in [
        ("console", res.console_errors),
        ("font", res.other_fonts),
        ("link", res.bad_links),
    ]:
        for item in items[:20]:
            print(f"  {label}: {item}")
    print(f"screenshot: {args.png} ({args.png.stat().st_size / 1e3:.0f} kB)")
    return 0 if res.ok else 1


if __name__ == "__main__":
    sys.exit(main())
