"""Figures with Chinese labels (``plot`` extra: matplotlib + the Noto Sans CJK font).

Use :func:`pyplot` to get ``matplotlib.pyplot`` configured with a CJK font on the Agg
backend, and :func:`save` to write a figure atomically and deterministically (no
timestamps in PNG/SVG metadata), so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["pyplot", "cjk_font_name", "save"]


@lru_cache(maxsize=1)
def cjk_font_name() -> str:
    """Register the packaged Noto Sans CJK font with matplotlib and return its family name.

    Raises
    ------
    MissingExtraError
        If matplotlib or the font package (``plot`` extra) is missing.
    """
    from .errors import MissingExtraError, require

    require("matplotlib", "plot", "drawing figures")
    from matplotlib import font_manager as fm

    try:
        import noto_cjk_sans_otc

        font_file = str(noto_cjk_sans_otc.FONT_PATH)
    except ImportError:
        raise MissingExtraError(
            "figures with Chinese labels need the font package 'noto-cjk-sans-otc'; "
            "install it with: pip install 'govtext[plot]'"
        ) from None
    fm.fontManager.addfont(font_file)
    return "Noto Sans CJK SC"


def pyplot() -> Any:
    """``matplotlib.pyplot`` on the Agg backend with the CJK font as default family.

    Examples
    --------
    >>> plt = pyplot()
    >>> plt.rcParams["font.family"]
    ['Noto Sans CJK SC']
    """
    from .errors import require

    matplotlib = require("matplotlib", "plot", "drawing figures")
    if matplotlib.get_backend().lower() != "agg":
        matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    name = cjk_font_name()
    plt.rcParams["font.family"] = [name]
    plt.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "govtext"
    plt.rcParams["svg.fonttype"] = "path"
    return plt


def save(fig: Any, path: str | os.PathLike[str], *, dpi: int = 120) -> Path:
    """Save a figure atomically with reproducible bytes (PNG or SVG by suffix), then close it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> plt = pyplot()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("乡村振兴")
    >>> save(fig, pathlib.Path(tempfile.mkdtemp()) / "a.png").suffix
    '.png'
    """
    from .io import atomic_write_bytes

    p = Path(path)
    fmt = p.suffix.lstrip(".").lower() or "png"
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None} if fmt == "svg" else None
    fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata=metadata)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return atomic_write_bytes(p, buf.getvalue())
