"""The place names of a report's own region, for keywords that leave them out.

A report of 河北省保定市涞源县 names its county, its towns and its villages in almost
every paragraph: against the genre they are its most distinctive words, yet they tell a
reader nothing they did not know from the title. :func:`region_parts` gives, for a
region as written in the metadata (``河北省保定市涞源县``, ``天津市津南区北闸口镇``,
``新疆维吾尔自治区``, ``中国``), the names to leave out:

* every piece of the region's path (province, city, county, township), full and short
  (河北省 / 河北, 保定市 / 保定, 涞源县 / 涞源), and every substring of two characters or
  more of these pieces (fragments such as 闸口 of 北闸口镇 that a segmenter may leave);
* the divisions under the deepest piece found in the gazetteer of administrative
  divisions shipped with the tokenizer (``govtext/tokenize/lexicon/divisions.tsv.gz``,
  NBS 2023): full and short names of cities and counties, full and short names of
  townships and streets for a city, county or township report (full names only for a
  province or the nation, where short township names such as 和平 or 新华 are words);
* villages and communities (full names) for a county, district or township report.

A piece not in the 2023 gazetteer (a county since renamed a district, 徐水县 → 徐水区)
is matched on its short name; a region not found at all gives its own pieces only.
"""

from __future__ import annotations

import functools
import gzip
import re

__all__ = ["region_parts", "short_name"]

# the peoples named in autonomous divisions' names (新疆维吾尔, 甘南藏族, 湘西土家族苗族)
_PEOPLES = (
    "土家 蒙古 朝鲜 哈尼 傈僳 拉祜 纳西 景颇 布依 仡佬 仫佬 毛南 达斡尔 鄂温克 鄂伦春 哈萨克 "
    "柯尔克孜 塔吉克 撒拉 保安 东乡 裕固 锡伯 藏 回 彝 苗 侗 壮 瑶 傣 佤 白 羌 黎 畲 水 满 土 各"
).split()
# 族 may be left out after a name of two characters or more (伊犁哈萨克自治州)
_ETHNIC = re.compile(
    r"(?:维吾尔|(?:"
    + "|".join(p for p in _PEOPLES if len(p) > 1)
    + r")族?|(?:"
    + "|".join(p for p in _PEOPLES if len(p) == 1)
    + r")族)+$"
)
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
_SUFFIXES = (
    "特别行政区",
    "街道办事处",
    "街道",
    "地区",
    "林区",
    "省",
    "市",
    "县",
    "区",
    "镇",
    "乡",
    "盟",
    "旗",
)
_PIECE = re.compile(
    r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|街道|地区|林区|省|市|县|区|镇|乡|盟|旗)"
)
_LOWER = {"province": "city", "city": "county", "county": "township"}


def short_name(name: str) -> str:
    """A division's name without its administrative suffix (at least two characters left).

    Examples
    --------
    >>> [short_name(n) for n in ("河北省", "新疆维吾尔自治区", "北闸口镇", "涞源县", "中国")]
    ['河北', '新疆', '北闸口', '涞源', '中国']
    >>> [short_name(n) for n in ("甘南藏族自治州", "湘西土家族苗族自治州", "伊犁哈萨克自治州")]
    ['甘南', '湘西', '伊犁']
    """
    for suf in _AUTONOMOUS:
        if name.endswith(suf):
            stem = name[: -len(suf)]
            bare = _ETHNIC.sub("", stem)
            return bare if len(bare) >= 2 else stem
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


@functools.lru_cache(maxsize=1)
def _divisions() -> tuple[tuple[str, str, str], ...]:
    """``(name, level, code)`` rows of the shipped gazetteer (empty if it is missing)."""
    from govtext.tokenize.lexicon import lexicon_path

    path = lexicon_path("divisions.tsv.gz")
    if not path.exists():  # pragma: no cover - an older tokenizer without the gazetteer
        return ()
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0]:
                rows.append((parts[0], parts[1], parts[2]))
    return tuple(rows)


