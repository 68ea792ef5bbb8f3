"""``govtext cache``: where the cache is, how big, and clearing it."""

from __future__ import annotations

import argparse

EXAMPLES = """examples:
  govtext cache info                    # folder, files and size
  govtext cache clear                   # delete govtext's cache files
  govtext cache info --cache-dir DIR    # another cache folder

The cache folder is $GOVTEXT_CACHE_DIR if set, else the user cache folder
(~/.cache/govtext, ~/Library/Caches/govtext or %LOCALAPPDATA%\\govtext\\Cache).
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cache",
        help="show or clear the cache of tokens and report results",
        description=(
            "The commands that cut reports into words keep the words (and `govtext report`\n"
            "its finished sections) in a cache folder, so a second run is fast."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("action", choices=["info", "clear"], help="info: show; clear: delete")
    p.add_argument("--cache-dir", metavar="DIR", default=None, help="cache folder")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govtext._runtime.cache import cache_info, clear_cache

    if args.action == "clear":
        removed = clear_cache(args.cache_dir)
        print(f"removed {len(removed)} cache files from {cache_info(args.cache_dir)['path']}")
        return 0
    info = cache_info(args.cache_dir)
    print(f"folder:          {info['path']}")
    print(f"files:           {info['files']} ({info['bytes'] / 1e6:.1f} MB)")
    print(f"token caches:    {info['token_files']} (one per tokenizer configuration)")
    print(f"report results:  {info['result_entries']} cached sections")
    return 0
