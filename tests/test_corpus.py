"""Loading reports and corpora: folders, globs, lists, CSV, JSONL, metadata tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import govtext as gt
from govtext.errors import InputError

TOWNSHIP = "政府工作报告\n——2023年1月12日在天津市津南区北闸口镇\n第十五届人民代表大会第三次会议上\n北闸口镇人民政府镇长　张明熠\n各位代表：\n全镇税收预计完成4.7亿元。\n"
COUNTY = "政府工作报告\n（2022年1月24日在米易县第十九届人民代表大会第二次会议上）\n米易县人民政府县长 代坤宏\n各位代表：\n推进乡村振兴。\n"


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "2023_township_天津市津南区北闸口镇.txt").write_text(TOWNSHIP, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "2022_county_四川省攀枝花市米易县.txt").write_text(
        COUNTY, encoding="gb18030"
    )
    (tmp_path / "notes.csv").write_text("x\n1\n", encoding="utf-8")  # not picked up from a folder
    return tmp_path


def test_folder_recursive_sorted_with_metadata(folder):
    c = gt.load_corpus(folder)
    # sorted by path: the top-level file, then the one in sub/
    assert c.names == ["2023_township_天津市津南区北闸口镇", "2022_county_四川省攀枝花市米易县"]
    county = c["2022_county_四川省攀枝花市米易县"]
    assert county.meta["year"] == 2022 and county.meta["level"] == "county"
    assert (
        county.meta["region"] == "四川省攀枝花市米易县"
    )  # file name wins over the header's 米易县
    assert county.meta["speaker"] == "代坤宏" and county.meta["encoding"] == "gb18030"
    assert county.text == COUNTY


def test_meta_table_one_row_per_report(folder):
    meta = gt.load_corpus(folder).meta
    assert len(meta) == 2
    assert {
        "year",
        "date",
        "level",
        "region",
        "speaker",
        "speaker_title",
        "meeting",
        "chars",
    } <= set(meta.columns)
    assert meta.loc["2023_township_天津市津南区北闸口镇", "chars"] == len(TOWNSHIP)


def test_glob_and_list(folder):
    by_glob = gt.load_corpus(str(folder / "**" / "*.txt"))
    assert len(by_glob) == 2
    one = gt.load_corpus([folder / "2023_township_天津市津南区北闸口镇.txt"])
    assert one.names == ["2023_township_天津市津南区北闸口镇"]


def test_user_metadata_wins_over_filename_and_header(folder, tmp_path_factory):
    table = tmp_path_factory.mktemp("m") / "meta.csv"
    table.write_text(
        "file,region,speaker,party_secretary\n2022_county_四川省攀枝花市米易县.txt,米易县,某某,甲\n",
        encoding="utf-8",
    )
    c = gt.load_corpus(folder, metadata=table)
    r = c["2022_county_四川省攀枝花市米易县"]
    assert (
        r.meta["region"] == "米易县"
        and r.meta["speaker"] == "某某"
        and r.meta["party_secretary"] == "甲"
    )
    # rows not in the table keep their own metadata
    assert c["2023_township_天津市津南区北闸口镇"].meta["speaker"] == "张明熠"


def test_metadata_dataframe_and_missing_key_column(folder):
    df = pd.DataFrame({"name": ["2023_township_天津市津南区北闸口镇"], "year": ["2024"]})
    assert (
        gt.load_corpus(folder, metadata=df)["2023_township_天津市津南区北闸口镇"].meta["year"]
        == 2024
    )
    with pytest.raises(InputError, match="'file' or 'name' column"):
        gt.load_corpus(folder, metadata=pd.DataFrame({"x": [1]}))


def test_csv_and_jsonl(tmp_path):
    csv = tmp_path / "reports.csv"
    pd.DataFrame(
        {
            "name": ["a", "b"],
            "year": [2021, 2022],
            "region": ["甲县", "乙县"],
            "text": [TOWNSHIP, COUNTY],
        }
    ).to_csv(csv, index=False)
    c = gt.load_corpus(csv)
    assert c.names == ["a", "b"] and c["b"].meta["year"] == 2022 and c["b"].meta["region"] == "乙县"
    jl = tmp_path / "reports.jsonl"
    jl.write_text(
        "\n".join(
            json.dumps({"id": i, "content": t}, ensure_ascii=False)
            for i, t in enumerate([TOWNSHIP, COUNTY])
        )
    )
    c2 = gt.load_corpus(jl, text_column="content")
    assert c2.names == ["0", "1"] and c2["0"].meta["speaker"] == "张明熠"


def test_corpus_indexing_and_filter(sample):
    assert isinstance(sample[0], gt.Report)
    sub = sample[sample.meta["level"] == "national"]
    assert len(sub) == 11 and all(r.meta["level"] == "national" for r in sub)
    assert len(sample.filter(year=2022, level="county")) == 9
    assert len(sample[:3]) == 3
    with pytest.raises(KeyError):
        sample["no such report"]


def test_sample_composition(sample):
    meta = sample.meta
    assert 20 <= len(sample) <= 30
    assert (meta["level"] == "township").sum() == 1
    county_years = meta[meta["level"] == "county"].groupby("region")["year"].nunique()
    assert county_years.max() >= 4
    assert meta[(meta["level"] == "county") & (meta["year"] == 2022)]["region"].nunique() >= 8
    assert meta[meta["level"] == "national"]["year"].nunique() >= 10
    assert meta[(meta["level"] == "province") & (meta["year"] == 2026)]["region"].nunique() >= 3
    manifest = gt.datasets.sample_manifest()
    assert set(manifest["file"].str.replace(".txt", "", regex=False)) == set(sample.names)
    assert manifest["source_repo"].notna().all()


def test_sample_manifest_hashes_match_files():
    import hashlib

    folder = gt.datasets.sample_path()
    man = gt.datasets.sample_manifest()
    total = 0
    for _, row in man.iterrows():
        data = (folder / row["file"]).read_bytes()
        total += len(data)
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
    assert total < 3_000_000


def test_report_from_text_and_sections_hook():
    r = gt.Report.from_text(TOWNSHIP, name="r")
    assert r.meta["level"] == "township" and r.meta["year"] == 2023
    assert r.normalized.startswith("政府工作报告")
    assert len(r) == len(TOWNSHIP)


def test_table_and_metadata_years_accept_float_cells_and_check_the_range(tmp_path):
    table = tmp_path / "reports.csv"
    table.write_text(
        "name,year,text\n甲县,2023.0,乡村振兴。\n乙县,2024,营商环境。\n", encoding="utf-8"
    )
    c = gt.load_corpus(table)
    assert c.meta["year"].tolist() == [2023, 2024]
    meta = tmp_path / "meta.csv"
    meta.write_text("name,year\n甲县,2021.0\n", encoding="utf-8")
    assert gt.load_corpus(table, metadata=meta).meta["year"].tolist() == [2021, 2024]
    for bad, why in (
        ("20230", "between 1900 and 2100"),
        ("2023.5", "whole number"),
        ("二〇二三", "whole number"),
    ):
        table.write_text(f"name,year,text\n甲县,{bad},乡村振兴。\n", encoding="utf-8")
        with pytest.raises(InputError, match=f"reports.csv: row 1: year .*{why}"):
            gt.load_corpus(table)
    table.write_text("name,year,text\n甲县,2023,乡村振兴。\n", encoding="utf-8")
    meta.write_text("name,year\n甲县,1066\n", encoding="utf-8")
    with pytest.raises(
        InputError, match="metadata: year '1066' for '甲县' is not between 1900 and 2100"
    ):
        gt.load_corpus(table, metadata=meta)
