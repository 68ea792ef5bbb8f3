"""govtext keywords / compare / kwic from the command line."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from govtext.cli.main import main

A = "各位代表：\n过去一年，我们全面推进乡村振兴，乡村振兴示范村建成5个，小站稻种植面积扩大。\n"
B = "各位代表：\n过去一年，我们持续优化营商环境，营商环境评价进入前列，营商环境专班运转高效。\n"


@pytest.fixture()
def files(tmp_path):
    a = tmp_path / "2023_township_甲镇.txt"
    b = tmp_path / "2022_township_甲镇.txt"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    return a, b


def csv(out: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(out))


def test_help_has_examples(capsys):
    for cmd in ("keywords", "compare", "kwic"):
        with pytest.raises(SystemExit) as e:
            main([cmd, "--help"])
        assert e.value.code == 0
        out = capsys.readouterr().out
        assert "example" in out and f"govtext {cmd}" in out


def test_keywords_csv_and_file(files, capsys, tmp_path):
    a, _ = files
    assert main(["keywords", str(a), "--top", "3", "--csv"]) == 0
    df = csv(capsys.readouterr().out)
    assert list(df.columns) == ["report", "rank", "term", "score", "count"]
    assert df["rank"].tolist() == [1, 2, 3]
    import govtext as gt

    api = gt.keywords(gt.read_report(a), top=3)
    assert df["term"].tolist() == api["term"].tolist()
    assert df["score"].to_numpy() == pytest.approx(api["score"].to_numpy())
    out = tmp_path / "kw.csv"
    assert main(["keywords", str(a), "--top", "3", "-o", str(out)]) == 0
    assert pd.read_csv(out)["term"].tolist() == df["term"].tolist()
    assert main(["keywords", str(a), "--doc", "nope"]) == 2
    assert "no report named nope" in capsys.readouterr().err


def test_compare_two_files(files, capsys):
    a, b = files
    assert main(["compare", str(a), str(b), "--min-count", "1", "--measure", "g2", "--csv"]) == 0
    df = csv(capsys.readouterr().out)
    # 乡村振兴示范村 is one token (the long form, issue 14's nested-core rule), so the
    # bare 乡村振兴 is counted once and the compound is a term of its own
    assert df["term"].iloc[0] in ("乡村振兴", "乡村振兴示范村")
    assert dict(zip(df["term"], df["target_count"]))["乡村振兴"] == 1
    assert dict(zip(df["term"], df["target_count"]))["乡村振兴示范村"] == 1
    assert df["term"].iloc[-1] == "营商环境" and df["score"].iloc[-1] < 0
    assert {"p", "reference_count"} <= set(df.columns)


def test_compare_conditions_and_errors(files, capsys):
    a, b = files
    folder = str(a.parent)
    assert (
        main(
            [
                "compare",
                folder,
                "--target",
                "year == 2023",
                "--reference",
                "year == 2022",
                "--min-count",
                "1",
                "--csv",
            ]
        )
        == 0
    )
    assert csv(capsys.readouterr().out)["term"].iloc[0] == "乡村振兴"
    assert main(["compare", folder, "--by", "year", "--min-count", "1", "--top", "2", "--csv"]) == 0
    df = csv(capsys.readouterr().out)
    assert sorted(set(df["year"])) == [2022, 2023]
    assert main(["compare", folder, "--similarity", "--csv"]) == 0
    sim = csv(capsys.readouterr().out).set_index("report")
    assert sim.loc["2023_township_甲镇", "2023_township_甲镇"] == pytest.approx(1.0)
    assert main(["compare", folder]) == 2
    assert "say what to compare" in capsys.readouterr().err
    assert main(["compare", folder, "--target", "year == 1990"]) == 2
    assert "selects no report" in capsys.readouterr().err


def test_kwic(files, capsys):
    a, _ = files
    assert main(["kwic", "乡村振兴", str(a), "--window", "4", "--csv"]) == 0
    df = csv(capsys.readouterr().out)
    assert len(df) == 2 and (df["term"] == "乡村振兴").all()
    assert A[df["start"].iloc[0] : df["end"].iloc[0]] == "乡村振兴"
    assert main(["kwic", "乡村振兴", str(a), "--count"]) == 0
    out = capsys.readouterr().out
    assert "2023_township_甲镇" in out and "2" in out
    assert main(["kwic", "乡村振兴"]) == 2
    assert "no input" in capsys.readouterr().err


def test_compare_vertical_on_sample(capsys):
    assert main(["compare", "--sample", "--vertical", "--csv"]) == 0
    df = csv(capsys.readouterr().out)
    row = df.set_index("child").loc["2022_county_河北省保定市易县"]
    assert row["parent"] == "2022_city_河北省保定市" and 0 < row["reuse"] < 1
