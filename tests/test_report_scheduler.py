"""``govtext report`` gives the same bytes in one process, with ``n_jobs`` processes (per-report
steps in workers, sections side by side) and on a dask.distributed cluster (issue 17)."""

from __future__ import annotations

import hashlib
import warnings

import pytest

import govtext as gt
from govtext.cli.main import main

#: six sample reports (a county over three years, another county, two national reports), cut
#: short so that the three builds stay fast; targets vs actuals still pair years
NAMES = [
    "2021_county_河北省保定市顺平县",
    "2022_county_河北省保定市顺平县",
    "2022_county_河北省保定市易县",
    "2023_county_河北省保定市顺平县",
    "2021_national_中国",
    "2022_national_中国",
]


def six() -> gt.Corpus:
    sample = gt.datasets.load_sample()
    return gt.Corpus(
        gt.Report.from_text(sample[n].text[:6000], name=n, meta=dict(sample[n].meta)) for n in NAMES
    )


def files(folder) -> dict[str, bytes]:
    """Every file of an output folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def same_files(a, b) -> None:
    fa, fb = files(a), files(b)
    assert sorted(fa) == sorted(fb)
    differ = [k for k in fa if fa[k] != fb[k]]
    assert differ == []


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    out = tmp_path_factory.mktemp("one") / "out"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gt.build_report(six(), out, progress=False, n_jobs=1, cache_dir=False)
    assert [str(w.message) for w in caught if "could not be built" in str(w.message)] == []
    return out


def test_two_processes_give_the_same_bytes(one_process, tmp_path):
    out = tmp_path / "out"
    stats: dict[str, int] = {}
    gt.build_report(six(), out, progress=False, n_jobs=2, cache_dir=False, stats=stats)
    same_files(one_process, out)
    assert stats["sections_computed"] == 10  # every section came back from its lane
    assert "indicators.csv" in {p.name for p in (out / "data").iterdir()}


def test_local_cluster_gives_the_same_bytes_and_the_caches_work(one_process, tmp_path):
    distributed = pytest.importorskip("dask.distributed")  # the dask extra is in CI
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster) as client:
            cold: dict[str, int] = {}
            gt.build_report(  # per-report steps on the cluster, sections in two lanes here
                six(), tmp_path / "a", progress=False, scheduler=client, n_jobs=2,
                cache_dir=tmp_path / "cache", stats=cold,
            )  # fmt: skip
            warm: dict[str, int] = {}
            gt.build_report(
                six(), tmp_path / "b", progress=False, scheduler=client,
                cache_dir=tmp_path / "cache", stats=warm,
            )  # fmt: skip
            # an address works as well as a Client (a Client of its own, closed after)
            gt.build_report(
                six()[:2], tmp_path / "c", progress=False, scheduler=cluster.scheduler_address,
                cache_dir=False,
            )  # fmt: skip
            assert client.status == "running"
    same_files(one_process, tmp_path / "a")
    same_files(one_process, tmp_path / "b")
    assert cold["token_misses"] == len(NAMES) and cold["sections_computed"] == 10
    assert warm["sections_reused"] == 10 and warm["sections_computed"] == 0
    assert (tmp_path / "c" / "index.html").is_file()


def test_an_address_alone_gives_the_same_bytes(one_process, tmp_path):
    """Only the address: the Client govtext makes is not the process's default one (no
    other Client exists here), as with ``govtext report --scheduler ADDRESS``."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        gt.build_report(
            six(), tmp_path / "a", progress=False, scheduler=cluster.scheduler_address,
            cache_dir=False,
        )  # fmt: skip
    same_files(one_process, tmp_path / "a")


def test_reading_on_a_cluster_gives_the_same_corpus(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    src = gt.datasets.sample_path()
    (tmp_path / "bad.txt").write_bytes(b"")
    here = gt.load_corpus(src)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as cluster:
        with distributed.Client(cluster) as client:
            there = gt.load_corpus(src, client=client)
            with pytest.raises(gt.InputError, match="bad.txt"):
                gt.load_corpus([src, tmp_path / "bad.txt"], client=client)
            with pytest.warns(UserWarning, match="skipped 1 bad file"):
                kept = gt.load_corpus([src, tmp_path / "bad.txt"], client=client, on_error="skip")
    assert there.names == here.names and there.texts == here.texts
    assert there.meta.equals(here.meta)
    assert kept.names == here.names and len(kept.skipped) == 1


def test_unreachable_scheduler_is_one_clear_error(tmp_path, capsys):
    pytest.importorskip("dask.distributed")
    with pytest.raises(gt.InputError, match=r"scheduler: cannot reach .*tcp://127\.0\.0\.1:9"):
        gt.build_report(six()[:2], tmp_path / "o", progress=False, scheduler="tcp://127.0.0.1:9")
    assert not (tmp_path / "o").exists()  # refused before the output folder was made
    code = main(["report", "--sample", "-o", str(tmp_path / "p"), "--quiet",
                 "--scheduler", "tcp://127.0.0.1:9"])  # fmt: skip
    err = capsys.readouterr().err
    assert code != 0
    assert "--scheduler: cannot reach the dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err and not (tmp_path / "p").exists()


def test_missing_dask_names_the_extra(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails
    with pytest.raises(gt.MissingExtraError, match=r"govtext\[dask\]"):
        gt.build_report(six()[:2], tmp_path / "o", progress=False, scheduler="tcp://x:1")


def test_a_failing_section_leaves_what_one_process_leaves(tmp_path, monkeypatch):
    """keep_going=False: the first failing section in page order stops the run, and the
    files of the sections after it (built meanwhile in another lane) are removed."""
    import govtext.report.build as build
    from govtext.report.cache import SectionError
    from govtext.report.sections import SECTION_BUILDERS

    def broken(ctx):
        raise ValueError("broken on purpose")

    patched = [(k, broken if k == "topics" else b) for k, b in SECTION_BUILDERS]
    monkeypatch.setattr("govtext.report.sections.SECTION_BUILDERS", patched)
    left = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        with pytest.raises(SectionError, match="topics"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            build.build_report(six()[:3], out, progress=False, n_jobs=jobs, cache_dir=False)
        left[jobs] = {k: hashlib.sha256(v).hexdigest() for k, v in files(out).items()}
    assert left[1] == left[2]
    assert "index.html" not in left[2] and "data/keywords.csv" in left[2]
    assert not any(k.startswith("network/") for k in left[2])  # network comes after topics


def test_keep_going_in_lanes_marks_the_failed_sections_and_warns(tmp_path, monkeypatch):
    """keep_going=True with two lanes: every failing section (whichever process built it)
    is marked failed on the page, warned about once, and the rest is as in one process."""
    import govtext.report.build as build
    from govtext.report.sections import SECTION_BUILDERS

    def broken(ctx):
        raise ValueError("broken on purpose")

    failing = {"topics", "network"}  # built in different lanes
    patched = [(k, broken if k in failing else b) for k, b in SECTION_BUILDERS]
    monkeypatch.setattr("govtext.report.sections.SECTION_BUILDERS", patched)
    got = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            build.build_report(
                six()[:3], out, progress=False, n_jobs=jobs, cache_dir=False, keep_going=True
            )
        said = sorted(str(w.message) for w in caught if "could not be built" in str(w.message))
        got[jobs] = (files(out), said)
    assert got[1][1] == got[2][1] and len(got[2][1]) == 2
    assert got[1][0] == got[2][0]  # the same files, the same bytes
    html = got[2][0]["index.html"].decode("utf-8")
    assert html.count('class="status-error"') == 2
