"""Helpers shared by the subcommands: input options and corpus loading."""

from __future__ import annotations

import argparse
from typing import Any


def add_input_args(p: argparse.ArgumentParser, *, allow_sample: bool = True) -> None:
    """Add ``PATHS``, ``--sample`` and ``--metadata`` to a subcommand."""
    p.add_argument(
        "paths", nargs="*", metavar="PATHS", help="report files, folders, globs, CSV or JSONL"
    )
    if allow_sample:
        p.add_argument("--sample", action="store_true", help="use the bundled sample corpus")
    p.add_argument(
        "--metadata", metavar="FILE", help="CSV joined on the file name (column 'file' or 'name')"
    )
    p.add_argument(
        "--text-column", default="text", help="text column in CSV/JSONL input (default: text)"
    )


def load_input(args: Any) -> Any:
    """Load the corpus named by the input options, with a clear error when none is given."""
    from ..corpus import load_corpus
    from ..errors import InputError

    if getattr(args, "sample", False):
        if args.paths:
            raise InputError("give either PATHS or --sample, not both")
        from ..datasets import load_sample

        corpus = load_sample()
        if args.metadata:
            from ..datasets import sample_path

            corpus = load_corpus(sample_path(), metadata=args.metadata)
        return corpus
    if not args.paths:
        raise InputError("no input: give report files or folders (PATHS), or --sample")
    return load_corpus(args.paths, metadata=args.metadata, text_column=args.text_column)
