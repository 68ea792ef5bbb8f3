"""The govtext command: help with examples, one-line errors, --debug, inputs untouched."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from govtext.cli.main import build_parser, main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "govtext", *args], capture_output=True, text=True, timeout=300
    )


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit) as ei:
        main(["--help"])
    assert ei.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out and "govtext report --sample" in out


def test_every_subcommand_help_gives_an_example():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert "demo" in sub.choices
    for name, p in sub.choices.items():
        assert "example" in (p.epilog or ""), f"govtext {name} --help has no example"
        assert f"govtext {name}" in p.epilog


def test_user_error_is_one_line_without_traceback(tmp_path):
    r = run("demo", str(tmp_path / "missing"))
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "missing" in lines[0] and "Traceback" not in r.stderr


def test_debug_shows_traceback(tmp_path):
    r = run("--debug", "demo", str(tmp_path / "missing"))
    assert r.returncode != 0 and "Traceback" in r.stderr


def test_bad_file_error_names_the_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.4 binary")
    r = run("demo", str(tmp_path / "a.txt"))
    assert r.returncode != 0 and "a.txt" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_demo_prints_metadata_and_keywords_and_leaves_inputs_alone(tmp_path):
    p = tmp_path / "2023_township_天津市津南区北闸口镇.txt"
    p.write_text(
        "——2023年1月12日在天津市津南区北闸口镇第十五届人民代表大会第三次会议上\n北闸口镇人民政府镇长　张明熠\n"
        "各位代表：打好用好“三张好牌”，全面推进乡村振兴，建设智能制造产业园。\n",
        encoding="gb18030",
    )
    before = hashlib.sha256(p.read_bytes()).hexdigest()
    r = run("demo", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "year=2023" in r.stdout and "speaker=张明熠" in r.stdout and "level=township" in r.stdout
    assert "keywords:" in r.stdout
    assert hashlib.sha256(p.read_bytes()).hexdigest() == before


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["demo", "--top", "many"],
        ["no-such-command"],
        ["demo", "--no-such-option"],
    ],
)
def test_usage_errors_are_one_line(args):
    r = run(*args)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "error" in r.stderr and "--help" in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["keywords", "{missing}"],
        ["compare", "{missing}"],
        ["kwic", "乡村振兴", "{missing}"],
        ["topics", "{missing}", "-k", "3"],
        ["graph", "{missing}", "-o", "{out}"],
        ["indicators", "{missing}", "-o", "{out}/i.csv"],
        ["targets", "{missing}"],
        ["report", "{missing}", "-o", "{out}"],
    ],
)
def test_every_command_reports_a_missing_input_in_one_line(tmp_path, args):
    missing = str(tmp_path / "no_such_reports")
    out = str(tmp_path / "out")
    r = run(*[a.format(missing=missing, out=out) for a in args])
    assert r.returncode == 2, r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "no_such_reports" in lines[0] and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_one_name_per_concept_old_spellings_hidden_but_accepted(capsys):
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for cmd in ("report", "graph", "topics"):
        text = sub[cmd].format_help()
        assert "--random-state" in text and "--seed" not in text, cmd
    assert "--top " in sub["graph"].format_help() and "--top-n" not in sub["graph"].format_help()
    assert "--output" in sub["topics"].format_help() and "--out " not in sub["topics"].format_help()
    old = parser.parse_args(["graph", "--sample", "-o", "x", "--top-n", "7", "--seed", "3"])
    new = parser.parse_args(["graph", "--sample", "-o", "x", "--top", "7", "--random-state", "3"])
    assert (old.top, old.random_state) == (new.top, new.random_state) == (7, 3)
    err = capsys.readouterr().err
    assert "--top-n is renamed --top" in err and "--seed is renamed --random-state" in err
    t = parser.parse_args(["topics", "--sample", "--out", "d"])
    assert t.output == "d" and parser.parse_args(["topics", "--sample"]).output is None


def test_jobs_option_sets_the_shared_configuration(monkeypatch, capsys):
    import importlib

    import govtext as gt

    report_cmd = importlib.import_module("govtext.cli.report")
    seen = {}

    def fake_run(args):
        seen.update(gt.get_config())
        return 0

    monkeypatch.setattr(report_cmd, "run", fake_run)  # registered by build_parser in main
    assert main(["report", "--sample", "-o", "x", "--jobs", "2"]) == 0
    assert seen["n_jobs"] == 2 and gt.get_config()["n_jobs"] == 1
    assert main(["report", "--sample", "-o", "x", "--jobs", "0"]) == 2
    assert "--jobs must be a positive number" in capsys.readouterr().err


def test_graph_leaves_out_the_reports_own_region_unless_keep_region(tmp_path):
    import json

    from govtext.datasets import sample_path

    path = sample_path() / "2020_county_河北省保定市顺平县.txt"
    nodes = {}
    for name, extra in (("default", []), ("kept", ["--keep-region"])):
        assert main(["graph", str(path), "-o", str(tmp_path / name), *extra]) == 0
        data = json.loads((tmp_path / name / "network.json").read_text(encoding="utf-8"))
        nodes[name] = {n["id"] for n in data["nodes"]}
    own = {"顺平", "顺平县", "保定", "保定市", "河北", "河北省", "顺平县人民政府"}
    assert not nodes["default"] & own
    assert nodes["kept"] & own
    assert 20 <= len(nodes["default"]) <= 60
