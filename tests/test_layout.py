"""The package layout contract (docs/architecture.md).

- subpackages import only from the layers below them (import-linter, contract in
  pyproject.toml);
- no import cycle between govtext modules, counting imports inside functions too;
- no module over 600 lines; no function over 120 lines unless a comment starting with
  ``# long:`` beside its ``def`` says why.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "govtext"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 120


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """govtext modules imported anywhere in a module (top level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join([*base, *([node.module] if node.module else [])])
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        else:
            continue
        for t in targets:
            if t in modules and t != name:
                found.add(t)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_between_govtext_modules() -> None:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        # a package's __init__ re-exporting its own modules is not a dependency of
        # those modules; the top-level __init__ imports lazily by name
        graph[name] = {m for m in _imports(name, path, modules) if not name.startswith(m + ".")}
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_over_600_lines() -> None:
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in PKG.rglob("*.py")
    }
    assert len(sizes) > 30
    assert {k: v for k, v in sizes.items() if v > MAX_MODULE_LINES} == {}


def test_no_long_function_without_a_reason() -> None:
    long = {}
    for p in PKG.rglob("*.py"):
        lines = p.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                around = "\n".join(lines[max(0, first - 3) : node.body[0].lineno])
                if n > MAX_FUNCTION_LINES and "# long:" not in around:
                    long[f"{p.relative_to(ROOT).as_posix()}:{node.name}"] = n
    assert long == {}


def test_layers_contract_holds() -> None:
    pytest.importorskip("importlinter", reason="import-linter is in the test extra")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "1 kept, 0 broken" in proc.stdout


def test_subpackages_follow_the_pipeline() -> None:
    expected = {
        "_runtime", "text", "corpus", "tokenize", "features", "stats", "models",
        "network", "indicators", "viz", "readwrite", "report", "cli", "datasets",
    }  # fmt: skip
    found = {p.parent.name for p in PKG.glob("*/__init__.py")}
    assert expected <= found
    flat = sorted(p.name for p in PKG.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "_version.py", "errors.py"]
