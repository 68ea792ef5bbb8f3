"""``_unique_names``: the names of files read from folders (linear in the number of files)."""

from pathlib import Path

from govtext.corpus.loading import _unique_names


def test_unique_names_qualifies_only_repeated_stems():
    files = [Path("a/2023_x.txt"), Path("b/2023_x.txt"), Path("a/2024_y.txt")]
    assert _unique_names(files) == ["a/2023_x", "b/2023_x", "2024_y"]


def test_unique_names_falls_back_to_paths_when_still_ambiguous():
    files = [Path("p/a/x.txt"), Path("q/a/x.txt")]
    assert _unique_names(files) == ["p/a/x.txt", "q/a/x.txt"]


def test_unique_names_many_files_in_order():
    files = [Path(f"d/r{i:05d}.txt") for i in range(20000)] + [Path("e/r00007.txt")]
    names = _unique_names(files)
    assert names[0] == "r00000" and names[7] == "d/r00007" and names[-1] == "e/r00007"
    assert len(set(names)) == len(files)
