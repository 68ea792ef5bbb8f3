"""The documentation cannot drift from the code.

* Every ```python fenced block of every ``docs/*.md`` page (and of README.md) runs, top to
  bottom, in one namespace per page, with the current directory set to a fresh temporary
  folder.
* ``mkdocs.yml``'s nav names only pages that exist, and every page is in the nav.
* ``mkdocs build --strict`` passes (when the ``docs`` extra is installed).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"

# A fence opens with ```python (optionally followed by attributes such as title="...")
# and closes with ``` at the same indentation.
_OPEN = re.compile(r"^(?P<indent>[ \t]*)```python\b.*$")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, code) of every ```python block of a Markdown text, in order."""
    blocks: list[tuple[int, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        indent = m.group("indent")
        start = i + 1
        j = start
        while j < len(lines) and lines[j].strip() != "```":
            j += 1
        if j == len(lines):
            raise AssertionError(f"unclosed ```python block at line {i + 1}")
        body = [ln[len(indent) :] if ln.startswith(indent) else ln for ln in lines[start:j]]
        blocks.append((start + 1, textwrap.dedent("\n".join(body)) + "\n"))
        i = j + 1
    return blocks


def _pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def _pages_with_code() -> list[Path]:
    # README.md too: its example is the first code a user runs.
    pages = [*_pages(), ROOT / "README.md"]
    return [p for p in pages if p.is_file() and python_blocks(p.read_text(encoding="utf-8"))]


def test_block_extraction_reads_fences_in_order() -> None:
    md = (
        "# t\n\n```python\nx = 1\n```\n\ntext\n\n```bash\nls\n```\n\n"
        "!!! note\n    ```python\n    y = x + 1\n    ```\n"
    )
    blocks = python_blocks(md)
    assert [code for _, code in blocks] == ["x = 1\n", "y = x + 1\n"]
    assert [line for line, _ in blocks] == [4, 15]
    with pytest.raises(AssertionError, match="unclosed"):
        python_blocks("```python\nx = 1\n")


def test_core_pages_have_runnable_examples() -> None:
    with_code = {p.name for p in _pages_with_code()}
    for page in ("index.md", "getting-started.md", "loading.md"):
        assert page in with_code, f"docs/{page} has no ```python example"


@pytest.mark.parametrize("page", _pages_with_code(), ids=lambda p: p.name)
def test_docs_page_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    blocks = python_blocks(page.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    try:
        for line, code in blocks:
            # Pad with newlines so that tracebacks give the line number in the .md file.
            compiled = compile("\n" * (line - 1) + code, str(page), "exec")
            exec(compiled, namespace)
    finally:
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
    elapsed = time.perf_counter() - t0
    print(f"docs/{page.name}: {len(blocks)} blocks in {elapsed:.1f} s")


def _nav_files() -> list[str]:
    text = MKDOCS_YML.read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1]
    nav = re.split(r"\n(?=\S)", nav, maxsplit=1)[0]  # up to the next top-level key
    return re.findall(r"([\w./-]+\.md)\s*$", nav, flags=re.M)


def test_nav_names_existing_pages_and_every_page() -> None:
    nav = _nav_files()
    assert "index.md" in nav
    missing = [f for f in nav if not (DOCS / f).is_file()]
    assert not missing, f"mkdocs.yml nav names pages that do not exist: {missing}"
    omitted = [p.name for p in _pages() if p.name not in nav]
    assert not omitted, f"docs pages missing from the nav in mkdocs.yml: {omitted}"
    assert len(nav) == len(set(nav)), "a page appears twice in the nav"


_HAVE_MKDOCS = all(
    importlib.util.find_spec(m) is not None for m in ("mkdocs", "material", "mkdocstrings_handlers")
)


@pytest.mark.skipif(
    not _HAVE_MKDOCS, reason="the docs extra is not installed (pip install -e '.[docs]')"
)
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(MKDOCS_YML),
            "-d",
            str(site),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (site / "index.html").is_file()
    assert (site / "api" / "index.html").is_file()
    # mkdocstrings rendered the docstrings: the API page documents load_corpus.
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    import govtext

    # Every public name of the top level has its entry in the API reference.
    missing = [
        f"govtext.{module}.{name}"
        for name, module in govtext._LAZY.items()
        if f'id="govtext.{module}.{name}"' not in api
    ]
    assert not missing, f"not in docs/api.md's reference: {missing}"
