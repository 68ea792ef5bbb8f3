"""Topics by year and level: which subjects take how much of each report.

Fits a topic model (NMF on the reports' paragraphs, :func:`govtext.fit_topics`, with a
fixed ``random_state``) and writes, through :meth:`govtext.TopicModel.save` and a few
figures:

* ``topics.csv`` — the top words of every topic with their weights;
* ``doc_topic.csv`` — each report's share of every topic;
* ``prevalence_year.csv``, ``prevalence_level.csv`` — topic shares per year and per
  administrative level (rows sum to one);
* ``coherence.csv`` — NPMI and UMass coherence of each topic on the paragraphs;
* ``pyldavis.json`` — the model in the form ``pyLDAvis.prepare(**json)`` takes;
* ``prevalence_year.png``, ``prevalence_level.png`` — the prevalence tables as figures
  (need the ``plot`` extra);
* ``summary.md`` — the topics and where each is most prominent, in words.

Usage::

    python examples/topics_by_year_and_level.py OUT [--corpus FOLDER] [--k 8] [--seed 0]

Without ``--corpus`` the bundled sample is used (30 reports of every level).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import govtext as gt
from govtext._runtime.files import atomic_write_text


def load(corpus: str | None) -> gt.Corpus:
    """The bundled sample, or a folder of reports (with its manifest.csv if it has one)."""
    if corpus is None:
        return gt.datasets.load_sample()
    folder = Path(corpus)
    manifest = folder / "manifest.csv"
    return gt.load_corpus(folder, metadata=manifest if manifest.is_file() else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--corpus", help="folder of reports (default: the bundled sample)")
    parser.add_argument("--k", type=int, default=8, help="number of topics (default 8)")
    parser.add_argument("--method", choices=["nmf", "lda"], default="nmf")
    parser.add_argument("--seed", type=int, default=0, help="random_state (default 0)")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    corpus = load(args.corpus)
    model = gt.fit_topics(corpus, k=args.k, method=args.method, random_state=args.seed)
    model.save(out, by=("year", "level"))

    try:
        gt.plot_prevalence(model, "year", path=out / "prevalence_year.png")
        gt.plot_prevalence(model, "level", path=out / "prevalence_level.png")
    except gt.MissingExtraError as err:  # figures are optional
        print(f"no figure: {err}", file=sys.stderr)

    coh = model.coherence()
    by_level = model.prevalence("level")
    by_year = model.prevalence("year")
    lines = [
        "# Topics by year and level",
        "",
        f"{len(corpus)} reports; {args.method.upper()} with k = {args.k}, random_state = "
        f"{args.seed}, fitted on paragraphs. Mean coherence: NPMI "
        f"{coh.attrs['mean']['npmi']:.3f}, UMass {coh.attrs['mean']['umass']:.3f}; "
        f"topic diversity {coh.attrs['diversity']:.2f}.",
        "",
        "| topic | top words | most prominent level | peak year |",
        "| --- | --- | --- | --- |",
    ]
    for t, label in enumerate(model.labels_):
        lines.append(
            f"| {t} | {label} | {by_level[t].idxmax()} ({by_level[t].max():.0%}) "
            f"| {by_year[t].idxmax()} ({by_year[t].max():.0%}) |"
        )
    lines.append("")
    atomic_write_text(out / "summary.md", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except gt.GovtextError as err:  # a user error: one line, no traceback
        sys.exit(f"{Path(sys.argv[0]).name}: error: {err}")
