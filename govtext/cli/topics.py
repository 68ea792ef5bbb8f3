"""``govtext topics``: fit a topic model, print topics with coherence, write tables and figures."""

from __future__ import annotations

import argparse


def _ks(text: str) -> list[int]:
    try:
        ks = [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected numbers separated by commas, not {text!r}"
        ) from None
    if not ks or min(ks) < 1:
        raise argparse.ArgumentTypeError(f"expected positive numbers, not {text!r}")
    return ks


def register(sub: argparse._SubParsersAction) -> None:
    from govtext.cli._common import (
        add_csv_args,
        add_input_args,
        add_old_spelling,
        add_perf_args,
        add_random_state,
    )

    p = sub.add_parser(
        "topics",
        help="topic model with coherence and prevalence by year/region",
        description=(
            "Fit a topic model (NMF on paragraphs by default), print each topic's words with "
            "its NPMI coherence, and with -o write topics.csv, doc_topic.csv, "
            "prevalence_<by>.csv, coherence.csv, pyldavis.json and prevalence figures."
        ),
        epilog=(
            "examples:\n"
            "  govtext topics reports/ -k 12\n"
            "  govtext topics --sample -k 8 -o out/ --by year region\n"
            "  govtext topics reports/ --choose-k 5,10,15,20"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_args(p)
    add_perf_args(p)
    p.add_argument(
        "-k",
        type=int,
        default=None,
        help="number of topics (default 10, fewer when the reports are too short for 10)",
    )
    p.add_argument("--method", choices=("nmf", "lda"), default="nmf", help="default nmf")
    p.add_argument(
        "--unit",
        choices=("paragraph", "section", "report"),
        default="paragraph",
        help="modelling unit (default paragraph)",
    )
    add_random_state(p, "seed of the topic model (default 0)")
    p.add_argument("--top", type=int, default=10, help="words shown per topic (default 10)")
    p.add_argument(
        "--by",
        nargs="+",
        default=["year", "region"],
        help="prevalence groups (default year region)",
    )
    p.add_argument(
        "-o", "--output", metavar="DIR", help="write tables, pyLDAvis JSON and figures here"
    )
    add_old_spelling(p, "--out", "-o/--output", "output", metavar="DIR")
    p.add_argument("--no-figures", action="store_true", help="with -o: tables only")
    add_csv_args(p)
    p.add_argument(
        "--choose-k",
        type=_ks,
        metavar="K1,K2,...",
        help="compare coherence and diversity for these k and exit",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from govtext.cli._common import input_outside, load_input, output_folder, tokenizer_for
    from govtext.errors import InputError
    from govtext.models.choose import choose_k
    from govtext.models.export import save_model
    from govtext.models.topics import TopicModel
    from govtext.report.context import fit_default_k

    if args.k is not None and args.k < 1:
        raise InputError(f"-k must be a positive integer, not {args.k}")
    out = None
    if args.output:  # before the loading: a usable folder, never read back as input
        input_outside(args.output, args)
        with output_folder(args.output, force=True) as out:  # removed if the loading fails
            corpus = load_input(args)
    else:
        corpus = load_input(args)
    tok = tokenizer_for(args, corpus)
    if args.choose_k:
        table = choose_k(
            corpus,
            args.choose_k,
            method=args.method,
            unit=args.unit,
            random_state=args.random_state,
            tokenizer=tok,
        )
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        return 0

    def fit(k: int) -> TopicModel:
        return TopicModel(
            k=k, method=args.method, unit=args.unit, random_state=args.random_state, tokenizer=tok
        ).fit(corpus)

    if args.k is None:  # the default: lowered to what the reports allow, and said so
        model, k = fit_default_k(fit, 10, option="-k")
        if k < 10:
            print(
                f"govtext topics: note: {k} topics instead of the default 10: the reports "
                "have too few words or paragraphs for more (-k sets the number)",
                file=sys.stderr,
            )
    else:
        model, k = fit(args.k), args.k
    coh = model.coherence(args.top)
    print(
        f"{k} topics ({args.method}, {model.unit_dtm_.shape[0]} {args.unit}s, "
        f"{len(model.vocab_)} words); mean NPMI {coh.attrs['mean']['npmi']:.3f}, "
        f"diversity {coh.attrs['diversity']:.2f}"
    )
    for t, words in enumerate(model.top_terms(args.top)):
        print(f"{t:3d}  npmi {coh['npmi'].iloc[t]:+.2f}  {' '.join(words)}")
    if out is not None:
        by = [b for b in args.by if b in model.meta_.columns and model.meta_[b].notna().any()]
        files = save_model(model, out, by=by, escape_formulas=args.escape_formulas)
        if not args.no_figures:
            from govtext.viz.topics import plot_prevalence

            for b in by:
                files.append(plot_prevalence(model, b, path=out / f"prevalence_{b}.png"))
        print(f"wrote {len(files)} files to {args.output}")
    return 0
