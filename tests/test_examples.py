"""Every script in examples/ runs end to end on the bundled sample.

Each script is run as a user would run it (``python examples/x.py OUT``) in a fresh
process; the test checks that it exits 0, that the outputs its docstring promises exist,
and that every file it wrote parses (CSV, PNG, GEXF, JSON, HTML, Markdown).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

# Files each example must write (on the bundled sample), beyond "everything parses".
EXPECTED = {
    "township_vs_county.py": ["keyness.csv", "keyness_g2.csv", "keywords.csv", "nearest.csv"],
    "national_trends.py": [
        "trends.csv",
        "first_appearance.csv",
        "emerging.csv",
        "keyness_latest.csv",
    ],
    "provincial_targets_2026.py": ["targets.csv", "targets_wide.csv", "gdp_growth.csv"],
    "county_network.py": ["nodes.csv", "edges.csv", "changes.csv", "edge_changes.csv"],
    "topics_by_year_and_level.py": [
        "topics.csv",
        "doc_topic.csv",
        "prevalence_year.csv",
        "prevalence_level.csv",
        "coherence.csv",
        "pyldavis.json",
    ],
}


def run_example(
    script: Path, out: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ, MPLBACKEND="Agg", PYTHONUTF8="1", PYTHONIOENCODING="utf-8", **(env or {})
    )
    return subprocess.run(
        [sys.executable, str(script), str(out), *args],
        cwd=out.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
        env=env,
    )


def check_parses(path: Path) -> None:
    """Raise AssertionError unless the file is a well-formed file of its type."""
    suffix = path.suffix.lower()
    data = path.read_bytes()
    assert data, f"{path.name} is empty"
    if suffix == ".csv":
        import pandas as pd

        df = pd.read_csv(path)
        assert len(df.columns) >= 2 and len(df) >= 1, f"{path.name}: {df.shape}"
    elif suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"{path.name} is not a PNG"
        width = int.from_bytes(data[16:20], "big")
        height = int.from_bytes(data[20:24], "big")
        assert width > 100 and height > 100, f"{path.name} is {width}×{height}"
    elif suffix == ".gexf":
        import networkx as nx

        G = nx.read_gexf(path)
        assert G.number_of_nodes() > 0, f"{path.name} has no nodes"
    elif suffix == ".json":
        json.loads(data.decode("utf-8"))
    elif suffix == ".html":
        assert b"</html>" in data.lower(), f"{path.name} is not a complete HTML page"
    elif suffix in (".md", ".txt"):
        assert data.decode("utf-8").strip(), f"{path.name} has no text"
    else:
        raise AssertionError(f"{path.name}: unexpected output type (add a check for it)")


def test_there_are_at_least_four_examples() -> None:
    names = {p.name for p in EXAMPLES}
    assert set(EXPECTED) <= names, f"missing examples: {sorted(set(EXPECTED) - names)}"


def _read_csv(path: Path):
    import pandas as pd

    return pd.read_csv(path)


def _check_national_trends(out: Path) -> None:
    trends = _read_csv(out / "trends.csv").set_index("year")
    assert list(trends.index) == list(range(2015, 2026))  # the sample's national reports
    # 新质生产力 was first put forward in 2023 and enters the national report in 2024.
    assert (trends.loc[:2023, "新质生产力"] == 0).all() and trends.loc[2024, "新质生产力"] > 0
    first = _read_csv(out / "first_appearance.csv").set_index("term")
    assert int(first.loc["新质生产力", "first"]) == 2024


def _check_provincial_targets(out: Path) -> None:
    gdp = _read_csv(out / "gdp_growth.csv").set_index("region")
    assert sorted(gdp.index) == ["北京市", "广东省", "河北省"]
    check = _read_csv(out / "check.csv").set_index("region")
    assert bool(check.loc["广东省", "agree"]) and bool(check.loc["北京市", "agree"])
    assert not bool(check.loc["上海市", "agree"])  # not in the sample: nothing to agree with


def _check_township(out: Path) -> None:
    k = _read_csv(out / "keyness.csv")
    assert (k["score"] > 0).any() and (k["score"] < 0).any()
    assert k["score"].is_monotonic_decreasing
    near = _read_csv(out / "nearest.csv")
    assert set(near["township"]) == {"2023_township_天津市津南区北闸口镇"}
    assert len(near) == 13  # every county report of the sample, ranked


def _check_county_network(out: Path) -> None:
    gexf = sorted(p.name for p in out.glob("*.gexf"))
    assert gexf == [f"network_{y}.gexf" for y in range(2020, 2025)]
    changes = _read_csv(out / "changes.csv")
    assert changes[["from", "to"]].values.tolist() == [[y, y + 1] for y in range(2020, 2024)]


def _check_topics(out: Path) -> None:
    import numpy as np

    doc_topic = _read_csv(out / "doc_topic.csv")
    shares = doc_topic.select_dtypes("number")
    assert len(doc_topic) == 30
    assert np.allclose(shares.sum(axis=1), 1, atol=1e-4)
    level = _read_csv(out / "prevalence_level.csv").set_index("level")
    assert sorted(level.index) == ["city", "county", "national", "province", "township"]
    assert np.allclose(level.sum(axis=1), 1, atol=1e-4)
    coh = _read_csv(out / "coherence.csv")
    assert len(coh) == 8 and (coh["umass"] <= 0).all()


CHECKS = {
    "national_trends.py": _check_national_trends,
    "provincial_targets_2026.py": _check_provincial_targets,
    "township_vs_county.py": _check_township,
    "county_network.py": _check_county_network,
    "topics_by_year_and_level.py": _check_topics,
}


def _extra_args(script: Path, tmp_path: Path) -> list[str]:
    if script.name == "provincial_targets_2026.py":
        ref = tmp_path / "ref.csv"
        # GDP growth targets as printed in the three sample reports (read by hand).
        ref.write_text(
            "region,year,target_low,target_high\n"
            "北京市,2026,5,5\n河北省,2026,5,5\n广东省,2026,4.5,5\n上海市,2026,5,5\n",
            encoding="utf-8",
        )
        return ["--check", str(ref)]
    return []


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs_and_writes_parsable_outputs(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_example(script, out, *_extra_args(script, tmp_path))
    assert proc.returncode == 0, f"{script.name} failed:\n{proc.stderr[-4000:]}"
    written = sorted(p for p in out.rglob("*") if p.is_file())
    names = {p.name for p in written}
    for name in EXPECTED.get(script.name, []) + ["summary.md"]:
        assert name in names, f"{script.name} did not write {name}; wrote {sorted(names)}"
    for p in written:
        check_parses(p)
    assert not [p for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"], (
        "temporary files left behind"
    )
    if script.name in CHECKS:
        CHECKS[script.name](out)


def test_county_network_is_deterministic(tmp_path: Path) -> None:
    # Two processes with different string-hash seeds: set and dict iteration orders differ,
    # the outputs (CSV, GEXF, PNG) must not.
    script = ROOT / "examples" / "county_network.py"
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"hashseed{seed}"
        proc = run_example(script, out, env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr[-4000:]
        outs.append(out)
    files = sorted(p.name for p in outs[0].iterdir())
    assert files == sorted(p.name for p in outs[1].iterdir())
    differ = [n for n in files if (outs[0] / n).read_bytes() != (outs[1] / n).read_bytes()]
    assert not differ, f"outputs differ between two runs: {differ}"


def test_example_user_error_is_one_line(tmp_path: Path) -> None:
    proc = run_example(
        ROOT / "examples" / "township_vs_county.py",
        tmp_path / "out",
        "--corpus",
        str(tmp_path / "nope"),
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "nope" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
