"""How much time `import govtext` adds over bare Python (median of repeated runs).

Usage: python benchmarks/import_time.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def timed(code: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    bare = [timed("pass") for _ in range(args.runs)]
    gov = [timed("import govtext") for _ in range(args.runs)]
    inproc = []
    code = "import time; t = time.perf_counter(); import govtext; print(time.perf_counter() - t)"
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        inproc.append(float(out.stdout))
    b, g = statistics.median(bare), statistics.median(gov)
    print("| what | median s |\n|---|---|")
    print(f"| python -c pass (wall) | {b:.3f} |\n| python -c 'import govtext' (wall) | {g:.3f} |")
    print(f"| difference of the two (wall, noisy) | {g - b:.3f} |")
    print(f"| import govtext measured inside the process | {statistics.median(inproc):.4f} |")


if __name__ == "__main__":
    main()
