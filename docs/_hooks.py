"""MkDocs hook: show the Sphinx roles used in govtext's docstrings as plain code.

The docstrings are numpy style and cross-reference with Sphinx roles
(``:func:`keyness```, ``:meth:`~govtext.PolicyTokenizer.tokenize```), which mkdocstrings
renders literally as ``:func:<code>keyness</code>``. This drops the role and, for the
``~`` form, keeps only the last component, as Sphinx does.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?:func|meth|class|attr|data|mod|obj|exc|const):<code>(~?)([^<]*)</code>")


def _plain(m: re.Match[str]) -> str:
    target = m.group(2)
    if m.group(1):
        target = target.rsplit(".", 1)[-1]
    return f"<code>{target}</code>"


def on_page_content(html: str, **kwargs: object) -> str:
    return _ROLE.sub(_plain, html)
