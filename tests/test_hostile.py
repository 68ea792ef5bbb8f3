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
    r = gt.load_corpus(p)[0]
    assert "鄉村振興" in r.text
    assert "乡村振兴" in gt.PolicyTokenizer(simplify=True).cut(r.text)


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
