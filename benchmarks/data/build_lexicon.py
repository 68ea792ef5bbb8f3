"""Rebuild govtext/tokenize/lexicon/policy_terms.tsv (see govtext/tokenize/lexicon/SOURCES.md).

Usage::

    python benchmarks/data/build_lexicon.py SHARED_DIR   # e.g. ../shared

Inputs: the hand-curated list ``lexicon_curated.tsv`` (this folder), the quoted
expressions of the reports of SHARED_DIR/corpus *except* the held-out reports of
``heldout_reports.txt``, recurring n-grams of the same reports found by
``govtext.discover_terms`` and reviewed by hand (``lexicon_ngrams_rejected.txt`` lists
the rejected ones), ``SHARED_DIR/eval/lexicons/gwr_2008_2022_quoted_terms.tsv`` and
THUOCL (MIT) place and finance lists, filtered as described in SOURCES.md.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "govtext" / "tokenize" / "lexicon" / "policy_terms.tsv"

# quoted expressions that are metaphors, colloquialisms or generic words, not terms
METAPHORS = set(
    """护城河 一刀切 牛鼻子 加速度 好日子 最后一公里 最初一公里 零容忍 领跑者 一对一 中梗阻 会客厅
    大水漫灌 大锅饭 温度 瓶颈 朋友圈 硬骨头 组合拳 软实力 里子 面子 小事情 家门口 压舱石 桥头堡
    含金量 含绿量 烟火气 质感 实干家 救命钱 清谈客 蛋糕 定心丸 四两拨千斤 帽子 梦想 穷帽子 保护伞
    关系网 钉钉子 舌尖上的安全 形象工程 政绩工程 微腐败 新颜值 颜值 高质量 高效 办成 提质 升级 并重
    并举 加码 有解 废品 自由 人民 质量 创新 优秀 保护 市场 引擎 空间 容易 不行 特色 绿色 数字化
    合作 融合 落实 经验 红线 青山 蓝天 碧水 窗口 花园 菜园 果园 未来 和平 阳光 廉洁 民主 睡眠 门户
    高地 龙头 链条 草根 网红 发动机 加油站 加速器 满堂红 灰犀牛 黑天鹅 白名单 黑名单 红榜 赶考 点菜
    端菜 点菜单 金点子 热点 爆点 爆品 爆雷 洼地 活水 造血 输血供氧 蓄水池 防火墙 毛细血管 神经末梢
    半拉子 豆腐渣 牛皮癣 拦路虎 烫手山芋 钉子户 一把手 一盘棋 一本账 一条龙 一揽子 一站式 走流程
    限塑 禁塑 禁令 裁军 倾销 杀人 失败了 垮台了 崩溃了 破产了 容易线 大家 小家 外行 内行 服务员
    奋斗者 国家队 头部 腰部 胡子 笼子 框框 摊子 盘子 大盘子 套餐 总开关 方向舵 稳定器 主引擎
    减法 乘法 加法 除法 热钱 钱荒 漫游 空转 看得见的手 看不见的手 半壁江山 东方之星 创客 城中村 绿色通道
    被脱贫 洋垃圾 顶天立地 衣食住行 诗和远方 千里马 一方水土难养一方人 梦里水乡、北国江南 四不离""".split()
)
# review rules for recurring n-grams: anything with these pieces is a generic phrase
GENERIC = re.compile(
    r"(我们|代表|感谢|必须|能够|已经|进一步|这样|一些|许多|所占|的|了|过去|今年|去年|明年|明显|有效|充分|结果|应当"
    r"|连续|百分之|一九|二〇|比去年|比上年|千方百计|正确|认真|坚决|坚定|不断|逐步|初步|全面|积极|继续|切实|努力"
    r"|大力|要求|条件|形势|问题|困难|矛盾|时期|阶段|方面|之一|同志|我国|我省|我市|我县|全体|广大|各级|各族|各国"
    r"|那么|如前|只有|总的|事实|归根|现在|目前|当前|较大|较多|很多|以上|以下|上述|一定|重大|重要|加以|予以|给予"
    r"|做到|取得|作为|得到|位居|居全|实现|开展|加强|加快|推进|推动|坚持|提高|增加|减少|扩大|改善|改进|解决|处理"
    r"|克服|保持|保证|确保|促进|发挥|营造|满足|适应|应对|破解|拓展|延伸|调整|反对|关心|发扬|弘扬|贯彻|落实|学习"
    r"|深刻|领悟|密切|紧密|共同|团结|鼓足|奋力|奋勇|奋斗|拼搏|砥砺|锲而|勠力|众志|共克|只争|齐心|同心|凝心|勤俭"
    r"|精打|善作|展望|意义|机遇|成绩|成就|队伍|时有|有所|顺利|正式|成功|圆满|整体|呈现|新气象|新局面|建成|竣工"
    r"|完成|启动|全线|比较|显著|稳步|大幅|合理|妥善|严格|严厉|严肃|实际|计划安排|计划规定|计划草案|届人民|次会议"
    r"|同世界|季度|本届|年来|起来|一批|更多|全力|力争|注意|重视|抓紧|抓好|做好|办好|打造|谋划|布局|形成|建立"
    r"|建设|发展|结合|围绕|抓住|把握|牢固|牢牢|树立|紧紧|集中|精心|用足|用好|管好|主动|依靠|采取|运用|入选|获评"
    r"|纳入|列入|成为|达到|分别|累计|预计|左右|亿元|万元|万吨|万人|千|百|十分|特别|十|之力|请予|审议|名词|解释"
    r"|结合起来|来之不易|任重道远|倍感|振奋|鼓舞|充满|迈上|迈出|站在|赢得|奠定|打下|作出|贡献|美好|伟大|光荣"
    r"|不会|加大$|丰富$|人数$|利益$|改变$|较大$|优势$|机构$|荣誉称号|纲要草案)"
)
# curated names kept whole although they contain a shorter listed term
KEEP_WHOLE = {
    "新发展理念",
    "新发展格局",
    "新发展阶段",
    "两不愁三保障",
    "六稳六保",
    "党的二十大",
    "党的十九大",
    "党的十八大",
    "河（湖）长制",
    "河湖长制",
    "京津冀协同发展",
    "黄河流域生态保护和高质量发展",
}
SUFFIX_CAT = [
    (("工程", "计划", "行动", "年", "工作法", "战略", "攻坚", "革命", "改革", "战"), "programme"),
    (("制", "清单", "中心", "平台", "机制"), "institution"),
]


def lines(p: Path) -> list[str]:
    return [
        x.strip()
        for x in p.read_text(encoding="utf-8").splitlines()
        if x.strip() and not x.startswith("#")
    ]


def quoted_category(q: str) -> str:
    for sufs, cat in SUFFIX_CAT:
        if q.endswith(sufs):
            return cat
    return "slogan"


def main(shared: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import govtext as gt
    from govtext.tokenize.discover import candidate_ok, discover_terms

    held = set(lines(HERE / "heldout_reports.txt"))
    files = [f for f in sorted((shared / "corpus").glob("*.txt")) if f.name not in held]
    texts = [gt.normalize(f.read_text(encoding="utf-8")) for f in files]
    rows: dict[str, tuple[str, str, str]] = {}  # term -> (category, canonical, source)

    def add(term: str, cat: str, canon: str, source: str) -> None:
        term = gt.normalize(term).strip()
        if not term or term in rows:
            return
        rows[term] = (cat, gt.normalize(canon).strip() or term, source)

    # 1. hand-curated
    with open(HERE / "lexicon_curated.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            add(r["term"], r["category"], r["canonical"] or r["term"], "curated")

    # 2. quoted expressions in the reports (held-out reports excluded)
    qcount: Counter[str] = Counter()
    qdocs: dict[str, set[int]] = defaultdict(set)
    for i, t in enumerate(texts):
        for m in re.finditer(r"“([^“”\n，。；：！？,;:!?\[\]]{2,12})”", t):
            q = m.group(1).strip()
            qcount[q] += 1
            qdocs[q].add(i)
    for q, c in sorted(qcount.items(), key=lambda x: (-x[1], x[0])):
        if q in METAPHORS or re.fullmatch(r"[\d.+·×\-、 NX]+", q) or len(q) > 10:
            continue
        if not re.search(r"[\u4e00-\u9fff]", q):
            continue
        formula = bool(re.match(r"[一二两三四五六七八九十百千万双]", q)) or "+" in q or "、" in q
        if len(qdocs[q]) >= 2 or c >= 2 or formula:
            add(q, quoted_category(q), q.replace("、", "") if False else q, "corpus-quoted")

    # 3. public list derived from state documents (2008-2022 central reports)
    gwr = shared / "eval" / "lexicons" / "gwr_2008_2022_quoted_terms.tsv"
    for line in lines(gwr):
        q = line.split("\t")[0]
        if q not in METAPHORS:
            add(q, quoted_category(q), q, "gwr-2008-2022-quoted")

    # 4. recurring n-grams, reviewed
    rejected = set(lines(HERE / "lexicon_ngrams_rejected.txt"))
    df = discover_terms(texts, min_count=10, min_doc_freq=5, min_pmi=3.0, min_entropy=2.0)
    for term in df["term"]:
        if (
            len(term) >= 4
            and candidate_ok(term)
            and term not in rejected
            and not GENERIC.search(term)
        ):
            add(term, ngram_category(term), term, "corpus-ngram-reviewed")

    # 5. THUOCL (MIT): place names of administrative units, finance indicator names
    lex = shared / "eval" / "lexicons"
    bad_area = re.compile(
        r"(景区|社区|园区|开发区|工业区|风景区|保护区|示范区|试验区|实验区|城区|市区|郊区|地区|小区|校区|灾区|山区"
        r"|牧区|矿区|库区|老区|街区|商区|林区|农区|片区|辖区|港区|湾区|特区|禁区|功能区|住宅区|商业区|生活区|旅游区"
        r"|度假区|集聚区|核心区|城市|都市|超市|门市|夜市|股市|楼市|车市|黑市|集市|上市|城县)$"
    )
    # one administrative level per entry (河南省南乐县 would straddle 河南省), no street
    # or market names (福苑北区, 骡马市)
    multi_level = re.compile(
        r"(省|自治区|^省会).|市.+[区县]$|[东南西北中一二三四五六七八九十]区$|管区$|[菜马花鱼街]市$|园.?区$"
    )
    for line in lines(lex / "thuocl_diming.tsv"):
        w = line.split("\t")[0].lstrip("\ufeff")
        if (
            3 <= len(w) <= 8
            and re.fullmatch(r"[\u4e00-\u9fff]+", w)
            and not bad_area.search(w)
            and not multi_level.search(w)
        ):
            if re.search(r"(省|自治区|市|县|自治州|自治县|旗|盟|区)$", w):
                add(w, "place", w, "THUOCL-diming")
    ind = re.compile(
        r"(总值|总额|总收入|增加值|失业率|负债率|城镇化率|物价指数|价格指数|零售总额|储蓄率|参保率|覆盖率)$"
    )
    for line in lines(lex / "thuocl_caijing.tsv"):
        w = line.split("\t")[0].lstrip("\ufeff")
        if len(w) >= 3 and ind.search(w):
            add(w, "indicator", w, "THUOCL-caijing")
    # places named in the file names of the non-held-out reports
    for f in files:
        region = f.stem.split("_", 2)[-1]
        for part in re.findall(r".+?(?:自治区|省|自治州|市|县|区|镇|乡)", region):
            if part != "中国":
                add(part, "place", part, "corpus-filenames")

    # 6. atomic terms: drop "term + generic word" compounds (乡村振兴战略, 中央八项规定, 特色产业集群):
    # a token covering them would straddle the shorter term's edge
    import jieba

    jt = jieba.Tokenizer()
    jt.initialize()
    names = set(rows)
    for term in sorted(rows, key=len):
        if rows[term][2] == "curated":  # reviewed by hand: kept as written
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff]+", term) or len(term) < 4 or rows[term][0] == "place":
            continue
        for k in range(1, len(term)):
            a, b = term[:k], term[k:]
            for inner, rest in ((a, b), (b, a)):
                if len(inner) >= 2 and inner in names and rows[inner][0] != "place":
                    both = rest in names
                    formula = re.match(r"[一二两三四五六七八九十双]", term) and both
                    generic = (
                        jt.FREQ.get(rest, 0) > 0 or len(rest) <= 2 or _dict_words(jt, rest) <= 2
                    )
                    if not formula and (both or generic):
                        names.discard(term)
    dropped = set(rows) - names
    for term in dropped:
        del rows[term]
    print(f"dropped {len(dropped)} compounds of a listed term and a generic word")

    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(["term", "category", "canonical", "source"])
    for term in sorted(
        rows,
        key=lambda t: (
            ["slogan", "programme", "indicator", "institution", "place"].index(rows[t][0]),
            rows[t][2],
            t,
        ),
    ):
        cat, canon, src = rows[term]
        w.writerow([term, cat, canon, src])
    OUT.write_text(out.getvalue(), encoding="utf-8")
    print(f"{len(rows)} entries -> {OUT}")
    print(Counter(v[0] for v in rows.values()), Counter(v[2] for v in rows.values()))


def _dict_words(jt, s: str) -> int:
    """How many jieba dictionary words ``s`` splits into (99 if a piece is unknown)."""
    pieces = jt.lcut(s, HMM=False)
    if any(len(p) > 1 and jt.FREQ.get(p, 0) == 0 for p in pieces) or any(
        len(p) == 1 for p in pieces
    ):
        return 99
    return len(pieces)


def ngram_category(term: str) -> str:
    if re.search(r"(总值|总额|收入|支出|增加值|投资|产量|面积|率|指数|余额|消费|人口)$", term):
        return "indicator"
    if re.search(
        r"(委员会|人民政府|政府|人大|政协|法院|检察院|局|厅|办公室|中心|企业|院|所|站|制度|机制|清单)$",
        term,
    ):
        return "institution"
    if re.search(r"^[一二两三四五六七八九十]", term):
        return "slogan"
    return "programme"


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
