"""Rendering ``index.html`` and ``report.json`` from the sections."""

from __future__ import annotations

import json
from pathlib import Path

from govtext._runtime.files import atomic_write_text
from govtext.report.blocks import PageSection, _is_missing
from govtext.report.context import ReportContext
from govtext.report.fonts import font_face_css, page_characters
from govtext.report.sections.explorer import page_assets


# -------------------------------------------------------------------------- the page
def render_page(
    ctx: ReportContext, sections: list[PageSection], *, title: str | None = None
) -> Path:
    """Render ``index.html`` from the sections with the jinja2 template (autoescaped)."""
    import jinja2
    import markupsafe

    from govtext._version import __version__

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("govtext.report", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    tpl = env.get_template("report.html.j2")
    meta = ctx.corpus.meta
    years = sorted({int(y) for y in meta["year"].dropna()}) if "year" in meta else []
    summary = {
        "n_reports": len(ctx.corpus),
        "years": f"{years[0]}–{years[-1]}" if years else "unknown",
        "n_regions": int(meta["region"].nunique()) if "region" in meta else 0,
        "levels": "、".join(sorted({str(v) for v in meta.get("level", []) if not _is_missing(v)})),
        "n_terms": ctx.n_terms,
        "by": ctx.by,
        "random_state": ctx.random_state,
    }
    assets = page_assets()
    page = dict(
        title=title or "govtext report: comparison of government work reports",
        sections=sections,
        summary=summary,
        version=__version__,
        assets_css=markupsafe.Markup(assets["css"]),  # govtext/report/assets (package files)
        assets_js=markupsafe.Markup(assets["js"]),
    )
    # the page carries the glyphs it shows (govtext.report.fonts): render once to know
    # the characters, then again with the @font-face of their subset
    shown = page_characters(tpl.render(font_face="", **page))
    font_css = font_face_css(shown, parallel=_can_fork(ctx))
    html = tpl.render(font_face=markupsafe.Markup(font_css), **page)
    if any(rel.startswith("texts/") for rel in ctx.written):  # the explorer's text pages
        ctx.write_file("texts/font.css", font_css)  # the same font, one copy; never via a link
    manifest = {
        "dictionary_terms_not_found": ctx.cache.get("dictionary_missing", []),
        "govtext_version": __version__,
        "by": ctx.by,
        "random_state": ctx.random_state,
        "reports": ctx.docs,
        "sections": {
            s.key: {"status": s.status, "produced_by": s.produced_by, "files": s.files}
            for s in sections
        },
    }
    atomic_write_text(
        ctx.out / "report.json",
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
    )
    return atomic_write_text(ctx.out / "index.html", html)


def _can_fork(ctx: ReportContext) -> bool:
    """Whether the font's slices may be made in forked processes: two or more jobs, and
    no dask Client (or other threads) in use (:func:`govtext.report.lanes.fork_safe`)."""
    from govtext._runtime.parallel import effective_jobs
    from govtext.report.lanes import fork_safe

    return effective_jobs(ctx.n_jobs) > 1 and fork_safe(ctx)
