#!/usr/bin/env python3
"""gen-edition.py: a synthetic huibian edition of N submissions, for bench/.

usage: bench/gen-edition.py -n N -o DIR [--seed S] [--year Y] [--county NAME]
                            [--quotas 10,20,30] [--template bench-a4-12pt]
                            [--typst] [--check] [--check-fonts]

Writes, in exactly the format of input/2020 (see docs/edition-format.md):
  DIR/campaign.xml          window, rules, three tiers, results, preface, certificate
  DIR/submissions/*.xml     N DocBook 5.0 articles, about 1,400 字 each (never > 1500)
  DIR/images/*.png          six small portraits shared by the submissions with a photo,
                            and seal.png
  DIR/templates/bench-a4-12pt.xml
                            A4, 12 pt on an 18 pt pitch, 36 characters x 36 lines (the
                            issue-8 setting; --template compendium-a4 uses the house
                            template instead and writes none)
  DIR/bench-text.txt        the awarded articles as plain text, the input of the floor
                            program (bench/floor.c): a line "=TITLE" starts an article,
                            then one line per paragraph, heading or list item
  DIR/bench-book.xml        a DocBook 5.0 <book> that XIncludes the awarded articles
                            (for DocBook XSL + FOP, if installed)
  DIR/bench.typ             with --typst: the same text for Typst

Deterministic: the same -n, --seed, --year, --quotas give the same bytes (Python 3
standard library only; no hash-order dependence). The prose is recombined from
bench/phrases.txt, a phrase bank written for this benchmark; names, villages and
companies draw on a wide pool of common characters (GB 2312 level 1, which AR PL
UMing and WenQuanYi Zen Hei both cover) so that a 500-submission edition uses about
3,600 distinct Han characters, as the issue's benchmark does.

--check        after writing, the originality self-check: over the bodies normalised
               as src/rules/original.c does (Han, letters, digits), the longest run
               two bodies share and the largest share of a body covered by
               12-character shingles (the rule's K) of one other body, also for
               K=8. Stricter than the rule: it counts common phrasing too (the rule
               skips shingles found in more than 50 submissions). huibian warns at
               15% or a run of 50; the generator stays below both.
(always)       prints N, the awarded counts, 字数 min/max/mean and the number of
               distinct Han characters.
--check-fonts  verify that every character written is in both AR PL UMing (face 0)
               and WenQuanYi Zen Hei (reads the fonts' cmap tables; exit 1 if not).
"""

import argparse
import math
import os
import random
import re
import struct
import sys
import zlib
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTY = "青石县"
MAX_CHARS = 1500

# ---------------------------------------------------------------------------
# character pools

# Surnames across many stroke counts (丁 2 … 瞿 18), and compound ones.
SURNAMES = list(
    "丁卜刁于万马王方孔尹毛牛文邓石申龙叶卢田史白冯包兰古甘艾乔伍任刘孙朱江许阮庄池汤祁安成关吕"
    "杜李杨吴何余汪沈宋张陆陈邵苏严邱时肖应谷岑邹辛林罗周金郑孟武范季尚易岳庞欧房宗郎杭胡赵段姜洪"
    "侯施姚祝贺柏柳钟俞骆钱徐高夏袁郭唐殷倪秦聂顾凌桂晏莫耿黄曹崔康梁章盛麻阎常程彭董蒋谢曾韩傅焦"
    "童舒鲁温葛蓝雷詹虞赖廖谭熊翟黎潘颜滕樊薛霍穆戴魏鞠瞿") + [
    "欧阳", "司马", "诸葛", "上官", "东方", "夏侯", "皇甫", "尉迟", "公孙", "慕容", "令狐", "独孤"]
# Common surnames are more frequent (weights), as in any county.
COMMON_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾")

NAME_M = "建国华明伟军平海涛强磊洋勇杰斌超刚峰亮林波宁辉鹏飞云宇浩然轩博文泽昊俊志成德福贵山春阳光荣兴旺安康泰顺利和祥瑞庆喜金玉晨东岩松柏江河胜利学良忠诚义仁礼智信武彬锋毅铭哲恒凯旭晖鑫坤振卫民生新红永长国庆立新卫东向阳宏伟"
NAME_F = "芳秀英丽红兰艳娟霞玲敏静丹晓琳婷慧颖琴萍凤珍莉燕欣悦瑶嘉雪梅月星彩虹翠珠琼倩雯薇蕾媛娜妍洁清怡佳蓉菊莲荷桂香春华玉秋冬梦思诗雨露晴岚"
# Less common (GB 2312 level 2) characters that modern given names use; all in
# both default fonts (checked with --check-fonts).
NAME_L2 = "琪琦瑜璐瑾璇婧婕娅珂钰昊晗晟煜烨熠珏琰玮昕峥嵘淼沐潇泓滢芮茜萱蓓蕙菁荟苒翊羿骁骞濠漪灏炜焱珈琛瑛皓睿祺筠薇岚铮昶暄曦晔晖晁杲琨瑭璋璞琬婵娴嫣妤姝姣岑崧怡恺愫骥翎翕馨黛"
# Chars of place names (villages, towns, brands).
SCENIC = "山水河溪石岭坪坝湾塘桥岩松柏杏桃李梅竹茶枫柳杨槐桂兰菊荷莲云霞龙凤鹤鹰雁燕鹿马牛羊金银铜玉珠泉井湖港渡沟洼坡峰岗坳谷源田庄园林花青白红黄绿紫丹翠东西南北中上下前后新大小高长平安和兴隆丰盛太福寿康宁永乐清明双三五七九百千万星月日光阳春秋冬雪雷虹川洲沙滩堡寨营屯店铺集场坊"
# Characters kept out of names and places (unlucky, coarse or just odd there).
BLOCK = set(
    "死亡尸屎尿屁粪癌病毒杀奸淫妓娼贼盗骗鬼魔丑恶凶坟墓葬棺灾祸惨痛疾苦哭残废腐烂臭脏蛆蝇蚊虱猪狗驴"
    "裸乳奶孕胎嫖赌吸瘾疯癫傻呆蠢笨愚瞎聋哑瘫瘸跛疤疮疹痔瘤癣脓痰屉厕肛臀腚胯阴阳性精卵睾妾婊娼姘"
    "刑囚狱押拘罚诈贿赂赃污秽粪溺淹毙殡殇丧悼哀愁悲恨怨怒憎嫉妒贪婪吝啬懒惰骄傲狂妄昏庸腻膻腥馊霉"
    "蛇蝎蟑螂鼠蛆蚤虫蛔蠕蚂蚁蜈蚣蝗蛀啃咬吞噬舔吐呕泻拉撒屙拽踢踹殴揍砍剁斩劈宰屠剐戮杀枪炮弹爆炸"
    "黑暗凄冷惧怕慌乱忧悔愧羞耻辱贱卑劣坏毁灭绝败衰弱亏损欠债穷贫乞丐奴婢仆佣寡鳏孤独夭折"
    "氧氢氮氯氟碘硫磷砷汞铅锌锰钾钠钙镁铝钛钨铀钡铬镍钴锡锑铂氦氖氩氪氙氡烃烷烯炔醇醛酮酚酯胺苯"
    "吗呢吧啊哦嗯呀哟哎唉呸嘿嘻哈咦喂噢嘛哇呗啦咯"
    "的了着过们个这那哪么什谁你我他她它吗被把给对从向往于而且或但并则即既及与也又还都就才只再很更最太")
