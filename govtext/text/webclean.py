"""Cleaning text taken from web pages: pinyin, traditional script, page furniture, placeholders.

Township reports are mostly found as web pages on township and county sites or copied onto
document-sharing sites (文库). Their text carries noise that a tokenizer turns into keywords:

* **pinyin or zhuyin annotations** after characters (``鎮(zhèn)長``, ``现（xiàn）在``,
  ``长(zhang3)``, ``镇ㄓㄣˋ``): removed (:func:`remove_pinyin`);
* **traditional script**: converted to simplified with OpenCC (:func:`to_simplified`);
* **page furniture** of sharing and government sites: upload notices, ``页数``/``第N页``
  lines, 举报/下载/阅读 counters, ``XX文库`` lines, navigation, repeated titles: whole lines
  dropped (:func:`drop_furniture`);
* **anonymisation placeholders** (``XX``, ``XXX``, ``**``, ``×××``, ``某镇``, ``X月X日``,
  ``X.X亿元``): kept in the text, but never tokens of analysis (:func:`is_placeholder` is
  the token filter's test).

:func:`clean_web_text` runs the steps whose signs it finds and says which it ran. Cleaning
only removes Latin letters, bopomofo, brackets and whole furniture lines, and converts
characters one by one; it never drops a Chinese character of a report's body.
"""

from __future__ import annotations

import re
import unicodedata
import warnings

from govtext.errors import InputError

__all__ = [
    "clean_web_text",
    "remove_pinyin",
    "to_simplified",
    "looks_traditional",
    "drop_furniture",
    "is_placeholder",
    "is_noise_token",
    "has_placeholders",
    "STEPS",
]

STEPS = ("pinyin", "t2s", "furniture", "placeholders")

_HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"

# ------------------------------------------------------------------ pinyin and zhuyin
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PY_CHAR = f"[a-züɑɡı{_TONE_MARKS}\\u0300-\\u036f]"
_SYL = f"{_PY_CHAR}{{1,7}}[1-5]?"
_BRACKETED = re.compile(
    f"(?<=[{_HAN}])(?P<lead>[ \\t])?[(（][ \\t]*(?P<py>{_SYL}(?:[ \\t'’·-]+{_SYL}){{0,7}})[ \\t]*[)）]"
    f"(?P<trail>[ \\t](?=[{_HAN}]))?"
)
_BARE = re.compile(
    f"(?<=[{_HAN}])(?P<lead>[ \\t])?(?P<py>{_SYL})(?![A-Za-z0-9])(?P<trail>[ \\t](?=[{_HAN}]))?"
)


def _spaces_left(m: re.Match[str]) -> str:
    """镇 (zhèn) 长 -> 镇长, but 長(zhǎng) 張三 keeps the space that was the text's own."""
    return "" if m.group("lead") or not m.group("trail") else m.group("trail")


_ZHUYIN = re.compile(
    f"(?<=[{_HAN}])(?:[ \\t]?[(（][ \\t]*(?P<a>[˙]?[\\u3105-\\u312f\\u31a0-\\u31bf]{{1,4}}[ˊˇˋ˙]?"
    f"(?:[ \\t]+[˙]?[\\u3105-\\u312f\\u31a0-\\u31bf]{{1,4}}[ˊˇˋ˙]?)*)[ \\t]*[)）]"
    f"|[˙]?[\\u3105-\\u312f\\u31a0-\\u31bf]{{1,4}}[ˊˇˋ˙]?)"
)
_PY_HINT = re.compile(
    f"[(（][ \\t]*[a-züɑɡı]|[{_TONE_MARKS}\\u0300-\\u036f\\u3105-\\u312f\\u31a0-\\u31bf]"
)
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ao|an|ei|en|er|ia|ie|in|"
    "iu|io|ou|ua|ue|ui|un|uo|ve|vn|a|e|i|o|u|v)"
)
_VALID_SYL = re.compile(f"{_INITIAL}{_FINAL}|ng|hm|hng|m|n")


def _plain(syl: str) -> tuple[str, bool]:
    """A syllable without tone (``zhèn`` -> ``zhen``) and whether it carried one."""
    toned = syl[-1] in "12345"
    syl = syl.rstrip("12345")
    out = []
    for ch in unicodedata.normalize("NFD", syl):
        if unicodedata.combining(ch):
            if ch == "\u0308":  # the diaeresis of ü is a letter, not a tone
                if out and out[-1] == "u":
                    out[-1] = "v"
            else:
                toned = True
            continue
        out.append(ch)
    plain = "".join(out).replace("ü", "v").replace("ɑ", "a").replace("ɡ", "g").replace("ı", "i")
    return plain, toned


