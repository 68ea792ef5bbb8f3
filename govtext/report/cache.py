"""Report sections through the result cache: a hit writes the section's files back byte
for byte without running its builder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govtext._runtime.files import atomic_write_bytes
from govtext.report.blocks import Block, PageSection
from govtext.report.context import ReportContext
from govtext.report.sections import run_builder


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    out = {}
    for p in root.rglob("*"):
        try:
            st = p.stat()
        except OSError:  # pragma: no cover - removed meanwhile
            continue
        if p.is_file():
            out[p.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return out


def _safe_rel(rel: Any) -> bool:
    """A relative path inside the output folder (a cache entry can never write elsewhere)."""
    from pathlib import PurePosixPath

    if not isinstance(rel, str) or not rel or "\\" in rel or ":" in rel:
        return False
    p = PurePosixPath(rel)
    return not p.is_absolute() and ".." not in p.parts


def _section_from_doc(doc: Any) -> tuple[PageSection, dict[str, Any]] | None:
    """The PageSection (and context entries) of a cached document, or None if malformed."""
    try:
        d = dict(doc["section"])
        d["blocks"] = [Block(**b) for b in d.get("blocks", [])]
        sec = PageSection(**d)
        extra = dict(doc.get("context", {}))
    except (TypeError, KeyError, ValueError):
        return None
    if not all(isinstance(x, str) for x in sec.files):
        return None
    return sec, extra


def run_section(
    key: str,
    builder: Callable[[ReportContext], PageSection],
    ctx: ReportContext,
    cache: Any = None,
) -> PageSection:
    """:func:`run_builder` through a :class:`govtext.cache.ResultCache`.

    The key is :meth:`ReportContext.section_key` (every report's text and metadata, every
    option, the tokenizer configuration, govtext's code and the library versions). On a
    hit the section's files are written back byte for byte and the builder is not run; on
    a miss the builder runs and the section, the files it wrote and the context entries
    it set are stored. Sections that failed are never stored.
    """
    import dataclasses

    if cache is None:
        ctx.stats["sections_computed"] += 1
        return run_builder(key, builder, ctx)
    skey = ctx.section_key(key)
    got = cache.get(skey)
    if got is not None:
        doc, blobs = got
        restored = _section_from_doc(doc)
        if restored is not None and all(_safe_rel(rel) for rel in blobs):
            sec, extra = restored
            for rel, data in sorted(blobs.items()):
                atomic_write_bytes(ctx.out / rel, data)
            ctx.cache.update(extra)
            ctx.stats["sections_reused"] += 1
            return sec
    before = _snapshot(ctx.out)
    seen = {k: json.dumps(v, sort_keys=True, default=str) for k, v in ctx.cache.items()}
    sec = run_builder(key, builder, ctx)
    ctx.stats["sections_computed"] += 1
    if sec.status == "error":
        return sec
    after = _snapshot(ctx.out)
    written = {rel for rel, st in after.items() if before.get(rel) != st}
    written.update(f for f in sec.files if f in after)
    written.update(b.src for b in sec.blocks if b.src in after)
    extra = {
        k: v
        for k, v in ctx.cache.items()
        if json.dumps(v, sort_keys=True, default=str) != seen.get(k)
    }
    doc = {"section": dataclasses.asdict(sec), "context": extra}
    try:
        json.dumps(doc)
    except (TypeError, ValueError):  # not JSON-able: computed again next time
        return sec
    blobs = {rel: (ctx.out / rel).read_bytes() for rel in sorted(written)}
    cache.put(skey, doc, blobs)
    return sec
