"""Report metadata from file names and header lines.

Every field is ``None`` when it cannot be read from the source; nothing is guessed.

* File names following ``{year}_{level}_{region}.txt`` (``2023_township_天津市津南区北闸口镇.txt``)
  give year, level and region.
* The header gives the date and meeting (``——2023年1月12日在…第十五届人民代表大会第三次会议上``,
  also split over two lines or written in Chinese numerals) and the speaker
  (``北闸口镇人民政府镇长　张明熠`` → speaker ``张明熠``, speaker_title ``北闸口镇人民政府镇长``).
"""

from __future__ import annotations

import re
from typing import Any

from govtext.text.numerals import chinese_to_int

__all__ = ["FIELDS", "LEVELS", "meta_from_filename", "meta_from_header"]

FIELDS = ("year", "date", "level", "region", "speaker", "speaker_title", "meeting")
LEVELS = ("township", "county", "district", "city", "province", "national")

_FILENAME = re.compile(r"^(?P<year>\d{4})_(?P<level>[a-z]+)_(?P<region>.+)$")

_NUM = r"[0-9〇零○一二三四五六七八九十]"
_DATE = re.compile(
    rf"(?P<y>{_NUM}{{4}})\s*年\s*(?P<m>{_NUM}{{1,2}})\s*月\s*(?P<d>{_NUM}{{1,3}})\s*日"
)
_MEETING = re.compile(
    rf"在\s*(?P<place>[^\n，。；：]{{0,40}}?)\s*(?P<meeting>第?\s*{_NUM}+\s*届\s*"
    r"[^\n，。；]{0,30}?(?:人民代表大会|人大)[^\n，。；]{0,20}?第\s*[0-9一二三四五六七八九十]+\s*次(?:全体)?会议)"
)
_TITLE_END = r"(?:长|总理|主席|主任|委员|书记)"
_NAME = r"[\u4e00-\u9fff·](?: ?[\u4e00-\u9fff·]){1,3}"
_SPEAKER = re.compile(rf"^(?P<title>[\u4e00-\u9fff（）]{{0,30}}{_TITLE_END})\s*(?P<name>{_NAME})$")
_TITLE_ONLY = re.compile(rf"^(?P<title>[\u4e00-\u9fff（）]{{2,30}}{_TITLE_END})$")
_NAME_ONLY = re.compile(rf"^(?P<name>{_NAME})$")
_NOT_NAMES = {"目录", "各位代表", "同志们", "政府工作报告", "摘要", "草案"}


def meta_from_filename(name: str) -> dict[str, Any]:
    """Metadata encoded in a ``{year}_{level}_{region}.txt`` file name.

    Examples
    --------
    >>> meta_from_filename("2023_township_天津市津南区北闸口镇.txt")
    {'year': 2023, 'level': 'township', 'region': '天津市津南区北闸口镇'}
    >>> meta_from_filename("report.txt")
    {}
    """
    stem = re.sub(r"\.(txt|text|md|html?)$", "", name.rsplit("/", 1)[-1], flags=re.I)
    m = _FILENAME.match(stem)
    if not m or m.group("level") not in LEVELS:
        return {}
    return {"year": int(m.group("year")), "level": m.group("level"), "region": m.group("region")}


def _level_from_place(place: str) -> str | None:
    if not place:
        return None
    if (
        place in {"北京市", "天津市", "上海市", "重庆市"}
        or place.endswith("省")
        or re.search(r"自治区$", place)
    ):
        return "province"
    if re.search(r"(镇|乡|街道)$", place):
        return "township"
    if re.search(r"(县|旗)$", place):
        return "county"
    if re.search(r"区$", place):
        return "district"
    return None  # 市 may be a prefecture-level or a county-level city: not guessed


def _speaker(lines: list[str]) -> dict[str, Any]:
    """Find the speaker in the header lines (the part after 会议上 counts as a line)."""
    cands: list[str] = []
    for ln in lines:
        if ln.startswith("各位代表") or ln.startswith("各位委员"):
            break
        for part in re.split(r"(?<=会议上)|(?<=会议)\s", ln):
            part = part.strip(" —-（）()")
            if part:
                cands.append(part)
    after_meeting = False
    for i, ln in enumerate(cands):
        if len(ln) > 40:
            after_meeting = after_meeting or "会议" in ln
            continue
        sm = _SPEAKER.match(ln)
        if sm and "会议" not in ln and "报告" not in ln:
            return {
                "speaker": sm.group("name").replace(" ", ""),
                "speaker_title": sm.group("title"),
            }
        tm = _TITLE_ONLY.match(ln)
        if tm and "报告" not in ln and i + 1 < len(cands) and _NAME_ONLY.match(cands[i + 1]):
            name = cands[i + 1].replace(" ", "")
            if name not in _NOT_NAMES:
                return {"speaker": name, "speaker_title": tm.group("title")}
        if after_meeting and _NAME_ONLY.match(ln) and ln.replace(" ", "") not in _NOT_NAMES:
            return {"speaker": ln.replace(" ", "")}
        if "会议" in ln or _DATE.search(ln):
            after_meeting = True
    return {}


def meta_from_header(text: str, max_lines: int = 12) -> dict[str, Any]:
    """Date, meeting, speaker and speaker title from a report's first lines.

    Parameters
    ----------
    text : str
        The report text (raw or normalised).
    max_lines : int
        How many non-empty lines at the top to inspect.

    Returns
    -------
    dict
        Only the fields that were found.

    Examples
    --------
    >>> h = "政府工作报告\\n——2023年1月12日在天津市津南区北闸口镇\\n\\n第十五届人民代表大会第三次会议上\\n北闸口镇人民政府镇长　张明熠\\n"
    >>> m = meta_from_header(h)
    >>> m["date"], m["speaker"], m["speaker_title"], m["meeting"]
    ('2023-01-12', '张明熠', '北闸口镇人民政府镇长', '天津市津南区北闸口镇第十五届人民代表大会第三次会议')
    """
    from govtext.text.normalize import normalize

    lines = [ln.strip() for ln in normalize(text[:3000]).splitlines() if ln.strip()][:max_lines]
    out: dict[str, Any] = {}
    head = "".join(ln for ln in lines if len(ln) <= 80 or "会议" in ln[:120])
    dm = _DATE.search(head[:400])
    if dm:
        y, mo, d = (chinese_to_int(dm.group(g)) for g in ("y", "m", "d"))
        if y and mo and d and 1900 < y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            out["date"] = f"{y:04d}-{mo:02d}-{d:02d}"
            out["year"] = y
    mm = _MEETING.search(head[:400])
    if mm:
        place = re.sub(r"\s+", "", mm.group("place"))
        meeting = re.sub(r"\s+", "", mm.group("meeting"))
        out["meeting"] = place + meeting
        if "全国人民代表大会" in meeting:
            out["level"], out["region"] = "national", "中国"
        elif place:
            out["region"] = place
            lvl = _level_from_place(place)
            if lvl:
                out["level"] = lvl
    out.update(_speaker(lines))
    return out
