"""Fuzz govtext's input boundaries with hypothesis and count what escapes.

Usage::

    python benchmarks/fuzz.py [--cases 10000] [--target load|cache|all]

- ``load``: random bytes (plus bytes built from BOMs, CJK text in several encodings,
  HTML, JSON lines and CSV) written to a file with a random suffix, then
  ``gt.load_corpus`` (and, for what loads, one ``PolicyTokenizer.cut``).
- ``cache``: random rows written straight into a token cache's and a result cache's
  SQLite tables (random keys, random bytes or JSON values, deeply nested JSON), then
  read back through the public readers.

Only govtext's own errors (``GovtextError`` subclasses) and its warnings are allowed;
anything else is printed with the input that caused it, and the script exits 1.
The test suite runs the same properties with fewer cases (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000, help="examples per target")
    ap.add_argument("--target", choices=("load", "cache", "all"), default="all")
    args = ap.parse_args(argv)

    import fuzz_targets as ft
    from hypothesis import HealthCheck, settings

    conf = settings(
        max_examples=args.cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    targets = {"load": ft.load_property, "cache": ft.cache_property}
    chosen = list(targets) if args.target == "all" else [args.target]
    failed = 0
    print("| target | cases | escaped exceptions | seconds |\n| --- | ---: | ---: | ---: |")
    for name in chosen:
        ft.COUNTER.clear()
        t0 = time.perf_counter()
        try:
            conf(targets[name])()
            escaped = 0
        except Exception:  # noqa: BLE001 - report whatever escaped
            escaped = 1
            traceback.print_exc()
        failed += escaped
        n = ft.COUNTER.get(name, 0)
        print(f"| {name} | {n} | {escaped} | {time.perf_counter() - t0:.1f} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
