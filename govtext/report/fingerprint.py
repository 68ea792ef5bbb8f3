"""Fingerprint of govtext's own code and of the library versions the report depends on."""

from __future__ import annotations

from pathlib import Path

_DEPENDENCIES = (
    "numpy", "scipy", "pandas", "scikit-learn", "networkx", "matplotlib", "jinja2", "jieba",
    "rjieba", "opencc", "noto-cjk-sans-otc", "pillow",
)  # the results (and figure bytes: font, PNG encoder) depend on these  # fmt: skip


def _code_fingerprint() -> str:
    """Hash of govtext's own files (code, templates, lexicons) and of the versions of the
    libraries the results depend on: an edited or upgraded install never reuses old results."""
    global _CODE_FP
    if _CODE_FP is None:
        import hashlib

        from govtext._runtime.cache import installed_versions
        from govtext._version import __version__

        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha256(f"govtext {__version__}\n".encode())
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if not p.is_file() or "__pycache__" in rel or rel.startswith("datasets/"):
                continue
            if p.suffix not in (".py", ".j2", ".tsv", ".txt", ".json", ".css"):
                continue
            h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
        h.update(installed_versions(_DEPENDENCIES).encode())
        _CODE_FP = h.hexdigest()
    return _CODE_FP


_CODE_FP: str | None = None