@functools.lru_cache(maxsize=1)
def _villages() -> dict[str, tuple[str, ...]]:
    """Village and community names by township code (empty if the file is missing)."""
    from govtext.tokenize.lexicon import lexicon_path

    path = lexicon_path("villages.tsv.gz")
    if not path.exists():  # pragma: no cover
        return {}
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("township_code\t"):
                continue
            code, _, names = line.rstrip("\n").partition("\t")
            out[code] = tuple(n for n in names.split("|") if n)
    return out


@functools.lru_cache(maxsize=1)
def _below() -> dict[str, list[tuple[str, str, str]]]:
    """Every division under each code (its code starts with that code), in file order."""
    rows = _divisions()
    lengths = sorted({len(r[2]) for r in rows})
    out: dict[str, list[tuple[str, str, str]]] = {}
    for r in rows:
        for n in lengths:
            if n < len(r[2]):
                out.setdefault(r[2][:n], []).append(r)
    return out


@functools.lru_cache(maxsize=8)
def _at_level(level: str) -> tuple[tuple[str, str, str], ...]:
    """Every division of ``level``, in file order."""
    return tuple(r for r in _divisions() if r[1] == level)


def _children(code: str, level: str | None) -> list[tuple[str, str, str]]:
    return [r for r in _below().get(code, ()) if level is None or r[1] == level]


def _locate(region: str) -> tuple[list[str], str | None, str | None]:
    """The region's pieces, and the code and level of the deepest piece found."""
    pieces = _PIECE.findall(region) or [region]
    if "".join(pieces) != region:  # text after the last suffix: keep it as a piece
        pieces.append(region[len("".join(pieces)) :])
    code, level = "", None
    found_code, found_level = None, None
    for piece in pieces:
        want = "province" if level is None else _LOWER.get(level)
        if want is None:
            break
        pool = _children(code, want) if code else list(_at_level(want))
        if want == "city" and not any(r[0] == piece for r in pool):
            # municipalities (天津市) list no city; their counties hang under 市辖区
            pool = pool + _children(code, "county")
        hit = [r for r in pool if r[0] == piece] or [
            r for r in pool if short_name(r[0]) == short_name(piece)
        ]
        if not hit:
            break
        name, level, code = hit[0]
        found_code, found_level = code, level
    return pieces, found_code, found_level


@functools.lru_cache(maxsize=256)
def region_parts(region: str | None, *, level: str | None = None) -> frozenset[str]:
    """Names of a region and of its parts, to leave out of its keywords.

    Parameters
    ----------
    region : str
        The region as in the metadata: the path of names from province down
        (``河北省保定市涞源县``), or ``中国`` for the State Council's reports.
    level : str, optional
        The report's level (``national``, ``province``, ``city``, ``county``, ``district``,
        ``township``); default: read from the deepest piece found.

    Returns
    -------
    frozenset of str
        Empty for an empty region.

    Examples
    --------
    >>> parts = region_parts("河北省保定市涞源县")
    >>> sorted({"河北", "保定市", "涞源", "涞源县", "银坊镇", "银坊"} & parts)
    ['保定市', '河北', '涞源', '涞源县', '银坊', '银坊镇']
    >>> "闸口" in region_parts("天津市津南区北闸口镇")
    True
    """
    if not region or region != region:
        return frozenset()
    region = str(region)
    out: set[str] = set()
    home = None
    if region in ("中国", "全国"):
        out |= {"中国", "我国"}
        below = [r for r in _divisions() if r[1] in ("province", "city")]
        deep = "national"
    else:
        pieces, home, found = _locate(region)
        for p in pieces:
            out.update(p[i:j] for i in range(len(p)) for j in range(i + 2, len(p) + 1))
            out.add(short_name(p))
        below = _children(home, None) if home else []
        deep = level or found or ""
        if deep == "township" and home:
            out.update(_villages().get(home, ()))
    local = deep in ("city", "county", "district", "township")
    for name, lev, code in below:
        if name == "市辖区":
            continue
        out.add(name)
        if lev != "township" or local:
            out.add(short_name(name))
        if lev == "township" and deep in ("county", "district", "township"):
            out.update(_villages().get(code, ()))
    return frozenset(w for w in out if len(w) >= 2)
