"""Metadata of township and street (乡镇、街道) reports read from their text.

Township reports found on web pages rarely come with a file name that says what they are,
but their text does: the title (``寺家庄镇2023年政府工作报告``), the speaker's line
(``寺家庄镇人民政府镇长　王某``, ``镇长 XX``) and the opening sentence
(``我代表镇人民政府，向大会报告工作``). Nothing is guessed: a field no line states stays
unknown, and a name that is a placeholder (``XX镇``, ``某镇``) is no region.
"""

from __future__ import annotations

import re
from typing import Any

from govtext.text.webclean import has_placeholders, looks_traditional, to_simplified

__all__ = ["meta_from_township_text"]

_H = "\u4e00-\u9fff"
_SUFFIX = r"(?:镇|乡|街道)"
# 寺家庄镇（人民政府）（2023年）（政府）工作报告
_PH = "XxＸｘ×＊*"
_TITLE = re.compile(
    rf"^(?:(?P<y1>\d{{4}})年(?:度)?)?(?P<name>[{_H}{_PH}]{{1,12}}?{_SUFFIX})"
    rf"(?:人民政府|政府|办事处)?(?:(?P<y2>\d{{4}})年(?:度)?)?(?:人民政府|政府)?工作报告"
)
# 寺家庄镇人民政府镇长, 北闸口镇人民政府代镇长, 和平街道办事处主任
_SPEAKER = re.compile(
    rf"(?P<name>[{_H}]{{1,12}}?(?:镇|乡))人民政府(?:代理|代)?(?:镇|乡)长"
    rf"|(?P<street>[{_H}]{{1,12}}?街道)办事处(?:代理|代)?主任"
)
_SPEAKER_TITLE_ONLY = re.compile(r"^(?:代理|代)?(?:镇长|乡长|街道办事处主任)(?:\s|$)")
_ORG = re.compile(r"(?<![乡城])镇人民政府|(?<![城])乡人民政府|街道办事处|(?<!乡)镇长|乡长")
_ON_BEHALF = re.compile(
    rf"我代表(?P<name>[{_H}{_PH}]{{0,12}}?)(?:(?:镇|乡)(?:人民)?政府|(?<=街道)办事处|街道办事处)"
)
_NOT_NAMES = re.compile(r"^(?:[全本我该各某每][镇乡]|乡镇|城镇|集镇|村镇|小城镇|重点镇|街道)$")


def _name_ok(name: str | None) -> str | None:
    if not name or has_placeholders(name) or name.startswith("某") or _NOT_NAMES.match(name):
        return None
    if "人民政府" in name or "工作报告" in name or len(name) < 2:
        return None
    return name


def meta_from_township_text(
    text: str, known: dict[str, Any] | None = None, max_lines: int = 15
) -> dict[str, Any]:
    """Level, township name and year of a township or street report, from its text.

    Parameters
    ----------
    text : str
        The report text (after cleaning: simplified characters).
    known : dict, optional
        Fields already read from the header (``date``, ``region`` …); a year is taken
        from the title only when the header has no date.
    max_lines : int
        How many non-empty lines at the top to inspect (the opening sentence
        ``我代表…人民政府`` is looked for in the first 3,000 characters).

    Returns
    -------
    dict
        ``level`` (``"township"``) when a line names a 镇/乡人民政府, a 街道办事处, a 镇长,
        乡长 or 街道办事处主任; ``region`` when the title, the speaker's line or the opening
        sentence names the township (never a placeholder such as ``XX镇``); ``year`` from
        a title such as ``寺家庄镇2023年政府工作报告``. Empty for other reports.

    Examples
    --------
    >>> meta_from_township_text("寺家庄镇2023年政府工作报告\\n各位代表：\\n现在，我代表镇人民政府，向大会报告工作。")
    {'level': 'township', 'region': '寺家庄镇', 'year': 2023}
    >>> meta_from_township_text("XX镇政府工作报告\\n镇长 XX\\n各位代表：")
    {'level': 'township'}
    >>> meta_from_township_text("甲县政府工作报告\\n现在，我代表县人民政府，向大会报告工作。")
    {}
    """
    from govtext.text.normalize import normalize

    head = normalize(text[:3000])
    if looks_traditional(head):  # metadata of a report loaded with clean=False
        head = to_simplified(head) or head
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:max_lines]
    out: dict[str, Any] = {}
    name = None
    year = None
    township = False
    for ln in lines:
        short = re.sub(r"\s+", "", ln)
        if len(short) > 60:
            continue
        tm = _TITLE.match(short)
        if tm:
            township = True
            name = name or _name_ok(tm.group("name"))
            y = tm.group("y1") or tm.group("y2")
            year = year or (int(y) if y and 1950 < int(y) < 2100 else None)
        sm = _SPEAKER.search(short)
        if sm:
            township = True
            name = name or _name_ok(sm.group("name") or sm.group("street"))
        if _SPEAKER_TITLE_ONLY.match(ln) or (
            len(short) <= 40 and "。" not in short and _ORG.search(short)
        ):
            township = True
    om = _ON_BEHALF.search(head)
    if om:
        township = True
        whole = om.group(0)[3:]
        org = re.search(rf"[{_H}{_PH}]{{1,12}}?{_SUFFIX}", whole)
        if om.group("name") and org:
            name = name or _name_ok(org.group(0))
    if not township:
        return {}
    out["level"] = "township"
    if name:
        out["region"] = name
    if year and not (known or {}).get("date"):
        out["year"] = year
    return out
