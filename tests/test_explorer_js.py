"""explorer.js on a compact document (above 500 reports): counts of reports under node.

The page's script runs against a minimal stand-in for the DOM; ``rates`` and the heading
that ``show`` writes are checked against the document's ``n_docs`` and ``df``.
"""

import json
import shutil
import subprocess
from importlib import resources

import pytest

NODE = shutil.which("node") or shutil.which("nodejs")

STUB = r"""
const made = [];
function el(tag) {
  const e = {tag, children: [], style: {}, classList: {contains: () => false},
    attrs: {}, textContent: "", hidden: false, value: "", firstChild: null,
    appendChild(c) { this.children.push(c); this.firstChild = this.children[0]; return c; },
    removeChild(c) { this.children = this.children.filter((x) => x !== c);
      this.firstChild = this.children[0] || null; },
    setAttribute(k, v) { this.attrs[k] = v; }, getAttribute(k) { return this.attrs[k]; },
    addEventListener() {}, querySelector(sel) { return kids[sel] || (kids[sel] = el(sel)); },
    insertRow() { return el("tr"); }, insertCell() { return el("td"); },
    createTHead() { return el("thead"); }, createTBody() { return el("tbody"); }};
  made.push(e);
  return e;
}
const kids = {};
const root = el("div");
root.attrs["data-explorer"] = process.argv[3];
global.window = {};
global.document = {getElementById: (id) => (id === "gt-explorer" ? root : null),
  createElement: el, createElementNS: (ns, t) => el(t), createTextNode: (t) => ({t}),
  querySelectorAll: () => [], addEventListener() {}, body: el("body")};
require(process.argv[2]);
const ex = window.govtextExplorer;
const r = ex.rates(0);
ex.show("甲");
const h = made.filter((e) => e.tag === "h3" && e.className === "ex-title").pop();
console.log(JSON.stringify({top: r.top.map((t) => t.doc), levels: r.levels, df: r.df,
  total: r.total, title: h ? h.textContent : null}));
"""


def _run(tmp_path, data):
    script = tmp_path / "run.js"
    script.write_text(STUB, encoding="utf-8")
    src = resources.files("govtext.report").joinpath("assets/explorer.js")
    js = tmp_path / "explorer.js"
    js.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run(
        [NODE, str(script), str(js), json.dumps(data)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_compact_document_counts_only_real_reports(tmp_path):
    # three real reports (n_docs) and one group entry holding the counts of the rest
    docs = [
        ["a", 2020, "province", 100, ""],
        ["b", 2020, "province", 100, ""],
        ["c", 2021, "city", 100, ""],
        ["(other reports) 2020 province", 2020, "province", 0, ""],
    ]
    data = {"per": 10000, "levels": ["province", "city"], "docs": docs, "terms": "甲",
            "counts": [[0, 2, 2, 1, 3, 5]], "kwic": [5, 3, 20], "min_count": 1,
            "n_docs": 3, "top_docs": 2, "df": [9]}  # fmt: skip
    got = _run(tmp_path, data)
    assert got["top"] == [0, 2]  # the group entry is never listed as a report
    prov = next(x for x in got["levels"] if x["level"] == "province")
    assert prov["reports"] == 1 and prov["more"] is True and prov["count"] == 7
    assert got["df"] == 9 and got["total"] == 8
    assert got["title"] == "甲 — 8 occurrence(s) in 9 of 3 reports"


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_full_document_counts_every_report(tmp_path):
    docs = [["a", 2020, "province", 100, ""], ["b", 2021, "province", 50, ""]]
    data = {"per": 10000, "levels": ["province"], "docs": docs, "terms": "甲",
            "counts": [[0, 1, 1, 4]], "kwic": [5, 3, 20], "min_count": 1}  # fmt: skip
    got = _run(tmp_path, data)
    assert got["top"] == [1, 0] and got["df"] == 2 and got["total"] == 5
    assert got["levels"][0]["reports"] == 2 and got["levels"][0]["more"] is False
    assert got["title"] == "甲 — 5 occurrence(s) in 2 of 2 reports"
