"""Report sections through the result cache: a hit writes the section's files back byte
for byte without running its builder.

A cached section is checked before it is used: every field of every block has its type,
every link of the page is a file of ``data/``, ``fig/`` or ``network/`` that the entry
itself restores (or an earlier section wrote), and no file outside those folders is ever
written. Anything else is a miss: the section is computed again and the entry rewritten.
"""

from __future__ import annotations

import dataclasses
import json
import warnings
from collections.abc import Callable
from typing import Any

from govtext.errors import GovtextError
from govtext.report.blocks import Block, PageSection
from govtext.report.context import ReportContext, page_link, safe_rel
from govtext.report.sections import run_builder
from govtext.report.sections.explorer import explorer_links, is_text_file

__all__ = ["run_section", "SectionError", "check_links"]

BLOCK_KINDS = ("table", "figure", "text", "note", "heading", "explorer")
STATUSES = ("ok", "unavailable", "error")


class SectionError(GovtextError):
    """A section of the report could not be built (and ``keep_going`` is false)."""


def _safe_rel(rel: Any) -> bool:
    """A relative path inside the output folder (a cache entry can never write elsewhere)."""
    return safe_rel(rel)


def _is_str_list(x: Any) -> bool:
    return isinstance(x, list) and all(isinstance(v, str) for v in x)


def _field_ok(value: Any, default: Any) -> bool:
    """``value`` has the type of the field whose default is ``default``."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if isinstance(default, str):
        return isinstance(value, str)
    return True  # lists: checked by the caller


def _block_ok(b: Block) -> bool:
    defaults = Block("x")
    if b.kind not in BLOCK_KINDS:
        return False
    for f in dataclasses.fields(Block):
        if f.name in ("columns", "rows"):
            continue
        if not _field_ok(getattr(b, f.name), getattr(defaults, f.name)):
            return False
    return _is_str_list(b.columns) and isinstance(b.rows, list) and all(map(_is_str_list, b.rows))


def _section_from_doc(
    doc: Any, key: str | None = None
) -> tuple[PageSection, dict[str, Any]] | None:
    """The PageSection (and context entries) of a cached document, or None if malformed
    (a missing or unknown field, a field of the wrong type, another section's key)."""
    try:
        d = dict(doc["section"])
        if not isinstance(d.get("blocks", []), list):
            return None
        d["blocks"] = [Block(**b) for b in d.get("blocks", [])]
        sec = PageSection(**d)
        extra = dict(doc.get("context", {}))
    except (TypeError, KeyError, ValueError, AttributeError):
        return None
    for name in ("key", "title", "how", "produced_by", "note"):
        if not isinstance(getattr(sec, name), str):
            return None
    if sec.status not in STATUSES or not _is_str_list(sec.files):
        return None
    if key is not None and sec.key != key:
        return None
    if not all(_block_ok(b) for b in sec.blocks):
        return None
    return sec, extra


def section_links(sec: PageSection) -> list[str]:
    """Every ``href``/``src`` of the section's part of the page (files of the folder)."""
    links = list(sec.files)
    for b in sec.blocks:
        links += [x for x in (b.src, b.data) if x]
    return links


def check_links(sections: list[PageSection], ctx: ReportContext) -> None:
    """Drop, with a warning, any link of the page that is not a file this run wrote into
    ``data/``, ``fig/`` or ``network/`` (checked again right before rendering)."""
    written = set(ctx.written)

    def ok(rel: str) -> bool:
        return page_link(rel) and rel in written

    for sec in sections:
        bad = [x for x in section_links(sec) if not ok(x)]
        if not bad:
            continue
        warnings.warn(
            f"section {sec.key!r}: link(s) {', '.join(map(repr, bad))} not written by this "
            "report; left out of the page",
            stacklevel=2,
        )
        sec.files = [f for f in sec.files if ok(f)]
        for b in sec.blocks:
            b.src = b.src if not b.src or ok(b.src) else ""
            b.data = b.data if not b.data or ok(b.data) else ""
            if b.kind == "figure" and not b.src:
                b.kind = "note"
                b.text = b.caption


def _blob_ok(rel: Any, data: Any) -> bool:
    """A file a cache entry may write back: one the page links to, or a report text of
    the term explorer exactly as the explorer writes it (checked by parsing it)."""
    if not isinstance(data, bytes):
        return False
    if isinstance(rel, str) and rel.startswith("texts/") and rel.count("/") == 1:
        return safe_rel(rel) and is_text_file(rel, data)
    return page_link(rel)


def _restore(key: str, got: Any, ctx: ReportContext) -> PageSection | None:
    """Write a cached section's files back and return it; None when the entry is unusable."""
    try:
        doc, blobs = got
    except (TypeError, ValueError):
        return None
    restored = _section_from_doc(doc, key)
    if restored is None or not isinstance(blobs, dict):
        return None
    if not all(_blob_ok(rel, data) for rel, data in blobs.items()):
        return None
    sec, extra = restored
    known = set(blobs) | set(ctx.written)
    if not all(page_link(x) and x in known for x in section_links(sec)):
        return None
    for b in sec.blocks:  # the term explorer's links: report texts this entry restores
        texts = explorer_links(b.text) if b.kind == "explorer" else []
        if texts is None or not all(x in blobs for x in texts):
            return None
    for rel, data in sorted(blobs.items()):
        ctx.write_file(rel, data)
    ctx.cache.update(extra)
    return sec


def run_section(
    key: str,
    builder: Callable[[ReportContext], PageSection],
    ctx: ReportContext,
    cache: Any = None,
    *,
    keep_going: bool = True,
) -> PageSection:
    """:func:`run_builder` through a :class:`govtext.cache.ResultCache`.

    The key is :meth:`ReportContext.section_key` (every report's text and metadata, every
    option, the tokenizer configuration, govtext's code and the library versions). On a
    hit the section's files are written back byte for byte and the builder is not run; on
    a miss (or an entry that fails the checks of this module) the builder runs and the
    section, the files it wrote and the context entries it set are stored. Sections that
    failed are never stored, and the files they wrote are removed.

    Raises
    ------
    SectionError
        The section failed and ``keep_going`` is false (its files are removed first).
    """
    start = len(ctx.written)
    if cache is not None:
        got = cache.get(ctx.section_key(key))
        if got is not None:
            try:
                sec = _restore(key, got, ctx)
            except OSError:  # cannot write it back: the builder runs, and fails as a section
                sec = None
            if sec is not None:
                ctx.stats["sections_reused"] += 1
                return sec
            ctx.discard(start)
    seen = {k: json.dumps(v, sort_keys=True, default=str) for k, v in ctx.cache.items()}
    with warnings.catch_warnings():
        if not keep_going:  # the error says it, in one line
            warnings.filterwarnings("ignore", message=r"govtext report: section .* could not")
        sec = run_builder(key, builder, ctx)
    ctx.stats["sections_computed"] += 1
    if sec.status == "error":
        ctx.discard(start)
        sec.files = []
        sec.blocks = []
        if not keep_going:
            reason = sec.note.removeprefix("This section could not be computed for this corpus ")
            raise SectionError(
                f"section {key!r} failed {reason.strip().rstrip('.')}; no page written "
                "(--keep-going / keep_going=True writes the page without it)"
            )
        return sec
    if cache is None:
        return sec
    written = sorted(set(ctx.written[start:]))
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
    blobs = {rel: (ctx.out / rel).read_bytes() for rel in written}
    cache.put(ctx.section_key(key), doc, blobs)
    return sec
