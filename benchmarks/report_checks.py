"""Issue 15, acceptance 2: checks of a ``govtext report`` output folder on the corpus.

    python benchmarks/report_checks.py OUT [--corpus ../shared/corpus]

prints, for the folder OUT written by ``govtext report``:

* whether ``index.html`` embeds its font (an ``@font-face`` with a ``data:`` WOFF2 URL)
  and the font's size;
* the share of the network figures' nodes (``data/network_nodes.csv``, every group)
  that are among the genre's 100 most frequent words, by two definitions: the reference
  table's (``govtext.stats.keywords.genre_generic``, which the selection itself avoids)
  and, independently, the 100 most frequent tokens of the corpus given with ``--corpus``
  (``PolicyTokenizer().tokenize``: stopwords and punctuation already out);
* the largest GDP growth ``actual`` paired with a target (``data/target_panel.csv``) and
  the rows above 20 %;
* the size of the page and of the whole folder (page + data + figures + texts).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path, help="folder written by govtext report")
    ap.add_argument("--corpus", type=Path, default=None, help="the reports (for the top 100)")
    args = ap.parse_args(argv)

    import pandas as pd

    from govtext.stats.keywords import genre_generic

    page = (args.out / "index.html").read_text(encoding="utf-8")
    fonts = re.findall(r"@font-face\s*{[^}]*url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)", page)
    font_kb = sum(len(f) * 3 // 4 for f in fonts) / 1024
    print(f"embedded font: {'yes' if fonts else 'NO'} ({len(fonts)} face(s), {font_kb:.0f} kB)")

    nodes = pd.read_csv(args.out / "data" / "network_nodes.csv")
    tops = {"reference table (genre_generic)": genre_generic(100)}
    if args.corpus is not None:
        import govtext as gt

        corpus = gt.load_corpus(args.corpus)
        tok = gt.PolicyTokenizer()
        counts: Counter[str] = Counter()
        for r in corpus:
            counts.update(tok.tokenize(r.text))
        tops["this corpus's 100 most frequent tokens"] = frozenset(
            w for w, _ in counts.most_common(100)
        )
    for name, top in tops.items():
        share = nodes["term"].isin(top).mean()
        hits = sorted(set(nodes.loc[nodes["term"].isin(top), "term"]))
        print(
            f"network nodes among {name}: {share:.1%} of {len(nodes)} node rows "
            f"({len(set(nodes['term']))} terms); terms: {' '.join(hits) or '-'}"
        )

    panel = pd.read_csv(args.out / "data" / "target_panel.csv")
    gdp = panel[(panel["canonical"] == "gdp") & panel["actual"].notna()]
    over = gdp[gdp["actual"] > 20]
    print(
        f"GDP actuals paired with a target: {len(gdp)}; largest {gdp['actual'].max():g}; "
        f"above 20: {len(over)}"
    )
    if len(over):
        print(over[["region", "year", "target_low", "actual", "actual_source"]].to_string())

    page_mb = (args.out / "index.html").stat().st_size / 1e6
    print(
        f"page {page_mb:.2f} MB; folder (page + data + figures + texts) {_size(args.out) / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