def _pinyin_ok(group: str, *, need_tone: bool) -> bool:
    syls = [s for s in re.split(r"[ \t'’·-]+", group) if s]
    if not syls:
        return False
    toned = False
    for s in syls:
        plain, t = _plain(s)
        if not _VALID_SYL.fullmatch(plain):
            return False
        toned = toned or t
    return toned or not need_tone


def _bare_ok(py: str) -> bool:
    return any(c in _TONE_MARKS for c in unicodedata.normalize("NFC", py)) and _pinyin_ok(
        py, need_tone=True
    )


def remove_pinyin(text: str, *, strict: bool = True) -> tuple[str, int]:
    """Remove pinyin or zhuyin annotations written after Chinese characters.

    Parameters
    ----------
    text : str
    strict : bool, default True
        Act only on a text with at least three annotations with a tone (a tone mark or a
        tone number), so that a single gloss of a rare character (``糃（táng）``) stays;
        ``False`` removes every annotation, toneless pinyin in brackets (``镇(zhen)``) too.

    Returns
    -------
    (str, int)
        The text and the number of annotations removed. Only Latin letters, bopomofo,
        tone marks and the brackets around them are removed.

    Examples
    --------
    >>> remove_pinyin("鎮(zhèn)長工作報告，現（xiàn）在，长(zhang3)，們(men)，GDP(gdp)")
    ('鎮長工作報告，現在，长，們，GDP(gdp)', 4)
    >>> remove_pinyin("镇ㄓㄣˋ长ㄓㄤˇ政ㄓㄥˋ府")
    ('镇长政府', 3)
    >>> remove_pinyin("糃（táng）：古同“糖”")  # one gloss is not an annotated page
    ('糃（táng）：古同“糖”', 0)
    """
    if not _PY_HINT.search(text):  # no bracketed letters, tone marks or bopomofo: nothing to do
        return text, 0
    toned = [
        m.span() for m in _BRACKETED.finditer(text) if _pinyin_ok(m.group("py"), need_tone=True)
    ]
    toned += [m.span() for m in _BARE.finditer(text) if _bare_ok(m.group("py"))]
    toned += [m.span() for m in _ZHUYIN.finditer(text)]
    if strict and len(toned) < 3:
        return text, 0
    count = 0

    def bracketed(m: re.Match[str]) -> str:
        nonlocal count
        if _pinyin_ok(m.group("py"), need_tone=False):
            count += 1
            return _spaces_left(m)
        return m.group(0)

    def bare(m: re.Match[str]) -> str:  # ruby text reduced to text: 鎮zhèn長zhǎng
        nonlocal count
        if _bare_ok(m.group("py")):
            count += 1
            return _spaces_left(m)
        return m.group(0)

    def zhuyin(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return ""

    text = _BRACKETED.sub(bracketed, text)
    text = _BARE.sub(bare, text)
    text = _ZHUYIN.sub(zhuyin, text)
    return text, count


# ------------------------------------------------------------------ traditional script
# The 320 traditional characters most frequent in reports (their simplified forms counted
# over 178 reports; none of them occurs in a simplified report), plus common Taiwan forms.
_TRADITIONAL = frozenset(
    "業發國進產實設經動會強區資體農務濟開爲個項現堅長創對點質們續規機學級萬縣優穩場義"
    "決關劃結標總環羣億計時積領鄉態極來統調構費這導過衆應於辦內營戰醫爭題術範護達與問"
    "風嚴運黨協電準轉園擴幹監礎兩確種際線數鎮繼員聯險勢貧廣綜財權專臺興條當職綠養團預"
    "後難間斷網備遊別變節處從價須組減軍貿並責貫氣習認還帶試門驗將議衛緊類稅復徹單療揮"
    "東鬥奮顯籌車讓戶觀較執頭圍維糧藥識額織審補適層約雙裏採勞屆裝視鏈舉傳歷鞏無證滿勵"
    "佔參隊評給階見鐵災績脫違幫據負記則畝壓擔獲順蓋況論啓謀債邊報競針廠華擊書壯築兒貸"
    "礦熱噸夠樣鍵銷連盡紀響選踐終張榮貨許繞潔勝徵銀亂購遠龍儲檢舊揚麗餘遷測樹館沒陽撐"
    "訓輸說請細絡師艱屬匯亞偉覺該豐灣藝納馬莊幾圖殘獻顧紅賽輕敗庫諧厲鋼愛頓邁崗蘇換臨"
    "為眾啟裡麼"
)


def looks_traditional(text: str, *, min_share: float = 0.02, min_count: int = 3) -> bool:
    """True when ``text`` is written in traditional characters.

    At least ``min_count`` characters, and ``min_share`` of all Chinese characters, must be
    frequent traditional-only forms (``們``, ``發``, ``鎮`` …), so a simplified report
    that quotes a traditional name is not converted. Needs no OpenCC.

    Examples
    --------
    >>> looks_traditional("鎮長工作報告"), looks_traditional("镇长工作报告")
    (True, False)
    """
    n_trad = len(_TRADITIONAL_RE.findall(text))
    if n_trad < min_count:
        return False
    return n_trad >= min_share * len(_HAN_RE.findall(text))


_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
_HAN_RE = re.compile("[\u4e00-\u9fff]")
_t2s = None


def to_simplified(text: str) -> str | None:
    """Traditional to simplified characters with OpenCC (``t2s``); ``None`` without OpenCC.

    Without OpenCC a warning says to install it (``pip install 'govtext[zh]'``).

    Examples
    --------
    >>> to_simplified("寺家莊鎮人民政府")
    '寺家庄镇人民政府'
    """
    global _t2s
    if _t2s is None:
        try:
            import opencc
        except ImportError:
            warnings.warn(
                "text in traditional characters is kept as it is: converting it to simplified "
                "needs OpenCC; install it with: pip install 'govtext[zh]'",
                UserWarning,
                stacklevel=3,
            )
            return None
        _t2s = opencc.OpenCC("t2s")
    return _t2s.convert(text)


# ------------------------------------------------------------------ page furniture
_SITES = (
    "文库|道客巴巴|豆丁|原创力文档|人人文档|文档网|范文网|文秘网|文档之家|淘豆网|金锄头|"
    "book118|docin|doc88|wenku|wendang|renrendoc|taodocs|jinchutou|360doc|个人图书馆|"
    "文档投稿|百度一下"
)
_FURNITURE_SHORT = re.compile(  # anywhere in a line of at most 60 characters
    f"(?:{_SITES})|"
    r"上传(?:者|人|时间|日期|于)|文档贡献者|贡献于|页数|共\s*\d+\s*页|"
    r"(?:下载|阅读|浏览|访问|点击|收藏|举报|分享|评论)(?:次数|量|数|券|积分|人数)|"
    r"\d+\s*(?:人|次)?\s*(?:已)?(?:阅读|下载|浏览|收藏|举报|点赞)|"
    r"^(?:阅读|下载|浏览)(?:量|次数|数)?\s*[:：]\s*\d+|"
    r"本文档|文档格式|文档大小|文档分类|内容提供方|如有侵权|侵权请|侵权投诉|免责声明|版权所有|"
    r"ICP备|网站地图|联系我们|阅读已结束|需要登录|登录后|^(?:文件)?(?:格式|大小|价格|评分)\s*[:：]|"
    r"\.(?:docx?|pdf|wps|txt)\b|立即下载|免费下载|下载文档|下载本文|下载此文档|VIP|开通会员|"
    r"加入会员|付费(?:下载|文档|阅读)|"
    r"展开全文|点击查看|继续阅读|查看更多|相关文档|相关推荐|猜你喜欢|你可能喜欢|"
    r"上一篇|下一篇|上一页|下一页|返回顶部|打印本页|关闭窗口|分享到|扫一扫|"
    r"当前位置|您的位置|所在位置|您现在的位置"
)
_FURNITURE_LINE = re.compile(  # the whole line
    r"第\s*[0-9一二三四五六七八九十百]+\s*页(?:\s*[/，,、]?\s*共\s*\d+\s*页)?|"
    r"(?:首页|主页)(?:\s*[>»›＞/|]\s*[^\n>»›＞]{1,20})+\s*[>»›＞]?|"
    r"[^\n。；]{0,30}(?:[>»›＞]\s*[^\n。；>»›＞]{1,20}){2,}|"
    r"【?\s*(?:字体|字号)\s*[:：]?\s*[大中小\s|]*】?.*|"
    r"(?:发布时间|发布日期|发布机构|来源|信息来源|作者|编辑|责任编辑|索引号|文号|浏览次数|点击数)\s*[:：].{0,60}|"
    r"(?:打印|关闭|收藏|分享|举报|下载|纠错|评分|展开|收起)"
    r"(?:\s*[|｜/]?\s*(?:打印|关闭|收藏|分享|举报|下载|纠错|评分|展开|收起))*|"
    r"(?i:page)\s*\d+(?:\s*(?i:of)\s*\d+)?"
)
# page numbers are furniture only on a page that shows other furniture (a bare number line
# may be a table's row number)
_PAGE_NUMBER = re.compile(r"[-—－]\s*\d{1,3}\s*[-—－]|\d{1,3}\s*/\s*\d{1,3}")
_END_SENTENCE = re.compile(r"[。！？；]$")
# a page's <title>: 柳河乡2022年政府工作报告_政府工作报告_青山县人民政府, …报告 - 百度文库
_TITLE_SUFFIX = re.compile(
    r"(?P<title>[^_|｜。，]{2,60}?报告)\s*(?P<sep>_|\s[-|｜–—]\s?|[|｜])(?P<site>[^。，]{1,60})"
)


def _site_like(sep: str, site: str) -> bool:
    """True when the part after a title's separator names a web site, not a subtitle
    (``——2024年1月5日在甲县第十七届人民代表大会第三次会议上`` stays)."""
    if re.search(r"\d{4}\s*年|\d+\s*月\s*\d+\s*日|会议|代表大会|[在于].{0,20}上$", site):
        return False
    if "_" in sep or "|" in sep or "｜" in sep:
        return True
    return bool(re.search(f"(?:{_SITES})|人民政府|政府网|门户|政务公开|网站|网$", site))


def _furniture(line: str) -> bool:
    s = line.strip().strip("【】[]()（）|｜")
    if not s:
        return False
    if _FURNITURE_LINE.fullmatch(s):
        return True
    return len(s) <= 60 and bool(_FURNITURE_SHORT.search(s)) and not _ends_body(s)


def _ends_body(s: str) -> bool:
    # a sentence of the body that merely mentions 下载/举报 keeps its line
    return bool(_END_SENTENCE.search(s)) and not re.search(
        f"(?:{_SITES})|上传|侵权|本文档|下载本文|下载文档", s
    )


def drop_furniture(text: str, *, force: bool = False) -> tuple[str, int]:
    """Drop the lines of page furniture (sharing-site notices, counters, navigation, page
    numbers, repeated titles).

    A line is dropped only as a whole; a page title keeps its first part
    (``甲镇政府工作报告_政务公开_乙县人民政府`` -> ``甲镇政府工作报告``). Page numbers (``- 3 -``, ``3/12``) and later copies
    of the title (a short line naming a 报告; its first occurrence is kept) are dropped only
    on a page that shows other furniture, or with ``force=True``.

    Returns
    -------
    (str, int)
        The text and the number of lines dropped or shortened.

    Examples
    --------
    >>> t = "XX镇政府工作报告 - 百度文库\\n上传者：abc 页数：5页\\nXX镇政府工作报告\\n各位代表：\\n第2页\\nXX镇政府工作报告\\n全镇上下。"
    >>> drop_furniture(t)
    ('XX镇政府工作报告\\n各位代表：\\n全镇上下。', 5)
    """
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        tm = _TITLE_SUFFIX.fullmatch(ln.strip())
        if tm and len(tm.group("title")) <= 40 and _site_like(tm.group("sep"), tm.group("site")):
            lines[i] = tm.group("title")
    shortened = {i for i, (a, b) in enumerate(zip(lines, text.split("\n"))) if a != b}
    changed = bool(shortened)
    strong = [bool(ln.strip()) and _furniture(ln.strip()) for ln in lines]
    if not (force or changed or any(strong)):
        return text, 0
    out: list[str] = []
    titles: set[str] = set()
    n = 0
    for i, (line, drop) in enumerate(zip(lines, strong)):
        key = re.sub(r"\s+", "", line)
        if drop or key in titles or _PAGE_NUMBER.fullmatch(key):
            n += 1
            continue
        n += i in shortened
        if 4 <= len(key) <= 40 and ("报告" in key[-8:] or "報告" in key[-8:]):
            titles.add(key)
        out.append(line)
    return "\n".join(out), n


# ------------------------------------------------------------------ placeholders
_PH = "XxＸｘ×✕＊*□■"
_PLACEHOLDER = re.compile(
    f"[{_HAN}0-9.%]*[{_PH}]{{2,}}[{_HAN}0-9.%{_PH}]*"  # XX, XXX镇, ××村, **
    f"|[{_PH}](?:[.．][{_PH}])?(?:[{_HAN}%]{{1,3}})?"  # X, X月, X.X亿元, X%
    "|某{1,3}(?:镇|乡|村|县|区|市|街道|社区|同志|单位|企业|公司|项目)?"  # 某镇, 某某
)
_HAS_PLACEHOLDER = re.compile(
    f"[{_PH}]{{2,}}|(?<![A-Za-z])[Xx×](?:[.．][Xx×])?(?=[月日年号亿万%])|某(?:某|镇|乡|村|街道)"
)


def is_placeholder(token: str) -> bool:
    """True for an anonymisation placeholder (never a token of analysis).

    Examples
    --------
    >>> [is_placeholder(t) for t in ["XX", "XXX镇", "**", "×××", "某镇", "X月", "X.X亿元"]]
    [True, True, True, True, True, True, True]
    >>> [is_placeholder(t) for t in ["3x3", "GDP", "某些", "镇", "X光机"]]
    [False, False, False, False, False]
    """
    return bool(token) and bool(_PLACEHOLDER.fullmatch(token)) and token not in _NOT_PH


_NOT_PH = frozenset({"X光机", "X射线"})


_NOISE = re.compile(f"[{_TONE_MARKS}\\u0300-\\u036f\\u3105-\\u312f\\u31a0-\\u31bfˊˇˋ˙]")


_PH_HINT = re.compile(f"[{_PH}某]")


def is_noise_token(token: str) -> bool:
    """True for a token the filter never keeps: a placeholder, or a leftover of pinyin with
    tone marks or of zhuyin (``zhèn``, ``ㄓㄣˋ``).

    Examples
    --------
    >>> [is_noise_token(t) for t in ["XXX", "zhèn", "ㄓㄣˋ", "GDP", "乡村振兴"]]
    [True, True, True, False, False]
    """
    return is_placeholder(token) or bool(_NOISE.search(token))


def has_placeholders(text: str) -> bool:
    """True when ``text`` holds anonymisation placeholders.

    Examples
    --------
    >>> has_placeholders("镇长 XX"), has_placeholders("X月X日"), has_placeholders("镇长 王某")
    (True, True, False)
    """
    return bool(_PH_HINT.search(text)) and bool(_HAS_PLACEHOLDER.search(text))


# ------------------------------------------------------------------ all steps
def clean_web_text(text: str, clean: bool | str = "auto") -> tuple[str, list[str]]:
    """Clean text taken from a web page; return it with the list of steps that changed it.

    Parameters
    ----------
    text : str
        The report text as read.
    clean : {"auto", True, False}, default "auto"
        ``"auto"``: each step runs where its signs are found (annotations with tones,
        a traditional share of the characters, furniture lines). ``True``: every step runs
        (traditional-to-simplified conversion and toneless pinyin in brackets too).
        ``False``: the text is returned unchanged.

    Returns
    -------
    (str, list of str)
        The cleaned text and what was done, in order, among ``"pinyin"`` (annotations
        removed), ``"t2s"`` (converted to simplified), ``"furniture"`` (page lines dropped),
        ``"placeholders"`` (placeholders found; they stay in the text and the token filter
        drops them).

    Examples
    --------
    >>> text, done = clean_web_text("寺家莊鎮(zhèn)政府工作報(bào)告\\n第1页\\n鎮長 XX\\n現(xiàn)在，我代表鎮人民政府報告工作。")
    >>> print(text)
    寺家庄镇政府工作报告
    镇长 XX
    现在，我代表镇人民政府报告工作。
    >>> done
    ['pinyin', 't2s', 'furniture', 'placeholders']
    """
    if clean not in ("auto", True, False):
        raise InputError(f"clean must be 'auto', True or False, not {clean!r}")
    if clean is False:
        return text, []
    done: list[str] = []
    text, n = remove_pinyin(text, strict=clean == "auto")
    if n:
        done.append("pinyin")
    if clean is True or looks_traditional(text):
        conv = to_simplified(text)
        if conv is not None and conv != text:
            text = conv
            done.append("t2s")
    text, n = drop_furniture(text, force=clean is True)
    if n:
        done.append("furniture")
    if has_placeholders(text):
        done.append("placeholders")
    return text, done
