"""Hostile inputs: each is handled, or refused with one clear govtext error naming the file."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

import govtext as gt
from govtext.errors import DecodeError, EmptyReportError, GovtextError, InputError

TEXT = "政府工作报告\n各位代表：\n全面推进乡村振兴，一般公共预算收入增长7%左右。\n"


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_empty_file(tmp_path):
    p = _write(tmp_path, "2023_county_甲县.txt", b"")
    with pytest.raises(EmptyReportError, match=r"2023_county_甲县\.txt.*empty"):
        gt.load_corpus(p)


def test_whitespace_only(tmp_path):
    p = _write(tmp_path, "blank.txt", " \n\t\r\n\u3000".encode())
    with pytest.raises(EmptyReportError, match=r"blank\.txt.*whitespace"):
        gt.load_corpus(p)


def test_pdf_renamed_txt(tmp_path):
    p = _write(tmp_path, "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(DecodeError, match=r"report\.txt.*PDF"):
        gt.load_corpus(p)


def test_zip_renamed_txt(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", TEXT)
    p = _write(tmp_path, "report.txt", buf.getvalue())
    with pytest.raises(DecodeError, match=r"report\.txt.*ZIP"):
        gt.load_corpus(p)


def test_random_binary(tmp_path):
    p = _write(tmp_path, "noise.txt", bytes(range(256)) * 8)
    with pytest.raises(DecodeError, match=r"noise\.txt"):
        gt.load_corpus(p)


def test_undecodable_names_encodings_tried(tmp_path):
    p = _write(tmp_path, "bad.txt", "各位代表".encode("gb18030") + b"\xff\xff\xff" + b"\x81")
    with pytest.raises(DecodeError) as ei:
        gt.load_corpus(p)
    msg = str(ei.value)
    assert "bad.txt" in msg and "utf-8" in msg and "gb18030" in msg


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_encodings_detected(tmp_path, encoding, bom):
    text = TEXT + "𠀀" if encoding in ("gb18030", "utf-8", "utf-16-le", "utf-16-be") else TEXT
    p = _write(tmp_path, "r.txt", bom + text.encode(encoding))
    r = gt.load_corpus(p)[0]
    assert r.text == text


def test_mixed_line_endings(tmp_path):
    p = _write(tmp_path, "r.txt", "甲\r\n乙\r丙\n丁".encode())
    r = gt.load_corpus(p)[0]
    assert r.text == "甲\r\n乙\r丙\n丁"  # kept as read ...
    assert r.normalized == "甲\n乙\n丙\n丁"  # ... and unified for analysis
    assert gt.PolicyTokenizer().cut(r.text)[-1] == "丁"


def test_50mb_file(tmp_path):
    para = ("全面推进乡村振兴，一般公共预算收入增长7%左右，新增就业1302人。" * 20 + "\n").encode()
    data = para * (50_000_000 // len(para) + 1)
    p = _write(tmp_path, "big.txt", data)
    r = gt.load_corpus(p)[0]
    assert len(r.text.encode()) == len(data)


def test_html_page(tmp_path):
    html = "<!DOCTYPE html><html><head><title>报告</title><script>alert(1)</script></head><body><p>各位代表：</p><p>推进乡村振兴&amp;营商环境</p></body></html>"
    p = _write(tmp_path, "page.html", html.encode())
    r = gt.load_corpus(p)[0]
    assert "alert" not in r.text and "<p>" not in r.text
    assert "推进乡村振兴&营商环境" in r.text and r.meta["encoding"].endswith("+html")


def test_traditional_chinese(tmp_path):
    p = _write(tmp_path, "r.txt", "政府工作報告\n各位代表：全面推進鄉村振興。".encode("big5"))
    r = gt.load_corpus(p, clean=False)[0]  # decoded as it is (Big5)
    assert "鄉村振興" in r.text
    assert "乡村振兴" in gt.PolicyTokenizer(simplify=True).cut(r.text)
    # by default (clean="auto") the loader converts traditional script to simplified
    assert "乡村振兴" in gt.load_corpus(p)[0].text


def test_csv_missing_text_column(tmp_path):
    p = _write(tmp_path, "t.csv", "name,body\na,各位代表\n".encode())
    with pytest.raises(InputError) as ei:
        gt.load_corpus(p)
    assert "t.csv" in str(ei.value) and "'text'" in str(ei.value) and "body" in str(ei.value)


def test_jsonl_broken_line(tmp_path):
    p = _write(tmp_path, "t.jsonl", '{"text": "各位代表"}\n{"text": "broken\n'.encode())
    with pytest.raises(InputError, match=r"t\.jsonl: line 2"):
        gt.load_corpus(p)


def test_same_file_name_in_two_folders(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "2022_county_甲县.txt").write_text(TEXT + d, encoding="utf-8")
    c = gt.load_corpus(tmp_path)
    assert len(c) == 2 and len(set(c.names)) == 2
    assert {r.text[-1] for r in c} == {"a", "b"}  # nothing lost
    assert all(r.meta["year"] == 2022 for r in c)


def test_unreadable_file(tmp_path, monkeypatch):
    p = _write(tmp_path, "locked.txt", TEXT.encode())
    from pathlib import Path

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(InputError, match=r"locked\.txt: permission denied"):
        gt.load_corpus(p)


def test_dangling_symlink(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="gone.txt"):
        gt.load_corpus(link)


def test_directory_with_no_reports(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="holds no report files"):
        gt.load_corpus(tmp_path)


def test_missing_path_and_empty_glob(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        gt.load_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match="matches no file"):
        gt.load_corpus(str(tmp_path / "*.txt"))


def test_all_errors_share_one_base_class():
    for cls in (DecodeError, EmptyReportError, InputError):
        assert issubclass(cls, GovtextError)


def test_inputs_never_written(tmp_path):
    import hashlib

    p = _write(tmp_path, "2022_county_甲县.txt", TEXT.encode("gb18030"))
    before = hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns
    c = gt.load_corpus(tmp_path)
    gt.dtm(c)
    after = hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns
    assert before == after


def test_atomic_write_gives_usual_file_mode(tmp_path):
    import os
    import stat

    from govtext._runtime.files import atomic_write_text

    p = atomic_write_text(tmp_path / "out.csv", "a,b\n")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask
    assert [f.name for f in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


# ------------------------------------------------------------------------------------------
# issue 16, the output side: outputs that cannot clobber. Each test below failed before
# the fix it names (govtext/report/{build,context,cache}.py, govtext/cli/).
# ------------------------------------------------------------------------------------------
import csv  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

from govtext.cli.main import main  # noqa: E402
from govtext.corpus.checks import OUTPUT_MARKER  # noqa: E402
from govtext.report.context import file_slugs, page_link  # noqa: E402

LOOK_ALIKE = ["甲 县", "甲'县", "甲_县"]
COUNTIES = [
    "2021_county_河北省保定市顺平县",
    "2022_county_河北省保定市易县",
    "2023_county_河北省保定市顺平县",
]
HEADER_2023 = "——2023年1月12日在丙县第十七届人民代表大会第二次会议上\n各位代表：\n"
TRIGGERS = ("=", "+", "-", "@")
TARGETS = (
    "\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%左右。\n"
)


def _texts(n: int = 3, chars: int = 1800) -> list[str]:
    sample = gt.datasets.load_sample()
    return [sample[name].text[:chars] for name in COUNTIES[:n]]


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rc = main([str(a) for a in argv])
    got = capsys.readouterr()
    return rc, got.out, got.err


def _hostile_input(folder: Path) -> Path:
    """A folder of hostile reports: look-alike regions, formula-like cells, a lone
    surrogate (valid JSON), an empty file, a file name whose year the header contradicts.
    (A folder is searched for text files: give ``reports.jsonl`` as well.)"""
    folder.mkdir(parents=True)
    texts = _texts()
    rows = [
        {"name": "2022_甲 县", "region": LOOK_ALIKE[0], "year": 2022, "text": texts[0]},
        {"name": "2022_甲'县", "region": LOOK_ALIKE[1], "year": 2022, "text": texts[1]},
        {
            "name": '=HYPERLINK("http://example.com")',
            "region": LOOK_ALIKE[2],
            "year": 2023,
            "speaker": "@SUM(1+1)",
            "text": texts[2][:900] + "乡村\ud800振兴" + texts[2][900:],
        },
    ]
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "9999_county_丙县.txt").write_text(HEADER_2023 + texts[0], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One ``govtext report --skip-bad --by region`` run on the hostile folder, into an
    output folder whose ``data`` is a symbolic link to another folder."""
    root = tmp_path_factory.mktemp("hostile")
    src = _hostile_input(root / "in")
    victim = root / "victim"
    victim.mkdir()
    (victim / "keywords.csv").write_bytes(b"precious")
    out = root / "out"
    out.mkdir()
    (out / "data").symlink_to(victim, target_is_directory=True)
    argv = [
        "report",
        src,
        src / "reports.jsonl",
        "-o",
        out,
        "--force",
        "--no-cache",
        "-q",
        "--by",
        "region",
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rc = main([str(a) for a in [*argv, "--skip-bad"]])
    return {"root": root, "out": out, "victim": victim, "rc": rc, "warnings": caught}


def _page(out: Path) -> str:
    return (out / "index.html").read_text(encoding="utf-8")


def test_hostile_report_runs_to_the_end(hostile):
    assert hostile["rc"] == 0
    assert (hostile["out"] / "index.html").is_file()


def test_symlinked_data_folder_is_replaced_never_followed(hostile):
    out, victim = hostile["out"], hostile["victim"]
    assert [p.name for p in victim.iterdir()] == ["keywords.csv"]
    assert (victim / "keywords.csv").read_bytes() == b"precious"
    assert not (out / "data").is_symlink() and (out / "data" / "keywords.csv").is_file()
    said = [str(w.message) for w in hostile["warnings"]]
    assert any("symbolic link" in m and "data" in m for m in said)


def test_look_alike_regions_get_distinct_files_and_captions_name_their_file(hostile):
    out = hostile["out"]
    slugs = file_slugs([*LOOK_ALIKE, "丙县"])
    assert len(set(slugs.values())) == 4
    gexf = sorted(p.name for p in (out / "network").glob("region_*.gexf"))
    assert gexf == sorted(f"region_{s}.gexf" for s in slugs.values())
    figures = re.findall(
        r'<img src="([^"]+)"[^>]*><figcaption>region = ([^:<]+): .*?<a href="([^"]+)">data',
        _page(out),
    )
    import html

    shown = {html.unescape(region): (src, data) for src, region, data in figures}
    for region in LOOK_ALIKE:
        s = slugs[region]
        assert shown[region] == (f"fig/network_region_{s}.png", f"network/region_{s}.gexf")
    assert len({hashlib_of(out / d) for _, d in shown.values()}) == len(shown)


def hashlib_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_file_slugs_are_collision_free_and_order_free():
    a = file_slugs([*LOOK_ALIKE, "A县", "a县", 2023])
    b = file_slugs(list(reversed([*LOOK_ALIKE, "A县", "a县", 2023])))
    assert a == b and a[2023] == "2023"
    assert len({s.casefold() for s in a.values()}) == len(a)  # case-insensitive file systems


def test_report_csv_cells_are_escaped_for_spreadsheets(hostile):
    text = (hostile["out"] / "data" / "overview.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(1+1)" in text
    for row in csv.reader(text.splitlines()):
        for cell in row:
            assert not cell.startswith(TRIGGERS) or re.fullmatch(r"[-+]?[\d.]+%?", cell), cell


def test_skip_bad_lists_bad_files_in_one_warning_and_in_the_overview(hostile):
    said = [str(w.message) for w in hostile["warnings"] if "skipped" in str(w.message)]
    assert len(said) == 1 and "skipped 1 bad file" in said[0] and "empty.txt" in said[0]
    page = _page(hostile["out"])
    assert "bad file(s) skipped (--skip-bad)" in page and "empty.txt" in page


def test_skip_bad_is_not_the_default(tmp_path, capsys):
    src = _hostile_input(tmp_path / "in")
    rc, _, err = _cli(
        capsys, "report", src, src / "reports.jsonl", "-o", tmp_path / "out", "--no-cache", "-q"
    )
    assert rc == 2 and "empty.txt" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "index.html").exists()


def test_overview_says_when_the_header_year_overrode_the_file_name(hostile):
    text = (hostile["out"] / "data" / "overview.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    row = next(r for r in rows if r["name"].startswith("9999"))
    assert row["year"] == "2023" and "header used" in row["year_note"]


def test_every_link_of_the_page_is_a_file_the_report_wrote(hostile):
    out = hostile["out"]
    links = re.findall(r'(?:href|src)="([^"#][^"]*)"', _page(out))
    assert links
    for link in links:
        assert page_link(link) and (out / link).is_file(), link


def test_output_folder_is_marked(hostile):
    assert (hostile["out"] / OUTPUT_MARKER).is_file()


def _small_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in zip(COUNTIES, _texts()):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_output_folder_inside_the_input_folder_is_never_read_back(tmp_path, capsys):
    src = _small_folder(tmp_path / "in")
    cache = tmp_path / "cache"
    for extra in ([], ["--force"]):
        rc, _, err = _cli(
            capsys, "report", src, "-o", src / "out", "--cache-dir", cache, "-q", *extra
        )
        assert rc == 0, err
        rows = (src / "out" / "data" / "overview.csv").read_text(encoding="utf-8").splitlines()
        assert len(rows) == 1 + len(COUNTIES)
    assert len(gt.load_corpus(src)) == len(COUNTIES)


def test_output_folder_holding_the_input_is_refused(tmp_path, capsys):
    src = _small_folder(tmp_path / "in")
    rc, _, err = _cli(capsys, "report", src, "-o", tmp_path, "--force", "--no-cache")
    assert rc == 2 and "-o/--output" in err and "holds the input" in err


def test_output_folder_holding_a_glob_of_inputs_is_refused(tmp_path, capsys):
    src = _small_folder(tmp_path / "in")
    before = sorted(p.name for p in src.iterdir())
    for out in (src, tmp_path):  # the folder the glob matches in, and a folder above it
        rc, _, err = _cli(capsys, "report", f"{src}/*.txt", "-o", out, "--force", "--no-cache")
        assert rc == 2 and "-o/--output" in err and "holds the input" in err
    assert sorted(p.name for p in src.iterdir()) == before  # nothing written beside them
    rc, _, err = _cli(capsys, "report", f"{src}/*.txt", "-o", src / "out", "-q", "--no-cache")
    assert rc == 0, err  # a new folder inside is fine: it is marked and never read back


def _data_is_a_file(tmp_path: Path) -> Path:
    """An output folder where data/ cannot be written, whoever runs the test (root too)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "data").write_text("not a folder", encoding="utf-8")
    return out


def test_failed_section_fails_the_run_and_writes_no_page(tmp_path, capsys):
    src = _small_folder(tmp_path / "in")
    out = _data_is_a_file(tmp_path)
    rc, _, err = _cli(capsys, "report", src, "-o", out, "--force", "--no-cache", "-q")
    assert rc != 0
    assert len(err.strip().splitlines()) == 1 and "section 'overview' failed" in err
    assert "--keep-going" in err
    assert not (out / "index.html").exists()
    assert not (out / "fig").exists() or not any((out / "fig").iterdir())


def test_keep_going_writes_the_page_and_failed_sections_leave_no_files(tmp_path, capsys):
    src = _small_folder(tmp_path / "in")
    out = _data_is_a_file(tmp_path)
    rc, _, _ = _cli(capsys, "report", src, "-o", out, "--force", "--no-cache", "-q", "--keep-going")
    assert rc == 0 and (out / "index.html").is_file()
    manifest = json.loads((out / "report.json").read_text(encoding="utf-8"))
    failed = [k for k, s in manifest["sections"].items() if s["status"] == "error"]
    assert "network" in failed and "overview" in failed
    for sub in ("fig", "network"):  # the network section wrote GEXF files before it failed
        assert not (out / sub).exists() or not any((out / sub).iterdir()), sub
    assert not list(out.rglob("*.tmp"))


def _unprivileged(argv: list) -> tuple[int, str]:
    """``main(argv)`` run where file modes count: as the current user, or, when the tests
    run as root (root ignores modes), in a forked child that drops to user ``nobody``
    (65534) - modules are already imported, so nothing has to be read from root's folders.
    Returns the exit code and stderr."""
    import contextlib
    import io

    def call() -> tuple[int, str]:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rc = main([str(a) for a in argv])
        return rc, err.getvalue()

    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return call()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            os.setgid(65534)
            os.setuid(65534)
            got = call()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            got = (-1, f"child raised {exc!r}")
        os.write(w, json.dumps(got).encode("utf-8"))
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    rc, err = json.loads(data.decode("utf-8"))
    return rc, err


def _open_to_all(*paths: Path) -> None:
    for p in paths:
        os.chmod(p, 0o777)
        for q in p.rglob("*"):
            os.chmod(q, 0o777 if q.is_dir() else 0o666)


@pytest.fixture
def open_tmp():
    """A folder under the system temporary folder that user ``nobody`` can reach (pytest's
    own temporary folders are private to the user running the tests)."""
    import shutil
    import tempfile

    d = Path(tempfile.mkdtemp(prefix="govtext-hostile-"))
    os.chmod(d, 0o777)
    yield d
    for q in [d, *d.rglob("*")]:
        if q.is_dir() and not q.is_symlink():
            os.chmod(q, 0o777)
    shutil.rmtree(d, ignore_errors=True)


def test_read_only_data_folder_fails_the_run(open_tmp, capsys):
    tmp_path = open_tmp
    src = _small_folder(tmp_path / "in")
    # a first run imports every module the report needs (the child cannot import more)
    rc, _, err = _cli(capsys, "report", src, "-o", tmp_path / "warm", "--no-cache", "-q")
    assert rc == 0, err
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    _open_to_all(tmp_path)
    os.chmod(out / "data", 0o555)
    rc, err = _unprivileged(["report", src, "-o", out, "--force", "--no-cache", "-q"])
    assert rc == 2, err
    line = err.strip()
    assert len(line.splitlines()) == 1 and "section 'overview' failed" in line
    assert "Permission denied" in line and "--keep-going" in line
    assert not (out / "index.html").exists()
    rc, err = _unprivileged(
        ["report", src, "-o", out, "--force", "--no-cache", "-q", "--keep-going"]
    )
    assert rc == 0 and (out / "index.html").is_file(), err
    assert not list((out / "data").iterdir())
    assert not (out / "network").exists() or not list((out / "network").iterdir())


def test_unwritable_output_folder_is_found_before_any_analysis(tmp_path, capsys, monkeypatch):
    import govtext.corpus.loading as loading

    def no_loading(*a, **k):
        raise AssertionError("the corpus was loaded before the output folder was checked")

    monkeypatch.setattr(loading, "load_corpus", no_loading)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    rc, _, err = _cli(capsys, "report", "--sample", "-o", blocker / "out", "--no-cache")
    assert rc == 2 and err.startswith("govtext report: error: -o/--output: cannot create")
    assert str(blocker / "out") in err


def test_read_only_output_folder_is_named_not_a_temp_file(open_tmp):
    tmp_path = open_tmp
    out = tmp_path / "out"
    out.mkdir()
    _open_to_all(tmp_path)
    os.chmod(out, 0o555)
    rc, err = _unprivileged(["report", "--sample", "-o", out, "--force", "--no-cache"])
    assert rc == 2
    line = err.strip()
    assert "-o/--output: cannot write into the output folder" in line and str(out) in line
    assert ".tmp" not in line and "probe" not in line and len(line.splitlines()) == 1


def test_output_on_a_dangling_symlink_names_the_option(tmp_path, capsys):
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone")
    rc, _, err = _cli(capsys, "report", "--sample", "-o", link, "--no-cache")
    assert rc == 2 and "-o/--output" in err and "does not exist" in err
    assert "File exists" not in err


@pytest.mark.parametrize("command", ["report", "keywords"])
def test_cache_dir_on_a_file_names_the_option(tmp_path, capsys, command):
    f = tmp_path / "cache.txt"
    f.write_text("x", encoding="utf-8")
    extra = ["-o", tmp_path / "out"] if command == "report" else []
    rc, _, err = _cli(capsys, command, "--sample", "--cache-dir", f, *extra)
    assert rc == 2 and "--cache-dir" in err and "is a file, not a folder" in err
    assert "File exists" not in err


def _injection_jsonl(tmp_path: Path) -> Path:
    texts = _texts(2, 1200)
    rows = [
        {"name": "=cmd", "year": 2022, "text": texts[0] + TARGETS},
        {"name": "@me", "year": 2023, "text": texts[1] + TARGETS},
    ]
    p = tmp_path / "r.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return p


@pytest.mark.parametrize("command", ["keywords", "targets", "indicators"])
def test_cli_csv_output_is_escaped_unless_asked_not_to(tmp_path, capsys, command):
    src = _injection_jsonl(tmp_path)
    extra = ["--no-cache"] if command == "keywords" else []
    rc, _, err = _cli(capsys, command, src, "-o", tmp_path / "a.csv", *extra)
    assert rc == 0, err
    rows = list(csv.reader((tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()))
    reports = {r[0] for r in rows[1:]}
    assert reports and reports <= {"'=cmd", "'@me"}
    rc, _, err = _cli(
        capsys, command, src, "-o", tmp_path / "b.csv", "--no-escape-formulas", *extra
    )
    rows = list(csv.reader((tmp_path / "b.csv").read_text(encoding="utf-8").splitlines()))
    assert rc == 0 and {r[0] for r in rows[1:]} <= {"=cmd", "@me"}


def test_topic_export_escapes_like_csv_text():
    import pandas as pd

    from govtext.models.export import csv_table
    from govtext.readwrite.tables import csv_text

    df = pd.DataFrame(
        {"term": ["=1+1", "+x", "-3.5", "@a", "\tb", "乡村振兴", "-", "+2%"], "w": range(8)},
        index=["=i", "-2", "a", "b", "c", "d", "e", "f"],
    )
    for index in (False, True):
        assert csv_table(df, index=index) == csv_text(df, index=index, float_format="%.6g")
    assert "'=1+1" in csv_table(df) and "=1+1" in csv_table(df, escape_formulas=False)


def test_graph_look_alike_regions_get_distinct_files(tmp_path, capsys):
    src = _hostile_input(tmp_path / "in")
    (src / "empty.txt").unlink()
    out = tmp_path / "g"
    rc, outp, err = _cli(
        capsys, "graph", src, src / "reports.jsonl", "-o", out, "--by", "region", "--no-cache"
    )
    assert rc == 0, err
    slugs = file_slugs([*LOOK_ALIKE, "丙县"])
    names = sorted(p.name for p in out.glob("network_*.gexf"))
    assert names == sorted(f"network_{s}.gexf" for s in slugs.values())
    assert (out / OUTPUT_MARKER).is_file()


def test_topics_lower_the_default_k_for_tiny_reports(tmp_path, capsys):
    src = tmp_path / "tiny"
    src.mkdir()
    for i in range(40):
        (src / f"r{i:04d}.txt").write_text("推进乡村振兴。发展经济。", encoding="utf-8")
    rc, out, err = _cli(capsys, "topics", src, "--no-cache")
    assert "lower k" not in err
    if rc == 0:
        assert "instead of the default 10" in err and not out.startswith("10 topics")
    else:  # not even two topics: said in the user's terms, naming -k
        assert "too short for a topic model" in err and "-k" in err
    rc, _, err = _cli(capsys, "topics", src, "-k", "10", "--no-cache")
    assert rc == 2 and "lower k" in err  # a k the user chose is never changed


@pytest.mark.parametrize(
    "command", [["keywords"], ["kwic", "乡村"], ["demo"], ["targets"], ["indicators"]]
)
def test_lone_surrogate_in_jsonl_end_to_end(tmp_path, command):
    """Through a real pipe (UTF-8): printing a lone surrogate used to raise."""
    p = tmp_path / "r.jsonl"
    rows = [
        {
            "name": "甲\ud800县",
            "region": "甲\udfff县",
            "year": 2023,
            "text": _texts(1)[0] + "乡村\ud800振兴" + TARGETS,
        }
    ]
    p.write_text(json.dumps(rows[0]), encoding="utf-8")
    extra = ["--no-cache"] if command[0] in ("keywords", "kwic", "demo") else []
    got = subprocess.run(
        [sys.executable, "-m", "govtext.cli.main", *command, str(p), *extra],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=600,
    )
    assert got.returncode == 0, got.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in got.stderr and "甲\ufffd县".encode() in got.stdout + got.stderr


# ---------------------------------------------------------------- tampered cache entries
@pytest.fixture(scope="module")
def cached_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("tamper")
    corpus = gt.Corpus(gt.Report.from_text(t, name=n) for n, t in zip(COUNTIES, _texts(3, 1500)))
    stats: dict = {}
    gt.build_report(corpus, root / "out", progress=False, cache_dir=root / "cache", stats=stats)
    return corpus, root / "cache", stats


def _tamper(cache_dir: Path, change) -> int:
    import sqlite3

    from govtext._runtime.cache import ResultCache

    rc = ResultCache(cache_dir)
    with sqlite3.connect(rc.path) as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM results")]
    conn.close()
    n = 0
    for key in keys:
        got = rc.get(key)
        if got is None or "section" not in got[0]:
            continue
        doc, blobs = got
        n += change(doc, blobs)
        rc.put(key, doc, blobs)
    return n


def _copy_cache(cached_run, tmp_path) -> Path:
    import shutil

    return shutil.copytree(cached_run[1], tmp_path / "cache")


def _rebuild(corpus, out, cache) -> dict:
    stats: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error", TypeError)
        gt.build_report(corpus, out, progress=False, cache_dir=cache, stats=stats)
    return stats


def test_tampered_cache_cannot_inject_a_javascript_link_or_an_html_file(cached_run, tmp_path):
    corpus = cached_run[0]
    cache = _copy_cache(cached_run, tmp_path)

    def change(doc, blobs):
        for b in doc["section"]["blocks"]:
            if b.get("data"):
                b["data"] = "javascript:alert(1)"
        doc["section"]["files"].append("evil.html")
        blobs["evil.html"] = b"<script>alert(1)</script>"
        blobs["data/evil.html"] = b"<script>alert(1)</script>"
        return 1

    assert _tamper(cache, change) > 0
    out = tmp_path / "out"
    stats = _rebuild(corpus, out, cache)
    page = _page(out)
    assert "javascript:" not in page and "evil.html" not in page
    assert not list(out.rglob("*evil*"))
    assert stats["sections_reused"] == 0  # every tampered entry was a miss, recomputed


@pytest.mark.parametrize(
    "field,value",
    [
        ("rows", 5),
        ("caption", 123),
        ("columns", [1, 2]),
        ("total_rows", "many"),
        ("kind", "script"),
    ],
)
def test_cached_blocks_of_the_wrong_type_are_a_miss_not_a_jinja_error(
    cached_run, tmp_path, field, value
):
    corpus = cached_run[0]
    cache = _copy_cache(cached_run, tmp_path)

    def change(doc, blobs):
        blocks = doc["section"]["blocks"]
        for b in blocks:
            b[field] = value
        return int(bool(blocks))

    assert _tamper(cache, change) > 0
    out = tmp_path / "out"
    stats = _rebuild(corpus, out, cache)
    assert (out / "index.html").is_file()
    assert stats["sections_computed"] >= 1
    # the entries were rewritten: the next run reuses every section
    assert _rebuild(corpus, tmp_path / "out2", cache)["sections_computed"] == 0


def test_loading_errors_name_the_option(tmp_path, capsys):
    rc, _, err = _cli(capsys, "keywords", "--sample", "--metadata", tmp_path / "nope.csv")
    assert rc == 2 and "--metadata: " in err and "nope.csv" in err
    bad = tmp_path / "meta.csv"
    bad.write_text("name,year\n2023_county_甲县,soon\n", encoding="utf-8")
    (tmp_path / "2023_county_甲县.txt").write_text(HEADER_2023 + "推进乡村振兴。", encoding="utf-8")
    rc, _, err = _cli(
        capsys, "keywords", tmp_path / "2023_county_甲县.txt", "--metadata", bad, "--no-cache"
    )
    assert rc == 2 and err.startswith("govtext keywords: error: --metadata: year 'soon'")
    rc, _, err = _cli(capsys, "keywords", "", "--no-cache")
    assert rc == 2 and "PATHS: an empty string" in err


def test_build_report_stops_at_a_failed_section_unless_keep_going(tmp_path):
    from govtext.report.cache import SectionError

    corpus = gt.Corpus(gt.Report.from_text(t, name=n) for n, t in zip(COUNTIES, _texts(2, 900)))
    out = _data_is_a_file(tmp_path)
    with pytest.raises(SectionError, match=r"section 'overview' failed .*keep_going=True"):
        gt.build_report(corpus, out, force=True, progress=False)
    assert not (out / "index.html").exists() and not (out / "report.json").exists()


def test_cached_sections_that_cannot_be_written_back_fail_as_sections(cached_run, tmp_path):
    from govtext.report.cache import SectionError

    corpus = cached_run[0]
    cache = _copy_cache(cached_run, tmp_path)
    out = _data_is_a_file(tmp_path)
    with pytest.raises(SectionError, match="section 'overview' failed"):
        gt.build_report(corpus, out, force=True, progress=False, cache_dir=cache)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = gt.build_report(
            corpus, out, force=True, progress=False, cache_dir=cache, keep_going=True
        )
    manifest = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert page.is_file() and manifest["sections"]["overview"]["status"] == "error"


def test_a_failed_write_never_makes_discard_remove_a_file_the_run_did_not_write(tmp_path):
    from govtext.report.context import ReportContext

    out = tmp_path / "out"
    (out / "fig").mkdir(parents=True)
    mine = out / "fig" / "overview.png"
    mine.write_bytes(b"a user's file")
    corpus = gt.corpus_from_texts(["各位代表：全面推进乡村振兴。"])
    ctx = ReportContext(corpus, out, "year")

    class Broken:
        def savefig(self, *a, **k):
            raise RuntimeError("disk full")

    start = len(ctx.written)
    with pytest.raises(RuntimeError):
        ctx.write_figure("overview", Broken())
    ctx.discard(start)
    assert mine.read_bytes() == b"a user's file"
    assert ctx.write_file("data/x.json", "{}") == "data/x.json" and ctx.written[-1] == "data/x.json"


def test_the_text_pages_font_is_never_written_through_a_symlinked_texts_folder(
    tmp_path, monkeypatch
):
    from govtext.report.sections import SECTION_BUILDERS

    out, victim = tmp_path / "out", tmp_path / "victim"
    out.mkdir()
    victim.mkdir()
    (out / "texts").symlink_to(victim, target_is_directory=True)

    def broken(ctx):
        raise RuntimeError("explorer failed")

    patched = [(k, broken if k == "explorer" else b) for k, b in SECTION_BUILDERS]
    assert any(k == "explorer" for k, _ in patched)
    monkeypatch.setattr("govtext.report.sections.SECTION_BUILDERS", patched)
    corpus = gt.datasets.load_sample()[:3]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gt.build_report(corpus, out, force=True, keep_going=True, cache_dir=False)
    assert list(victim.iterdir()) == []
    assert (out / "index.html").is_file()