WIDE_EXTRA_BLOCK = set("坑扒扛抠抡掐捞")


def gb2312_level1():
    """The 3,755 characters of GB 2312 level 1 (the common ones), from Python's codec."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:
                break
            out.append(bytes([hi, lo]).decode("gb2312"))
    return out


PRODUCTS = ("香菇 茶叶 猕猴桃 柑橘 脐橙 黄桃 葡萄 草莓 蜂蜜 木耳 核桃 板栗 油茶 中药材 黄精 天麻 辣椒 生姜 "
            "莲藕 小龙虾 肉牛 黑山羊 土鸡 生猪 蚕桑 花卉 苗木 油菜 高山蔬菜 红薯 魔芋 竹笋 杨梅 枇杷 樱桃 "
            "金银花 百合 山药 芝麻 花生 大豆 荞麦 稻米 鲜桃 石榴 梨 苹果 西瓜 甜瓜 香菜 韭菜 芦笋 灵芝 茯苓 "
            "白芨 菊花 薰衣草 食用菌 鸭 鹅 鱼苗 甲鱼 牛蛙 泥鳅 蛋鸡").split()
INDUSTRIES = ("农业科技 食品 电子 新材料 纺织 机械制造 建材 生物医药 物流 茶业 家具 服装 陶瓷 竹木制品 "
              "汽车配件 包装印刷 光电 精密铸造 环保科技 酿造").split()
LATIN = ["5G", "GIS", "GPS", "AI", "WiFi", "Excel", "PPT", "LED", "VR", "CAD"]
HONOURS = ("优秀共产党员 劳动模范 先进工作者 五一劳动奖章 青年五四奖章 最美基层干部 优秀党务工作者 "
           "道德模范 “担当作为”好干部 优秀志愿者").split()
THEME_HONOURS = {
    "village": "优秀村党组织书记 脱贫攻坚先进个人 乡村振兴带头人",
    "clinic": "最美乡村医生 优秀医务工作者 抗疫先进个人",
    "school": "优秀教师 师德标兵 优秀班主任",
    "flood": "抗洪抢险先进个人 应急管理先进个人 见义勇为先进个人",
    "enterprise": "人民满意公务员 优化营商环境先进个人 纳税服务标兵",
    "community": "优秀社区工作者 人民满意政法干警 平安建设先进个人",
    "agritech": "农业技术推广先进个人 优秀护林员 科技特派员先进个人",
    "infra": "岗位能手 最美公路人 优秀新闻工作者",
    "justice": "优秀人民调解员 办案标兵 人民满意政法干警",
    "social": "民政工作先进个人 孝老爱亲模范 就业创业服务先进个人",
}
# A second theme a body borrows from: only neighbouring lines of work.
NEIGHBOURS = {
    "village": "agritech social enterprise", "clinic": "social community", "school": "social community",
    "flood": "infra community", "enterprise": "justice community", "community": "justice social clinic",
    "agritech": "village infra", "infra": "flood agritech", "justice": "community social",
    "social": "community village clinic",
}
HON_LEVEL = ["县级", "市级", "省级"]
CN_DIGITS = "零一二三四五六七八九"
HEAD_NUM = "一二三四五六七八九十"


def cn_num(n):
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


# ---------------------------------------------------------------------------
# 字数, exactly as huibian counts it (src/rules/count.c)

def is_latin_or_digit(c):
    o = ord(c)
    return (c.isalnum() and o < 0x2E80) or (0xFF10 <= o <= 0xFF19) or (0xFF21 <= o <= 0xFF3A) or (
        0xFF41 <= o <= 0xFF5A)


def count_block(s):
    n = 0
    in_run = False
    prev_digit = False
    for i, c in enumerate(s):
        if c.isspace() or c == "\u3000":
            in_run = False
        elif ord(c) < 0x20:
            pass
        elif is_latin_or_digit(c):
            if not in_run:
                n += 1
            in_run = True
            prev_digit = c.isdigit()
        elif in_run and prev_digit and c in ".," and i + 1 < len(s) and s[i + 1].isdigit():
            pass
        elif in_run and prev_digit and c == "%":
            in_run = False
        else:
            n += 1
            in_run = False
    return n


def is_han(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


# ---------------------------------------------------------------------------
# the phrase bank

def load_bank(path):
    bank = {}
    theme = kind = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("# ") or line == "#":
                continue
            if line.startswith("@theme "):
                theme = line.split()[1]
                bank.setdefault(theme, {})
                kind = None
            elif line.startswith("#"):
                kind = line[1:].strip()
                bank[theme].setdefault(kind, [])
            else:
                if theme is None or kind is None:
                    sys.exit("%s:%d: entry outside a theme or kind" % (path, lineno))
                bank[theme][kind].append(line.strip())
    return bank


ALT = re.compile(r"\[([^\[\]]*)\]")

# Words every template may have replaced by a synonym: they break the runs two
# bodies would otherwise share when they use the same phrase (the originality
# rule warns about shared passages, and real submissions do not share them).
SYNONYMS = {
    "群众": "群众|老百姓|百姓", "乡亲们": "乡亲们|老乡们|村民们", "建立了": "建立了|建起了", "帮助": "帮助|帮",
    "定期": "定期|按时|经常", "主动": "主动|积极", "积极": "积极|主动", "先后": "先后|陆续",
    "累计": "累计|共计|总共", "带领": "带领|带着|领着", "困难群众": "困难群众|困难户|生活困难的群众",
    "每天": "每天|天天|每日", "常常": "常常|经常|时常", "一直": "一直|始终", "全村": "全村|村里",
    "解决": "解决|化解", "成立了": "成立了|组建了", "建成了": "建成了|建起了",
    "一件一件": "一件一件|一件件|逐件", "手把手地": "手把手地|一点一点地|耐心地",
    "挨家挨户": "挨家挨户|逐家逐户|一户一户", "明显": "明显|显著", "提高": "提高|提升", "达到": "达到|达",
    "十分": "十分|非常|特别", "同时": "同时|与此同时", "患者": "患者|病人", "孩子们": "孩子们|娃娃们",
    "连续": "连续|一连", "深夜": "深夜|半夜", "走访": "走访|探访", "排查": "排查|摸排", "推广": "推广|推行",
    "指导": "指导|辅导", "年轻人": "年轻人|青年人", "一下子": "一下子|一下", "总是": "总是|常常|一向",
    "始终": "始终|一直", "认真": "认真|仔细", "发放": "发放|分发", "培养": "培养|培育", "难题": "难题|难处",
    "方便": "方便|便利",
}
SYN = re.compile("|".join(sorted((re.escape(k) for k in SYNONYMS), key=len, reverse=True)))
SLOT = re.compile(r"\{([A-Za-z0-9]+)(?::([^{}]*))?\}")


class Gen:
    def __init__(self, args):
        self.args = args
        self.year = args.year
        self.rng = random.Random(args.seed)
        self.bank = load_bank(os.path.join(HERE, "phrases.txt"))
        self.themes = sorted(t for t in self.bank if t != "generic")
        lvl1 = gb2312_level1()
        common = set(NAME_M + NAME_F + SCENIC)
        self.wide = [c for c in lvl1 if c not in BLOCK and c not in WIDE_EXTRA_BLOCK and c not in common]
        # Wide characters are dealt from a shuffled deck, edition-wide, so that the
        # edition covers as many as it has draws (~3,600 distinct Han at N=500).
        self.deck = []
        self.deck_rng = random.Random(args.seed * 17 + 3)
        self.name_l2 = list(dict.fromkeys(NAME_L2))
        self.scenic = list(dict.fromkeys(SCENIC))
        self.name_m = list(dict.fromkeys(NAME_M))
        self.name_f = list(dict.fromkeys(NAME_F))
        self.towns = self.make_towns()
        self.used_people = set()
        self.used_names = set()
        self.used_titles = set()

    # -- names and places ---------------------------------------------------
    def make_towns(self):
        r = random.Random(self.args.seed * 7 + 1)
        towns = ["城关街道", "东湖街道"]
        seen = set(towns)
        while len(towns) < 20:
            t = r.choice(self.scenic) + r.choice(self.scenic) + r.choice(["镇", "镇", "乡"])
            if t[0] != t[1] and t not in seen:
                seen.add(t)
                towns.append(t)
        return towns

    def wide_char(self):
        if not self.deck:
            self.deck = self.wide[:]
            self.deck_rng.shuffle(self.deck)
        return self.deck.pop()

    def place2(self, r):
        a = r.choice(self.scenic)
        b = self.wide_char() if r.random() < 0.6 else r.choice(self.scenic)
        if r.random() < 0.5:
            a, b = b, a
        return a + b if a != b else a + r.choice(self.scenic)

    def village(self, r):
        return self.place2(r) + "村"

    def surname(self, r):
        while True:
            s = r.choice(SURNAMES)
            if s in COMMON_SURNAMES or len(s) == 2 and r.random() < 0.4 or r.random() < 0.55:
                return s

    def given(self, r, sex, wide_share=0.3):
        pool = self.name_m if sex == "m" else self.name_f
        k = 1 if r.random() < 0.3 else 2
        out = ""
        for _ in range(k):
            x = r.random()
            if x < wide_share:
                out += self.wide_char()
            elif x < wide_share + 0.08:
                out += r.choice(self.name_l2)
            else:
                out += r.choice(pool)
        return out

    def person_name(self, r, sex):
        while True:
            n = self.surname(r) + self.given(r, sex, 0.25)
            if n not in self.used_names:
                self.used_names.add(n)
                return n

    def resident(self, r):
        return self.surname(r) + self.given(r, r.choice("mf"), 0.7)

    def resident_addr(self, r):
        s = self.surname(r)
        if len(s) == 2:
            s = s[0]
        return s + r.choice(["奶奶", "大爷", "大娘", "大姐", "大哥", "师傅", "婶", "伯", "阿姨", "老汉"]) if \
            r.random() < 0.85 else "小" + s

    def company(self, r):
        brand = self.place2(r)
        return (COUNTY if r.random() < 0.4 else "") + brand + r.choice(INDUSTRIES) + "有限公司"

    # -- template expansion -------------------------------------------------
    def expand(self, tpl, ctx):
        r = ctx.r
        tpl = SYN.sub(lambda m: "[%s]" % SYNONYMS[m.group(0)], tpl)
        for _ in range(8):
            new = ALT.sub(lambda m: r.choice(m.group(1).split("|")), tpl)
            if new == tpl:
                break
            tpl = new

        def slot(m):
            k, a = m.group(1), m.group(2)
            if k == "P":
                return ctx.pronoun()
            if k == "NAME":
                return ctx.name
            if k == "HON":
                return ctx.hon
            if k == "COUNTY":
                return COUNTY
            if k == "T0":
                return ctx.town
            if k == "T":
                return r.choice(self.towns)
            if k == "V0":
                return ctx.village
            if k == "V":
                return self.village(r)
            if k == "G":
                return cn_num(r.randint(1, 12)) + "组"
            if k == "R":
                return self.resident(r)
            if k == "RA":
                return self.resident_addr(r)
            if k == "CO":
                return self.company(r)
            if k == "BRAND":
                return self.place2(r)
            if k == "PROD0":
                return ctx.product
            if k == "PROD":
                return r.choice(PRODUCTS)
            if k == "LATIN":
                return r.choice(LATIN)
            if k == "JOB":
                return ctx.job or "负责人"
            if k == "UNIT":
                return ctx.unit
            if k == "Y":
                return str(r.randint(self.year - 9, self.year - 1))
            if k == "Y0":
                return str(self.year)
            if k == "M":
                return "%d月" % r.randint(1, 12)
            if k == "MD":
                return "%d月%d日" % (r.randint(1, 12), r.randint(1, 28))
            if k in ("n", "N"):
                lo, hi = (int(x) for x in a.split("-")) if "-" in a else (int(a), int(a))
                return str(r.randint(lo, hi))
            if k == "d":
                lo, hi = (int(x) for x in a.split("-"))
                return "%.1f" % r.uniform(lo, hi)
            if k == "c":
                lo, hi = (int(x) for x in a.split("-"))
                v = r.randint(lo, hi)
                return "两" if v == 2 else cn_num(v)  # 两个月, not 二个月
            if k == "pct":
                lo, hi = (int(x) for x in a.split("-"))
                return "%.1f" % r.uniform(lo, min(hi, 99.9))  # the template writes the %
            if k == "SQ":
                return self.expand(ctx.pick("sq"), ctx)
            if k == "VQ":
                return self.expand(ctx.pick("quote"), ctx)
            raise ValueError("unknown slot {%s} in %r" % (k, tpl))

        return SLOT.sub(slot, tpl)


class Ctx:
    """One submission being written: its random stream and what stays the same in it."""

    def __init__(self, gen, r, theme, theme2):
        self.g, self.r, self.theme, self.theme2 = gen, r, theme, theme2
        self.used = set()
        self.collective = False
        self.sex = "m"
        self.name = self.hon = self.unit = self.job = ""

    def pronoun(self):
        r = self.r
        if self.collective:
            return r.choice(["他们", "大家", "他们", "队员们" if self.theme == "flood" else "成员们"])
        x = r.random()
        if x < 0.18:
            return self.name
        return "他" if self.sex == "m" else "她"

    def pick(self, kind, themes=None):
        """An entry of this kind from the themes (own theme first), unused in this body if possible."""
        bank = self.g.bank
        if themes is None:
            weights = [(self.theme, 0.6), (self.theme2, 0.1), ("generic", 0.30)]
            r = self.r.random()
            acc = 0
            order = []
            for t, w in weights:
                acc += w
                if r < acc and not order:
                    order.append(t)
            order += [t for t, _ in weights if t not in order]
        else:
            order = themes
        for t in order:
            lst = bank.get(t, {}).get(kind, [])
            fresh = [i for i in range(len(lst)) if (t, kind, i) not in self.used]
            if fresh:
                i = self.r.choice(fresh)
                self.used.add((t, kind, i))
                return lst[i]
        for t in order:
            lst = bank.get(t, {}).get(kind, [])
            if lst:
                return self.r.choice(lst)
        raise KeyError(kind)


# ---------------------------------------------------------------------------
# one submission

def split_top(line):
    """Splits a unit line "UNIT|JOB|JOB" on the bars outside [alternatives]."""
    parts, depth, cur = [], 0, ""
    for ch in line:
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "["
        depth -= ch == "]"
        cur += ch
    return parts + [cur]


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_submission(g, idx):
    r = random.Random("%d/%d" % (g.args.seed, idx))
    theme = r.choice(g.themes)
    theme2 = r.choice(NEIGHBOURS.get(theme, "").split() or [t for t in g.themes if t != theme])
    c = Ctx(g, r, theme, theme2)
    c.town = r.choice(g.towns[2:]) if theme in ("village", "clinic", "flood", "school") else r.choice(g.towns)
    c.village = g.village(r)
    c.product = r.choice(PRODUCTS)
    tb = g.bank[theme]
    sid = "b%d-%04d" % (g.year, idx)

    c.collective = r.random() < 0.08 and bool(tb.get("collective"))
    addr = r.choice(tb["addr"][0].split("|"))
    for attempt in range(100):
        if attempt == 5:
            c.collective = False  # every collective of this theme and town is taken
        if c.collective:
            c.name = g.expand(r.choice(tb["collective"]), c)
            c.unit = c.name
            c.hon = "他们"
            key = c.name
        else:
            c.sex = "f" if r.random() < 0.42 else "m"
            c.name = g.person_name(r, c.sex)
            unit_line = split_top(r.choice(tb["unit"]))
            c.unit = g.expand(unit_line[0], c)
            c.job = g.expand(r.choice(unit_line[1:]), c)
            sur = c.name[:2] if c.name[:2] in SURNAMES else c.name[0]
            c.hon = sur + addr
            key = (c.name, c.unit)
        if key not in g.used_people:
            g.used_people.add(key)
            break

    # metadata; titles are not repeated within the edition
    for _ in range(30):
        t = g.expand(r.choice(tb["title"] + g.bank["generic"]["title"]), c)
        if r.random() < 0.5:
            t2 = g.expand(r.choice(tb["title"] + g.bank["generic"]["title"]), c)
            if t2 != t and len(t) + len(t2) <= 22 and "　" not in t + t2:
                t = t + "　" + t2
        if t not in g.used_titles:
            break
    g.used_titles.add(t)
    subtitle = None
    if r.random() < 0.4:
        subtitle = "——%s" % (c.unit + "先进事迹" if c.collective else "记" + c.unit + c.job + c.name)
    start = date(g.year, 3, 1)
    end = date(g.year, 10, 31)
    d = start + timedelta(days=r.randint(0, (end - start).days))
    old = r.random() < 0.2
    honours = []
    if old:
        pool = HONOURS + THEME_HONOURS.get(theme, "").split() * 2
        if c.sex == "f" and not c.collective:
            pool.append("三八红旗手")
        if c.collective:
            pool = ["先进集体", "工人先锋号", "先进基层党组织", "青年文明号"]
        for _ in range(r.randint(1, 3)):
            honours.append("%d年度%s%s" % (r.randint(g.year - 10, g.year - 1), r.choice(HON_LEVEL),
                                          r.choice(pool)))
        honours = sorted(set(honours), reverse=True)
    photo = None
    if r.random() < 0.6:
        photo = "images/photo-%d.png" % r.randint(1, 6)
    if c.collective or "党支部" in c.unit or "村民委员会" in c.unit:
        recommender = "中共%s%s委员会" % (COUNTY, c.town)
    elif c.unit.startswith(COUNTY) and "局" in c.unit:
        recommender = c.unit[: c.unit.index("局") + 1]
    elif c.unit.startswith("国家税务总局"):
        recommender = "国家税务总局%s税务局" % COUNTY
    else:
        recommender = r.choice(["中共%s%s委员会" % (COUNTY, c.town), c.unit])
    abstract = None
    if r.random() < 0.5:
        saved = c.pronoun
        c.pronoun = lambda: c.name if not c.collective else "全体成员"
        abstract = g.expand(c.pick("core", [theme]), c) + "，" + g.expand(c.pick("result", [theme, "generic"]), c) + "。"
        c.pronoun = saved

    body = make_body(g, c)
    return {
        "id": sid, "theme": theme, "title": t, "subtitle": subtitle, "name": c.name, "collective": c.collective,
        "unit": c.unit, "job": c.job, "date": d.isoformat(), "photo": photo, "category": "老典型" if old else "新典型",
        "recommender": recommender, "honours": honours, "abstract": abstract, "body": body,
    }


def sentence(g, c):
    """One sentence, as text."""
    r = c.r
    x = r.random()
    if x < 0.16:
        return g.expand(c.pick("full"), c)
    core = g.expand(c.pick("core"), c)
    op = g.expand(c.pick("opener", ["generic"]), c) if r.random() < 0.45 else ""
    res = ("，" + g.expand(c.pick("result"), c)) if r.random() < 0.5 else ""
    return op + core + res + "。"


def body_count(blocks):
    n = 0
    for b in blocks:
        kind = b[0]
        if kind == "para":
            n += count_block("".join(t for _, t in b[1]))
        elif kind == "section":
            n += count_block(b[1]) + body_count(b[2])
        elif kind == "list":
            n += sum(count_block(it) for it in b[2])
        elif kind == "bq":
            n += count_block(b[1])
    return n


def make_body(g, c):
    r = c.r
    target = r.randint(1360, 1470)
    # intro: who, where, what
    if c.collective:
        bio = "%s现有成员%d名，其中党员%d名，平均年龄%d岁。" % (
            c.name, r.randint(12, 60), r.randint(6, 11), r.randint(28, 46))
    else:
        # who: the fields vary in order and wording, so two people of one unit and
        # one year do not share the sentence
        born = r.randint(g.year - 58, g.year - 26)
        party = r.choice(["中共党员", "中共党员", "中共党员", "中共预备党员", "群众", "民盟盟员"])
        since = r.randint(max(born + 20, g.year - 30), g.year - 1)
        fields = ["男" if c.sex == "m" else "女"]
        if r.random() < 0.3:
            fields.append(r.choice(["汉族", "汉族", "土家族", "苗族", "回族", "壮族", "瑶族", "侗族", "彝族"]))
        if r.random() < 0.6:
            fields.append(r.choice(["%d年%d月出生", "%d年%d月生"]) % (born, r.randint(1, 12)))
        else:
            fields.append(r.choice(["%d年出生", "生于%d年"]) % born)
        rest = [party]
        if r.random() < 0.5:
            rest.append(r.choice(["大学本科学历", "大专学历", "中专学历", "研究生学历", "高中学历", "本科学历"]))
        r.shuffle(rest)
        fields += rest
        fields.append(r.choice(["%d年参加工作", "%d年参加工作", "%d年入职", "%d年起从事这项工作",
                                "%d年开始在基层工作"]) % since)
        now = r.choice(["现任%s%s", "现任%s%s", "现为%s%s", "现在%s担任%s", "任%s%s"]) % (c.unit, c.job)
        bio = c.name + "，" + "，".join(fields) + "，" + now + "。"
    intro = [bio]
    it = g.bank[c.theme].get("intro", [])
    if it:
        intro.append(g.expand(r.choice(it), c) + "。")
    intro.append(sentence(g, c))

    paras = []  # every para: [list of (kind, text) parts], + its tail parts
    sectioned = r.random() < 0.55
    blocks = [("para", [("text", "".join(intro))])]
    containers = []  # lists of blocks the filler may add sentences to (para indices in blocks)

    def new_para(where):
        p = ("para", [])
        where.append(p)
        paras.append(p)
        return p

    if sectioned:
        nsec = r.choice([2, 3, 3, 4])
        for i in range(nsec):
            h = g.expand(c.pick("head"), c)
            if h == "一、":
                h = g.expand(c.pick("head", ["generic"]), c)
            title = HEAD_NUM[i] + "、" + h
            sec = ("section", title, [])
            blocks.append(sec)
            for _ in range(r.choice([1, 2, 2, 3])):
                new_para(sec[2])
    else:
        for _ in range(r.randint(4, 6)):
            new_para(blocks)

    # extras: a list, a block quote, inline markup (paras compare equal while
    # empty, so they are found by identity)
    def index_of(lst, p):
        return next(i for i, x in enumerate(lst) if x is p)

    def container_of(p):
        if not sectioned:
            return blocks
        return next(b[2] for b in blocks if b[0] == "section" and any(x is p for x in b[2]))

    tails = {}
    if r.random() < 0.35:
        p = r.choice(paras)
        where = container_of(p)
        items = []
        for _ in range(r.randint(3, 5)):
            items.append(g.expand(c.pick("item"), c))
        items = [x + ("；" if i < len(items) - 1 else "。") for i, x in enumerate(items)]
        where.insert(index_of(where, p) + 1, ("list", r.random() < 0.5, items))
        tails[id(p)] = [("text", g.expand(c.pick("listintro", ["generic"]), c))]
    if r.random() < 0.35:
        cand = [p for p in paras if id(p) not in tails]
        if cand:
            p = r.choice(cand)
            where = container_of(p)
            who = g.resident_addr(r)
            lead = r.choice(["%s拉着%s的手说：", "说起这些，%s激动地对%s说：", "%s逢人便夸%s：", "%s感慨地对%s说："])
            tails[id(p)] = [("text", lead % (who, c.hon if not c.collective else "队员们"))]
            where.insert(index_of(where, p) + 1, ("bq", "“" + g.expand(c.pick("quote"), c) + "。”"))
    closing = g.expand(c.pick("closing", ["generic"]), c)
    if sectioned:
        blocks[-1][2].append(("para", [("text", closing)]))
    else:
        blocks.append(("para", [("text", closing)]))

    # every para gets one sentence, then sentences go to random paras until the
    # target; every sentence ends with a full-width mark, so counts simply add up
    for p in paras:
        p[1].append(("text", sentence(g, c)))
    total = body_count(blocks) + sum(count_block("".join(t for _, t in v)) for v in tails.values())
    tries = 0
    while total < target and tries < 400:
        tries += 1
        s = sentence(g, c)
        n = count_block(s)
        if total + n > min(target + 25, MAX_CHARS - 5):
            continue
        r.choice(paras)[1].append(("text", s))
        total += n
    # inline markup: emphasis (plain or bold), quote, phrase
    if r.random() < 0.45:
        p = r.choice(paras)
        i = r.randrange(len(p[1]))
        k, t = p[1][i]
        p[1][i] = ("bold" if r.random() < 0.35 else "emph", t)
    if r.random() < 0.2:
        p = r.choice(paras)
        sq = g.expand(c.pick("sq", ["generic"]), c)
        p[1].append(("text", "%s%s：" % (c.pronoun(), r.choice(["总是笑着说", "常说", "朴实地说", "憨厚地一笑"]))))
        p[1].append(("quote", sq + "。"))
    if r.random() < 0.12:
        p = r.choice(paras)
        for i, (k, t) in enumerate(p[1]):
            m = re.search("“[^”]{2,8}”", t) if k == "text" else None
            if m:
                p[1][i:i + 1] = [("text", t[:m.start()]), ("phrase", m.group(0)), ("text", t[m.end():])]
                break
    for p in paras:
        p[1].extend(tails.get(id(p), []))
    # never over the limit: drop sentences from the longest para
    while body_count(blocks) > MAX_CHARS - 5:
        p = max(paras, key=lambda q: len(q[1]))
        drop = next((i for i, (k, _) in enumerate(p[1]) if k == "text" and i < len(p[1]) - 1), None)
        if drop is None:
            break
        del p[1][drop]
    return blocks


# ---------------------------------------------------------------------------
# writing

def inline_xml(parts):
    out = []
    for k, t in parts:
        t = xml_escape(t)
        if not t:
            continue
        if k == "text":
            out.append(t)
        elif k == "emph":
            out.append("<emphasis>%s</emphasis>" % t)
        elif k == "bold":
            out.append('<emphasis role="bold">%s</emphasis>' % t)
        elif k == "quote":
            out.append("<quote>%s</quote>" % t)
        elif k == "phrase":
            out.append("<phrase>%s</phrase>" % t)
    return "".join(out)


def blocks_xml(blocks, ind):
    out = []
    sp = " " * ind
    for b in blocks:
        if b[0] == "para":
            out.append("%s<para>%s</para>" % (sp, inline_xml(b[1])))
        elif b[0] == "section":
            out.append("%s<section>" % sp)
            out.append("%s  <title>%s</title>" % (sp, xml_escape(b[1])))
            out.extend(blocks_xml(b[2], ind + 2))
            out.append("%s</section>" % sp)
        elif b[0] == "list":
            tag = "orderedlist" if b[1] else "itemizedlist"
            out.append("%s<%s>" % (sp, tag))
            for it in b[2]:
                out.append("%s  <listitem><para>%s</para></listitem>" % (sp, xml_escape(it)))
            out.append("%s</%s>" % (sp, tag))
        elif b[0] == "bq":
            out.append("%s<blockquote><para>%s</para></blockquote>" % (sp, xml_escape(b[1])))
    return out


def blocks_text(blocks):
    out = []
    for b in blocks:
        if b[0] == "para":
            out.append("".join(t for _, t in b[1]))
        elif b[0] == "section":
            out.append(b[1])
            out.extend(blocks_text(b[2]))
        elif b[0] == "list":
            out.extend(b[2])
        elif b[0] == "bq":
            out.append(b[1])
    return out


def submission_xml(s):
    e = xml_escape
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<article xmlns="http://docbook.org/ns/docbook" version="5.0"',
         '         xml:id="%s" xml:lang="zh-CN">' % s["id"],
         "  <info>",
         "    <title>%s</title>" % e(s["title"])]
    if s["subtitle"]:
        L.append("    <subtitle>%s</subtitle>" % e(s["subtitle"]))
    L.append("    <author>")
    if s["collective"]:
        L.append("      <orgname>%s</orgname>" % e(s["name"]))
    else:
        L.append("      <personname>%s</personname>" % e(s["name"]))
        L.append("      <affiliation><jobtitle>%s</jobtitle><orgname>%s</orgname></affiliation>" % (
            e(s["job"]), e(s["unit"])))
    L.append("    </author>")
    L.append("    <date>%s</date>" % s["date"])
    if s["photo"]:
        L.append("    <cover>")
        L.append('      <mediaobject><imageobject><imagedata fileref="%s"/></imageobject></mediaobject>' % s["photo"])
        L.append("    </cover>")
    L.append('    <subjectset scheme="category"><subject><subjectterm>%s</subjectterm></subject></subjectset>' %
             s["category"])
    L.append('    <bibliomisc role="recommender">%s</bibliomisc>' % e(s["recommender"]))
    for h in s["honours"]:
        L.append('    <bibliomisc role="honor">%s</bibliomisc>' % e(h))
    if s["abstract"]:
        L.append("    <abstract><para>%s</para></abstract>" % e(s["abstract"]))
    L.append("  </info>")
    L.extend(blocks_xml(s["body"], 2))
    L.append("</article>")
    return "\n".join(L) + "\n"


TIERS = [("first", "一等奖"), ("second", "二等奖"), ("third", "三等奖")]


def campaign_xml(g, subs, quotas, results, template):
    n = len(subs)
    y = g.year
    ncoll = sum(1 for s in subs if s["collective"])
    nawarded = sum(len(v) for v in results.values())
    ncoll_aw = sum(1 for t in results.values() for s in t if s["collective"])
    r = random.Random(g.args.seed * 31 + 7)
    themes = "、".join(r.sample(["扎根山村、带领群众致富的村党支部书记", "背着药箱走村串户的乡村医生",
                                "守护山里娃求学梦的乡村教师", "昼夜奋战在抗洪一线的突击队员",
                                "甘当企业“店小二”的服务干部", "挨家挨户排查走访的社区网格员",
                                "把论文写在田野上的农技人员", "风雪中守护线路和道路的一线职工"], 4))
    pre = [
        "%d年，%s广大干部群众在县委、县政府的坚强领导下，统筹推进疫情防控和经济社会发展，"
        "在乡村振兴、民生保障、防汛救灾、优化营商环境等各条战线上攻坚克难，各项工作迈出了坚实步伐。"
        "在这一过程中，全县涌现出一大批忠诚干净担当、敢于动真碰硬的先进典型。" % (y, COUNTY),
        "为激励广大干部担当作为，县委、县政府于%d年3月在全县部署开展了<emphasis>争当排头兵竞赛活动</emphasis>。"
        "活动面向各乡镇（街道）、县直各部门和驻县各单位，经单位推荐、组织考察、群众评议和公示审定，"
        "共收到推荐材料%d份，其中先进集体%d个。经活动领导小组评审，评选出一等奖%d名、二等奖%d名、三等奖%d名，"
        "其中先进集体%d个。" % (y, n, ncoll, len(results["first"]), len(results["second"]),
                          len(results["third"]), ncoll_aw),
        "本书收录%d份获奖先进典型事迹材料，按奖项等次编排，同一等次内按姓氏笔画排序。书中记录的，有%s。"
        "他们的事迹平凡而感人，朴实而厚重。" % (nawarded, themes),
        "榜样的力量是无穷的。希望全县广大干部以先进典型为标杆，学习他们心系群众的为民情怀和真抓实干的担当精神，"
        "在各自岗位上争当排头兵、干出新业绩。",
    ]
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<campaign year="%d" xml:lang="zh-CN">' % y,
         "  <name>争当排头兵竞赛活动</name>",
         "  <area>%s</area>" % COUNTY,
         "  <organizer>%s争当排头兵竞赛活动领导小组</organizer>" % COUNTY,
         '  <window start="%d-03-01" end="%d-10-31"/>' % (y, y),
         '  <rules max-chars="%d" photo="optional" recommender="required"/>' % MAX_CHARS,
         "  <tiers>"]
    for (tid, tname), q in zip(TIERS, quotas):
        L.append('    <tier id="%s" name="%s" quota="%d"/>' % (tid, tname, q))
    L.append("  </tiers>")
    L.append('  <order within-tier="stroke"/>')
    L.append("  <results>")
    for tid, _ in TIERS:
        for s in results[tid]:
            L.append('    <award ref="%s" tier="%s"/>' % (s["id"], tid))
    L.append("  </results>")
    L.append('  <compendium template="%s" candidates="yes">' % template)
    L.append("    <title>%s争当排头兵竞赛活动先进典型事迹汇编</title>" % COUNTY)
    L.append("    <preface>")
    for p in pre:
        L.append("      <para>%s</para>" % p)
    L.append("    </preface>")
    L.append("  </compendium>")
    L.append('  <certificate template="certificate-a4-landscape">')
    L.append("    <title>荣誉证书</title>")
    L.append("    <text>{name}同志：在{area}{campaign}中表现突出，荣获{tier}。特发此证，以资鼓励。</text>")
    L.append("    <text-collective>{name}：在{area}{campaign}中表现突出，荣获{tier}。特发此证，以资鼓励。</text-collective>")
    L.append("    <issuer>中共%s委　%s人民政府</issuer>" % (COUNTY[:-1] + "县", COUNTY))
    L.append("    <date>%d-11-20</date>" % y)
    L.append('    <seal fileref="images/seal.png"/>')
    L.append('    <number format="{year}-{tier-no}-{seq:03}"/>')
    L.append("  </certificate>")
    L.append("</campaign>")
    return "\n".join(L) + "\n"


TEMPLATE_12PT = """<?xml version="1.0" encoding="UTF-8"?>
<!-- bench-a4-12pt: the setting of issue 8's benchmark (A4, 12 pt body), written by
     bench/gen-edition.py: 36 characters x 36 lines of 12 pt on an 18 pt pitch
     (type area 152.4 x 228.6 mm), 18 pt titles. -->
