"""The package as a user gets it from PyPI.

Builds the sdist and the wheel with ``python -m build`` into a temporary folder, checks
them with ``twine check``, checks what the wheel and the sdist contain (package data in,
SIGHAN evaluation data out), then installs the wheel into a fresh virtual environment and
runs the ``govtext`` command from there.

Needs ``build`` and ``twine`` (in the ``dev`` extra) and, for ``python -m build``'s
isolated build environment, access to the package index.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "govtext"

# SHA-256 of the SIGHAN 2005 files in the evaluation data (research use only: never shipped).
SIGHAN_SHA256 = {
    "8068b0c5a8f309e2ff2ba88dc26de7a8dac2f2684c9c7d8094337d9ce272f601",  # msr_test.utf8
    "cd1a8473841f1b2fcddd14d12599ad8872e6167feb64807af5bac2f6a32cb75d",  # msr_test_gold.utf8
    "d5328d5cc8576c8e008e70ad33882aae4ce2cbbbf6cd1130c59a66a248961b8c",  # msr_training_words.utf8
    "48c2655b535ea33802c873373f3176e57d39ba1a45a4dbba164e9125d7ce149e",  # pku_test.utf8
    "913f78b20b17ea1e154f6246644d7d624b2710641f109a15daee9d63c9fb88d4",  # pku_test_gold.utf8
    "68fdbcef065d315e5dc3dc4c0e1b68997b1849141ba93b8fa2325fb088b5b0f3",  # pku_training_words.utf8
}
SIGHAN_NAME = re.compile(r"(sighan|icwb2|(pku|msr)_(test|training))", re.I)

# Package-data folders whose every file must ship in the wheel (those that exist).
DATA_DIRS = (
    "tokenize/lexicon",
    "datasets/sample",
    "stats/reference",
    "report/templates",
    "report/assets",
)

_MISSING = [m for m in ("build", "twine") if importlib.util.find_spec(m) is None]
pytestmark = pytest.mark.skipif(
    bool(_MISSING),
    reason=f"{', '.join(_MISSING)} not installed (pip install -e '.[dev]')",
)


def _run(cmd: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONUTF8="1", PYTHONIOENCODING="utf-8", MPLBACKEND="Agg")
    env.pop("PYTHONPATH", None)
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
    )
    assert proc.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {proc.returncode}\n"
        f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}"
    )
    return proc


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    # Plain `python -m build`: the sdist first, then the wheel built from the unpacked
    # sdist, so a file missing from the sdist breaks the wheel too.
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], ROOT)
    wheels = sorted(out.glob("*.whl"))
    sdists = sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0], "dir": out}


def _source_data_files() -> list[str]:
    files = []
    for d in DATA_DIRS:
        base = PKG / d
        if not base.is_dir():
            continue
        for f in sorted(base.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
                files.append(f.relative_to(ROOT).as_posix())
    return files


def _assert_no_sighan(names_and_bytes: list[tuple[str, bytes]], what: str) -> None:
    for name, data in names_and_bytes:
        if not name.endswith((".py", ".md")):  # code and docs may name SIGHAN; data must not
            assert not SIGHAN_NAME.search(name), (
                f"{what} contains {name}: SIGHAN data must not ship"
            )
        assert hashlib.sha256(data).hexdigest() not in SIGHAN_SHA256, (
            f"{what}: {name} is a copy of a SIGHAN 2005 file (research use only, never shipped)"
        )


def test_twine_check_passes(dist: dict[str, Path]) -> None:
    proc = _run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            str(dist["wheel"]),
            str(dist["sdist"]),
        ],
        ROOT,
    )
    assert proc.stdout.count("PASSED") == 2, proc.stdout


def test_wheel_contents(dist: dict[str, Path]) -> None:
    import govtext

    with zipfile.ZipFile(dist["wheel"]) as zf:
        names = set(zf.namelist())
        _assert_no_sighan([(n, zf.read(n)) for n in sorted(names)], dist["wheel"].name)
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta_text = zf.read(metadata).decode("utf-8")
        entry_points = zf.read(metadata.replace("METADATA", "entry_points.txt")).decode("utf-8")
    assert "govtext/py.typed" in names
    data = _source_data_files()
    assert any(f.startswith("govtext/tokenize/lexicon/") and f.endswith(".tsv") for f in data)
    assert "govtext/datasets/sample/manifest.csv" in data
    missing = [f for f in data if f not in names]
    assert not missing, f"package data missing from the wheel: {missing[:10]}"
    # every sample report named in the manifest is in the wheel
    import csv

    with open(PKG / "datasets" / "sample" / "manifest.csv", encoding="utf-8") as f:
        sample_files = [row["file"] for row in csv.DictReader(f)]
    assert len(sample_files) >= 20
    assert all(f"govtext/datasets/sample/{name}" in names for name in sample_files)
    # no tests, benchmarks or docs inside the wheel; no byte-code
    assert not any(n.startswith(("tests/", "benchmarks/", "docs/", "examples/")) for n in names)
    assert not any(n.endswith(".pyc") for n in names)
    # version single-sourced from govtext/_version.py; the console script is declared
    assert re.search(rf"^Version: {re.escape(govtext.__version__)}$", meta_text, re.M)
    assert re.search(r"^govtext = govtext\.cli:main$", entry_points, re.M)
    assert "Requires-Python: >=3.10" in meta_text


def test_sdist_contents(dist: dict[str, Path]) -> None:
    with tarfile.open(dist["sdist"]) as tf:
        members = [m for m in tf.getmembers() if m.isfile()]
        top = members[0].name.split("/", 1)[0]
        names = {m.name.split("/", 1)[1] for m in members}
        _assert_no_sighan(
            [(m.name, tf.extractfile(m).read()) for m in members],  # type: ignore[union-attr]
            dist["sdist"].name,
        )
    assert top.startswith("govtext-")
    for required in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "mkdocs.yml"):
        assert required in names, f"{required} missing from the sdist"
    assert "govtext/py.typed" in names
    assert "govtext/datasets/sample/manifest.csv" in names
    assert any(n.startswith("tests/test_") for n in names)
    assert any(n.startswith("docs/") and n.endswith(".md") for n in names)


def _venv_paths(root: Path) -> tuple[Path, Path]:
    bindir = root / ("Scripts" if os.name == "nt" else "bin")
    exe = ".exe" if os.name == "nt" else ""
    return bindir / f"python{exe}", bindir / f"govtext{exe}"


def _link_running_site_packages(py: Path) -> None:
    """Make the running interpreter's site-packages visible to the venv of ``py``.

    A ``.pth`` file lists them after the venv's own site-packages, so the wheel installed
    there wins; ``.pth`` files inside the listed folders (an editable govtext install of
    the running environment) are not processed, so they cannot shadow the wheel.
    """
    import site

    paths = [*site.getsitepackages(), site.getusersitepackages()]
    own = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    lines = [p for p in dict.fromkeys(paths) if Path(p).is_dir()]
    (Path(own) / "_govtext_test_deps.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_wheel_runs_in_fresh_venv(dist: dict[str, Path], tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # The dependencies (numpy, pandas, jieba ...) come from the site-packages of the
    # interpreter running the tests — the active virtual environment when there is one,
    # not the base interpreter that ``system_site_packages`` would give; govtext itself
    # only from the wheel (--no-deps keeps it offline).
    venv.EnvBuilder(system_site_packages=False, with_pip=True, clear=True).create(env_dir)
    py, cli = _venv_paths(env_dir)
    _link_running_site_packages(py)
    _run(
        [str(py), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(dist["wheel"])],
        tmp_path,
    )
    assert cli.is_file(), "the wheel installed no govtext console script"
    work = tmp_path / "work"
    work.mkdir()
    where = _run([str(py), "-c", "import govtext, sys; print(govtext.__file__)"], work).stdout
    assert Path(where.strip()).resolve().is_relative_to(env_dir.resolve()), (
        f"govtext was imported from {where.strip()}, not from the wheel installed in {env_dir}"
    )
    demo = _run([str(cli), "demo", "--top", "5"], work, timeout=180).stdout
    assert "2023_township_天津市津南区北闸口镇" in demo
    assert demo.count("keywords:") == 30

    out = work / "out"
    _run([str(cli), "report", "--sample", "--quiet", "-o", str(out)], work, timeout=300)
    index = out / "index.html"
    assert index.is_file(), f"govtext report wrote no index.html into {out}"
    page = index.read_text(encoding="utf-8")
    assert "北闸口镇" in page and "</html>" in page.lower()
    assert any(out.rglob("*.csv")), "govtext report wrote no CSV table"
