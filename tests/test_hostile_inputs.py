"""Hostile inputs at load time (issue 16): each case failed before its fix."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import govtext as gt
from govtext.corpus.checks import OUTPUT_MARKER, LoadWarning
from govtext.errors import DecodeError, EmptyReportError, InputError

HEADER = "——2023年1月12日在甲县第十七届人民代表大会第二次会议上\n各位代表：\n"
BODY = "全面推进乡村振兴，建设高标准农田。优化营商环境，发展新质生产力。\n"


def _jsonl(tmp_path: Path, rows: list[dict]) -> Path:
    p = tmp_path / "reports.jsonl"
    # json.dumps writes a lone surrogate as the escape \ud800: valid JSON
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return p


def test_lone_surrogates_are_replaced_at_load_with_one_warning_naming_the_offset(tmp_path):
    p = _jsonl(
        tmp_path,
        [{"name": "甲\ud800县", "region": "甲\udfff县", "text": HEADER + "乡村\ud800振兴" + BODY}],
    )
    with pytest.warns(LoadWarning, match=r"reports\.jsonl.*offset \d+") as rec:
        c = gt.load_corpus(p)
    r = c[0]
    assert "\ufffd" in r.text and "\ud800" not in r.text
    assert r.name == "甲\ufffd县" and r.meta["region"] == "甲\ufffd县"
    offsets = [str(w.message) for w in rec]
    assert any(f"offset {len(HEADER) + 2}" in m for m in offsets)
    # everything downstream can encode the text now
    r.text.encode("utf-8")
    assert "乡村振兴" in gt.PolicyTokenizer().cut(r.text)


@pytest.mark.parametrize("bad", [b"reports/", [b"a.txt"], None, 3, [None]])
def test_load_corpus_wrong_argument_types_are_input_errors(bad):
    with pytest.raises(InputError, match="paths: expected a file, folder or glob"):
        gt.load_corpus(bad)


@pytest.mark.parametrize("bad", ["", "  ", [""]])
def test_load_corpus_empty_string_is_not_the_current_folder(bad, tmp_path, monkeypatch):
    (tmp_path / "2023_county_甲县.txt").write_text(HEADER + BODY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="empty string"):
        gt.load_corpus(bad)


def test_empty_list_is_an_input_error():
    with pytest.raises(InputError, match="empty"):
        gt.load_corpus([])


@pytest.mark.parametrize("year", ["0000", "9999"])
def test_impossible_file_name_year_warns_and_the_header_wins(tmp_path, year):
    p = tmp_path / f"{year}_county_甲县.txt"
    p.write_text(HEADER + BODY, encoding="utf-8")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        r = gt.load_corpus(p)[0]
    messages = [str(w.message) for w in rec if issubclass(w.category, LoadWarning)]
    assert any(f"year {int(year)}, outside 1949" in m for m in messages)
    assert any("header used" in m for m in messages)
    assert r.meta["year"] == 2023
    assert r.meta["year_note"] == f"file name says {int(year)}, header says 2023: header used"


def test_plausible_file_name_year_that_matches_gives_no_warning(tmp_path):
    p = tmp_path / "2023_county_甲县.txt"
    p.write_text(HEADER + BODY, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)
        r = gt.load_corpus(p)[0]
    assert r.meta["year"] == 2023 and "year_note" not in r.meta


def test_bad_bytes_deep_in_a_utf8_file_are_reported_at_their_utf8_offset(tmp_path):
    good = ("各位代表：全面推进乡村振兴。" * 2000).encode("utf-8")
    p = tmp_path / "r.txt"
    p.write_bytes(good[:18900] + b"\xff" + good[18900:])
    with pytest.raises(DecodeError) as exc:
        gt.load_corpus(p)
    msg = str(exc.value)
    assert str(p) in msg and "offset 18900" in msg and "UTF-8" in msg


def test_gb18030_file_still_decodes(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes((HEADER + BODY).encode("gb18030"))
    assert gt.load_corpus(p)[0].meta["encoding"] == "gb18030"


def test_one_bad_file_is_skipped_on_request_and_listed(tmp_path):
    (tmp_path / "2023_county_甲县.txt").write_text(HEADER + BODY, encoding="utf-8")
    (tmp_path / "2023_county_乙县.txt").write_text(HEADER + BODY, encoding="utf-8")
    (tmp_path / "2023_county_空县.txt").write_bytes(b"")
    with pytest.raises(EmptyReportError, match="空县"):
        gt.load_corpus(tmp_path)
    with pytest.warns(LoadWarning, match=r"skipped 1 bad file\(s\) of 3: .*空县"):
        c = gt.load_corpus(tmp_path, on_error="skip")
    assert len(c) == 2
    assert [Path(f).name for f, _ in c.skipped] == ["2023_county_空县.txt"]
    with pytest.raises(InputError, match="on_error"):
        gt.load_corpus(tmp_path, on_error="ignore")


def test_a_folder_written_by_govtext_is_never_read_as_input(tmp_path):
    (tmp_path / "2023_county_甲县.txt").write_text(HEADER + BODY, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / OUTPUT_MARKER).write_text("", encoding="utf-8")
    (out / "index.html").write_text("<html><body>各位代表</body></html>", encoding="utf-8")
    (out / "data").mkdir()
    (out / "data" / "notes.txt").write_text("各位代表：甲", encoding="utf-8")
    assert gt.load_corpus(tmp_path).names == ["2023_county_甲县"]


def test_a_report_delivered_in_december_keeps_the_year_its_file_names(tmp_path):
    p = tmp_path / "2024_township_乙镇.txt"
    p.write_text(
        "乙镇2024年政府工作报告\n——2023年12月28日在乙镇第一届人民代表大会第四次会议上\n各位代表：\n"
        + BODY,
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)
        r = gt.load_corpus(p)[0]
    assert r.meta["year"] == 2024 and "year_note" not in r.meta
    assert r.meta["date"] == "2023-12-28"