<template kind="compendium">
  <page width="210" height="297"/>
  <margins top="34" bottom="34.4" inner="28.8" outer="28.8" mirror="no"/>
  <grid chars="36" lines="36"/>
  <type body="12" leading="18" title="18" subtitle="12" heading="12" meta="12"
        head="9" folio="10.5" cover-title="26" part-title="24"/>
  <folio style="dash"/>
  <running-heads enabled="yes"/>
  <recto-start enabled="no"/>
  <photo width="25" height="33"/>
</template>
"""


# ---------------------------------------------------------------------------
# PNG (zlib + struct): portraits and the seal

def png(w, h, rows, rgba=False, dpi=300):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + row for row in rows)
    ppm = int(round(dpi / 0.0254))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6 if rgba else 2, 0, 0, 0)) +
            chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) + chunk(b"IDAT", zlib.compress(raw, 9)) +
            chunk(b"IEND", b""))


def portrait(k):
    w, h = 300, 400
    r = random.Random(1000 + k)
    bg = bytes([r.randint(150, 230), r.randint(170, 235), r.randint(190, 245)])
    coat = bytes([r.randint(20, 90), r.randint(30, 90), r.randint(40, 110)])
    skin = bytes([r.randint(215, 240), r.randint(180, 205), r.randint(150, 175)])
    hair = bytes([r.randint(10, 40)] * 3)
    rows = []
    for y in range(h):
        row = bytearray(bg * w)
        for x in range(w):
            dx, dy = x - 150, y - 150
            if dx * dx / 3600 + dy * dy / 5600 <= 1:
                px = hair if y < 125 - abs(dx) * 0.25 else skin
            elif y > 250 and abs(dx) < 60 + (y - 250) * 0.9:
                px = coat
            else:
                continue
            row[3 * x:3 * x + 3] = px
        rows.append(bytes(row))
    return png(w, h, rows)


def seal():
    """A red round seal: a ring and a five-pointed star, transparent elsewhere."""
    n = 400
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rad = 80 if i % 2 == 0 else 32
        pts.append((200 + rad * math.cos(a), 200 + rad * math.sin(a)))

    def in_star(x, y):
        inside = False
        for i in range(10):
            (x1, y1), (x2, y2) = pts[i], pts[i - 1]
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
        return inside

    red = b"\xd0\x10\x10\xff"
    clear = b"\x00\x00\x00\x00"
    rows = []
    for y in range(n):
        row = bytearray()
        for x in range(n):
            d2 = (x - 200) ** 2 + (y - 200) ** 2
            on = 172 * 172 <= d2 <= 190 * 190 or (d2 < 90 * 90 and in_star(x + 0.5, y + 0.5))
            row += red if on else clear
        rows.append(bytes(row))
    return png(n, n, rows, rgba=True)


# ---------------------------------------------------------------------------
# checks

def norm(s):
    return "".join(c for c in s if is_han(c) or c.isalnum())


def originality(texts, k=13):
    """The pair of bodies sharing the longest run of normalised text, and the pair
    where one body has the largest share covered by k-shingles of the other.
    Candidate pairs come from an index of shingles; only the pairs sharing the most
    shingles are compared in full."""
    index = {}
    for i, t in enumerate(texts):
        for x in set(t[j:j + k] for j in range(len(t) - k + 1)):
            index.setdefault(x, []).append(i)
    pairs = {}
    for docs in index.values():
        if len(docs) > 1:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    key = (docs[a], docs[b])
                    pairs[key] = pairs.get(key, 0) + 1
    top = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:200]
    worst_run, worst_share = (0, None), (0.0, None)
    for (i, o), _ in top:
        for a, b in ((i, o), (o, i)):
            A, B = texts[a], texts[b]
            sb = set(B[j:j + k] for j in range(len(B) - k + 1))
            marked = [A[j:j + k] in sb for j in range(len(A) - k + 1)]
            cover = set()
            run = best = 0
            for j, m in enumerate(marked):
                if m:
                    cover.update(range(j, j + k))
                    run += 1
                    best = max(best, run)
                else:
                    run = 0
            share = len(cover) / max(1, len(A))
            if share > worst_share[0]:
                worst_share = (share, (a, b))
            if best and best + k - 1 > worst_run[0]:
                worst_run = (best + k - 1, (a, b))
    return worst_run, worst_share


def check_fonts(chars):
    sys.path.insert(0, HERE)
    fonts = [("/usr/share/fonts/truetype/arphic/uming.ttc", 0), ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)]
    bad = 0
    for path, face in fonts:
        if not os.path.exists(path):
            print("check-fonts: %s is not installed; skipped" % path, file=sys.stderr)
            continue
        cm = cmap_of(path, face)
        miss = sorted(c for c in chars if ord(c) not in cm and not c.isspace())
        if miss:
            bad += 1
            print("check-fonts: %s lacks %d characters: %s" % (path, len(miss), " ".join(
                "U+%04X" % ord(c) for c in miss[:40])), file=sys.stderr)
        else:
            print("check-fonts: %s has all %d characters" % (path, len(chars)), file=sys.stderr)
    return bad == 0


def cmap_of(path, face=0):
    """The code points a TrueType font (or one face of a collection) maps to a glyph."""
    with open(path, "rb") as f:
        d = f.read()
    off = 0
    if d[:4] == b"ttcf":
        off = struct.unpack(">I", d[12 + 4 * face:16 + 4 * face])[0]
    numt = struct.unpack(">H", d[off + 4:off + 6])[0]
    tabs = {}
    for i in range(numt):
        tag, _, o, ln = struct.unpack(">4sIII", d[off + 12 + 16 * i:off + 28 + 16 * i])
        tabs[tag] = o
    co = tabs[b"cmap"]
    best = None
    for i in range(struct.unpack(">H", d[co + 2:co + 4])[0]):
        pid, eid, so = struct.unpack(">HHI", d[co + 4 + 8 * i:co + 12 + 8 * i])
        fmt = struct.unpack(">H", d[co + so:co + so + 2])[0]
        if pid == 3 and eid == 10 and fmt == 12:
            best = (12, co + so)
        elif pid == 3 and eid == 1 and fmt == 4 and best is None:
            best = (4, co + so)
    fmt, s = best
    cps = set()
    if fmt == 4:
        segx2 = struct.unpack(">H", d[s + 6:s + 8])[0]
        n = segx2 // 2
        ends = struct.unpack(">%dH" % n, d[s + 14:s + 14 + segx2])
        starts = struct.unpack(">%dH" % n, d[s + 16 + segx2:s + 16 + 2 * segx2])
        deltas = struct.unpack(">%dh" % n, d[s + 16 + 2 * segx2:s + 16 + 3 * segx2])
        rb = s + 16 + 3 * segx2
        ros = struct.unpack(">%dH" % n, d[rb:rb + segx2])
        for i in range(n):
            for ch in range(starts[i], ends[i] + 1):
                if ch == 0xFFFF:
                    continue
                if ros[i] == 0:
                    gl = (ch + deltas[i]) & 0xFFFF
                else:
                    a = rb + 2 * i + ros[i] + 2 * (ch - starts[i])
                    gl = struct.unpack(">H", d[a:a + 2])[0]
                    gl = (gl + deltas[i]) & 0xFFFF if gl else 0
                if gl:
                    cps.add(ch)
    else:
        for i in range(struct.unpack(">I", d[s + 12:s + 16])[0]):
            a, b, gl = struct.unpack(">III", d[s + 16 + 12 * i:s + 28 + 12 * i])
            for ch in range(a, b + 1):
                if gl + (ch - a):
                    cps.add(ch)
    return cps


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, required=True, help="number of submissions")
    ap.add_argument("-o", required=True, help="edition folder to write (created; must be empty or absent)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2020)
    ap.add_argument("--county", default="青石县",
                    help="the county (<area>) the edition is of (default 青石县); bench/province.sh "
                         "gives each of its counties a name of its own")
    ap.add_argument("--quotas", default="10,20,30", help="awarded share per tier, in percent (default 10,20,30)")
    ap.add_argument("--template", default="bench-a4-12pt")
    ap.add_argument("--typst", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--check-fonts", action="store_true")
    args = ap.parse_args()
    globals()["COUNTY"] = args.county
    if args.n < 1:
        ap.error("-n must be at least 1")
    if os.path.exists(args.o) and os.listdir(args.o):
        ap.error("%s exists and is not empty" % args.o)
    g = Gen(args)
    subs = [make_submission(g, i + 1) for i in range(args.n)]

    shares = [float(x) for x in args.quotas.split(",")]
    if len(shares) != 3 or sum(shares) > 100:
        ap.error("--quotas needs three percentages summing to at most 100")
    r = random.Random(args.seed * 13 + 5)
    order = list(range(len(subs)))
    r.shuffle(order)
    results, quotas, k = {}, [], 0
    for (tid, _), sh in zip(TIERS, shares):
        q = max(1, int(round(len(subs) * sh / 100)))
        take = min(q, len(subs) - k)
        results[tid] = [subs[i] for i in sorted(order[k:k + take])]
        k += take
        quotas.append(q)

    os.makedirs(os.path.join(args.o, "submissions"), exist_ok=True)
    os.makedirs(os.path.join(args.o, "images"), exist_ok=True)

    def write(rel, data):
        p = os.path.join(args.o, rel)
        with open(p, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)

    for s in subs:
        write("submissions/%s.xml" % s["id"], submission_xml(s))
    write("campaign.xml", campaign_xml(g, subs, quotas, results, args.template))
    if args.template == "bench-a4-12pt":
        os.makedirs(os.path.join(args.o, "templates"), exist_ok=True)
        write("templates/bench-a4-12pt.xml", TEMPLATE_12PT)
    for k2 in range(1, 7):
        write("images/photo-%d.png" % k2, portrait(k2))
    write("images/seal.png", seal())
    awarded = [s for tid, _ in TIERS for s in results[tid]]
    text = []
    for s in awarded:
        text.append("=" + s["title"])
        text.append(s["name"] + ("" if s["collective"] else "　" + s["unit"] + s["job"]))
        text.extend(blocks_text(s["body"]))
    write("bench-text.txt", "\n".join(text) + "\n")
    book = ['<?xml version="1.0" encoding="UTF-8"?>',
            '<book xmlns="http://docbook.org/ns/docbook" xmlns:xi="http://www.w3.org/2001/XInclude" '
            'version="5.0" xml:lang="zh-CN">',
            "  <info><title>%s争当排头兵竞赛活动先进典型事迹汇编</title></info>" % COUNTY]
    book += ['  <xi:include href="submissions/%s.xml"/>' % s["id"] for s in awarded]
    book.append("</book>")
    write("bench-book.xml", "\n".join(book) + "\n")
    if args.typst:
        t = ['#set page(paper: "a4", margin: (x: 28.8mm, top: 34mm, bottom: 34.4mm))',
             '#set text(font: "AR PL UMing CN", size: 12pt, lang: "zh")',
             "#set par(leading: 6pt, first-line-indent: 2em, justify: true)", ""]
        first = True
        for line in text:
            esc = re.sub(r"([#$*_`<>@\\\[\]=~/-])", r"\\\1", line[1:] if line.startswith("=") else line)
            if line.startswith("="):
                if not first:
                    t.append("#pagebreak()")
                first = False
                t.append("= " + esc)
            else:
                t.append(esc)
            t.append("")
        write("bench.typ", "\n".join(t))

    counts = [body_count(s["body"]) for s in subs]
    allchars = set()
    for name in sorted(os.listdir(os.path.join(args.o, "submissions"))):
        with open(os.path.join(args.o, "submissions", name), encoding="utf-8") as f:
            allchars.update(f.read())
    with open(os.path.join(args.o, "campaign.xml"), encoding="utf-8") as f:
        allchars.update(f.read())
    han = sorted(c for c in allchars if is_han(c))
    print("gen-edition: %s: %d submissions (%d awarded: %s), %d collectives, %d 老典型, %d with a photo; "
          "字数 %d–%d (mean %d); %d distinct Han characters" % (
              args.o, len(subs), len(awarded), "/".join(str(len(results[t])) for t, _ in TIERS),
              sum(s["collective"] for s in subs), sum(s["category"] == "老典型" for s in subs),
              sum(bool(s["photo"]) for s in subs), min(counts), max(counts), sum(counts) // len(counts), len(han)),
          file=sys.stderr)
    ok = True
    if max(counts) > MAX_CHARS:
        print("gen-edition: BUG: a body has more than %d characters" % MAX_CHARS, file=sys.stderr)
        ok = False
    if args.check:
        texts = [norm("".join(blocks_text(s["body"]))) for s in subs]
        for k in (12, 8):  # 12: the K of src/rules/original.c
            (run, rp), (share, sp) = originality(texts, k)
            print("check (k=%d): longest run shared by two bodies %d characters (%s); largest share of a body "
                  "covered by %d-shingles of one other body %.1f%% (%s)" % (
                      k, run, rp and "%s/%s" % (subs[rp[0]]["id"], subs[rp[1]]["id"]), k, share * 100,
                      sp and "%s/%s" % (subs[sp[0]]["id"], subs[sp[1]]["id"])), file=sys.stderr)
    if args.check_fonts:
        ok = check_fonts(sorted(c for c in allchars if ord(c) > 0x7F)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
