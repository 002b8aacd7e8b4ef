"""Turning a raw job-board title into the words that name the occupation.

Job boards decorate titles with places, pay, perks, shifts, seniority and reference codes
("急招｜高级Java开发工程师（北京/双休）J10183"); none of it names an occupation, and all of
it misleads a lexical match. Cleaning is deliberately conservative: when a rule would leave
nothing, the text before that rule is kept.
"""

from __future__ import annotations

import re
import unicodedata

from zhijiang_engine.normalize._hanzi import TRADITIONAL_TO_SIMPLIFIED

MAX_TITLE_CHARS = 500  # longer input is not a title: normalize() returns [] for it

# Taiwan and Hong Kong vocabulary that differs from the mainland's, after character mapping.
_PHRASES = (
    ("软体", "软件"),
    ("资讯", "信息"),
    ("网路", "网络"),
    ("程式", "程序"),
    ("硬体", "硬件"),
)

_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|"
    "湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
_CITIES = (
    "广州|深圳|珠海|佛山|东莞|中山|惠州|江门|汕头|湛江|杭州|宁波|温州|嘉兴|绍兴|金华|台州|南京|苏州|"
    "无锡|常州|南通|扬州|徐州|淮安|盐城|镇江|泰州|连云港|宿迁|合肥|芜湖|铜陵|福州|厦门|泉州|漳州|"
    "南昌|赣州|济南|青岛|烟台|潍坊|临沂|郑州|洛阳|武汉|宜昌|襄阳|长沙|株洲|岳阳|成都|绵阳|温江|"
    "贵阳|昆明|西安|兰州|西宁|银川|乌鲁木齐|拉萨|南宁|桂林|柳州|海口|三亚|沈阳|大连|长春|哈尔滨|"
    "石家庄|唐山|保定|廊坊|太原|呼和浩特|包头|开平|洪泽|滨海|浦东|朝阳|海淀|天河|南山|福田|宝安|"
    "龙岗|全国|国外|海外|异地|外地|本地|市区|城区|郊区"
)
_LOCATION = re.compile(
    rf"(?:{_PROVINCES})(?:省|市|自治区)?|(?:{_CITIES})(?:市|区|县)?|"
    r"[\u4e00-\u9fff]{1,3}(?<![城超门夜股菜集上都])(?:市|县)(?![场监委政长])"
)
_BRACKETS = re.compile(
    r"[(\[{（【〔［｛「『《<＜][^)\]}）】〕］｝」』》>＞]{0,60}[)\]}）】〕］｝」』》>＞]"
)
# "招聘" that names the work (招聘专员, 招聘经理) is not an advertisement and stays.
_RECRUITING = re.compile(
    r"^.{0,30}?(?:诚聘|招聘|招募|直招|急招|急聘|高薪聘请|聘请|聘)"
    r"(?!专员|经理|主管|助理|总监|顾问|师|官|负责人|组长|实习|文员|运营|外包|渠道|培训|hr|bp)"
    r"(?=.{2,})"
)
_NOISE = re.compile(
    r"急招|急聘|诚聘|直招|高薪|包吃住|包食宿|包食住|包住|包吃|五险一金|六险一金|五险|"
    r"周末双休|周末单休|双休|单休|大小周|可日结|可周结|日结|周结|月结|年假|法定节假日|法定休息|工作轻松|轻松|"
    r"拒绝内卷|不内卷|[早朝]\s*[0-9一二三四五六七八九十]{1,2}\s*晚\s*[0-9一二三四五六七八九十]{1,2}|"
    r"有?(?:\d+年以上|\d+年|\d+[-~]\d+年)(?:的)?(?:工作|相关)?经验|有经验|经验不限|\d+名|"
    r"月?休\s*\d+\s*天|"
    r"(?:月薪|年薪|日薪|时薪|综合薪资|薪资|工资|收入|月休|月入)\s*(?=\d)|"
    r"底薪|提成|保底|无责|无经验|可实习|应届生?|接受小白|带薪|年终奖|长白班|白班|夜班|两班倒|"
    r"早八晚五|朝九晚五|兼职|全职|临时工|长期|短期|寒假工|暑假工|就近安排|包培训|零基础|"
    r"绝不考证|不加班|弹性|远程|居家|线上|可兼职|多地|业务量大|政策好|高提成|待遇优|"
    r"\d+(?:\.\d+)?\s*(?:k|千|万|w)?\s*(?:[-~至到]\s*\d+(?:\.\d+)?\s*(?:k|千|万|w)?)?\s*"
    r"(?:元|块)?\s*(?:/|每|一)?\s*(?:月|天|日|小时|时|年|周)\+?|"
    r"\d+(?:\.\d+)?\s*(?:k|w)?\s*[-~至到]\s*\d+(?:\.\d+)?\s*(?:k|w)\+?|"
    r"\d+(?:\.\d+)?\s*(?:k|千|万|w)?\s*起|\d+薪|月\d+(?:\.\d+)?\s*(?:k|千|万|w)|"
    r"\d+(?:\.\d+)?\s*(?:k|w)\+?|(?<![+\w])\+|\+(?![+\w])"
)
_SENIORITY = re.compile(
    r"^(?:高级|资深|初级|中级|实习|见习|储备|首席(?=[^执技运财营信产]))|^(?:[一二三四五]级)"
)
_REF_CODE = re.compile(r"(?<![a-z])[a-z]{0,3}\d{3,}[a-z]?(?![a-z])")
_SYMBOLS = re.compile(r"[^\w+#.]+")
_SEPARATORS = re.compile(r"[/|｜\\,，;；、·\-–—~]+| +")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def to_simplified(text: str) -> str:
    """Full-width → half-width (NFKC), lower case, traditional → simplified characters."""
    text = unicodedata.normalize("NFKC", text).lower().translate(TRADITIONAL_TO_SIMPLIFIED)
    for old, new in _PHRASES:
        text = text.replace(old, new)
    return text


def _is_location(segment: str) -> bool:
    return bool(segment) and _LOCATION.sub("", segment).strip() == ""


def _keep_if_left(before: str, after: str) -> str:
    return after if re.search(r"[\w]", after) else before


def clean_title(text: str) -> str:
    """The occupation words of a raw title: ``"急招｜高级Java开发（北京）"`` → ``"java开发"``.

    Returns ``""`` for input with no letters or CJK characters (punctuation, control bytes).
    """
    text = "".join(ch for ch in text[:MAX_TITLE_CHARS] if ch.isprintable())
    text = to_simplified(text)
    text = _keep_if_left(text, _BRACKETS.sub(" ", text))
    text = _keep_if_left(text, _RECRUITING.sub("", text))
    text = _keep_if_left(text, _NOISE.sub(" ", text))
    text = _keep_if_left(text, _REF_CODE.sub(" ", text))
    segments = [seg for seg in _SEPARATORS.split(text) if seg]
    kept = [seg for seg in segments if not _is_location(seg)] or segments
    words = []
    for segment in kept:
        stripped = _keep_if_left(segment, _LOCATION.sub("", segment))
        words.append(_keep_if_left(stripped, _SENIORITY.sub("", stripped)))
    text = _SYMBOLS.sub(" ", " ".join(words)).replace("_", " ")
    text = re.sub(r"(?<![a-z+#])[+#]+|(?<![a-z0-9])\.+|\.+(?![a-z0-9])", " ", text)
    text = " ".join(text.split())
    return text if re.search(r"[a-z\u4e00-\u9fff]", text) else ""


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
