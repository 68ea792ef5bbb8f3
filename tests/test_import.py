"""`import govtext` stays light: no jieba dictionary, pandas, scikit-learn or matplotlib."""

from __future__ import annotations

import subprocess
import sys


def test_import_loads_no_heavy_module():
    code = (
        "import sys, govtext\n"
        "heavy = [m for m in ('jieba', 'pandas', 'sklearn', 'matplotlib', 'scipy', 'networkx') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_public_names_resolve_lazily():
    code = (
        "import sys, govtext as gt\n"
        "assert callable(gt.normalize) and callable(gt.load_corpus)\n"
        "assert 'pandas' not in sys.modules\n"
        "gt.PolicyTokenizer\n"
        "assert 'jieba' not in sys.modules  # the class is defined without importing jieba\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_unknown_attribute_raises():
    import pytest

    import govtext

    with pytest.raises(AttributeError, match="no_such_thing"):
        govtext.no_such_thing  # noqa: B018


def test_every_public_name_resolves():
    import govtext as gt

    missing = []
    for name in gt._LAZY:
        try:
            getattr(gt, name)
        except (AttributeError, ImportError) as exc:
            missing.append(f"{name}: {exc}")
    assert missing == []
    assert set(gt._LAZY) <= set(gt.__all__)
