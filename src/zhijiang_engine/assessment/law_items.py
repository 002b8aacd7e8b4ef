"""Offline items about the laws every occupation's standard lists as basic knowledge (相关法律、
法规知识): which law a provision belongs to, and what a provision says.

The provisions are a small hand-written table of settled text of the laws (each as the law
says it, shortened at most, without article numbers); every item is correct by construction:
a "which law" provision is in its own law only among the laws offered, and no wrong value of a
fill-in is what the law says for that provision (二个月 is the limit for another contract term,
not this one). Labour and work-safety laws are offered to every occupation, the network, data
and personal-information laws to digital ones (数字职业) and the environmental law to green ones
(绿色职业).

An item never names its own law in its stem (the explanation does), and a batch holds at most
one item per law, so that no item of a form gives another's answer away.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from zhijiang_engine.assessment.drafting import ItemDraft
from zhijiang_engine.assessment.knowledge_items import single_choice
from zhijiang_engine.standards.draft import OccupationFacts

LAW_ITEMS = 3  # per batch, so that laws do not crowd out the items about the work
LABOUR, SAFETY, DIGITAL, GREEN = "labour", "safety", "digital", "green"


@dataclass(frozen=True)
class Law:
    short: str  # e.g. "劳动合同法", as a standard's requirement names it
    group: str  # LABOUR, SAFETY, DIGITAL or GREEN: who is offered its items
    topics: tuple[str, ...]  # words of a basic knowledge requirement about its subject

    @property
    def title(self) -> str:
        return f"《中华人民共和国{self.short}》"


LABOUR_LAW = Law("劳动法", LABOUR, ("劳动", "法律", "法规"))
CONTRACT_LAW = Law("劳动合同法", LABOUR, ("劳动合同", "劳动", "法律", "法规"))
SAFETY_LAW = Law("安全生产法", SAFETY, ("安全生产", "安全"))
HEALTH_LAW = Law("职业病防治法", SAFETY, ("职业健康", "职业病", "安全"))
NETWORK_LAW = Law("网络安全法", DIGITAL, ("网络安全", "信息安全", "网络"))
DATA_LAW = Law("数据安全法", DIGITAL, ("数据安全", "信息安全", "数据"))
PRIVACY_LAW = Law("个人信息保护法", DIGITAL, ("个人信息", "信息安全", "数据保护"))
ENVIRONMENT_LAW = Law("环境保护法", GREEN, ("环境保护", "生态环境", "环境"))


@dataclass(frozen=True)
class Provision:
    """One provision of a law, asked either as "which law says this" (``blank`` empty: the
    options are laws) or as a fill-in (``statement`` holds ``blank`` once: the options are
    ``blank`` and ``wrong``)."""

    law: Law
    statement: str  # the provision as the law words it
    wrong: tuple[Law, ...] | tuple[str, ...]  # three wrong laws, or three wrong values
    blank: str = ""  # the words of ``statement`` a fill-in item asks for


PROVISIONS: tuple[Provision, ...] = (
    Provision(
        LABOUR_LAW,
        "国家实行劳动者每日工作时间不超过八小时、平均每周工作时间不超过四十四小时的工时制度",
        (CONTRACT_LAW, SAFETY_LAW, HEALTH_LAW),
    ),
    Provision(
        LABOUR_LAW, "禁止用人单位招用未满十六周岁的未成年人", ("十四", "十五", "十八"), "十六"
    ),
    Provision(
        LABOUR_LAW, "用人单位应当保证劳动者每周至少休息一日", ("半日", "二日", "一日半"), "一日"
    ),
    Provision(
        CONTRACT_LAW,
        "用人单位自用工之日起即与劳动者建立劳动关系",
        (LABOUR_LAW, SAFETY_LAW, HEALTH_LAW),
    ),
    Provision(
        CONTRACT_LAW,
        "劳动合同期限三个月以上不满一年的，试用期不得超过一个月",
        ("二个月", "三个月", "六个月"),
        "一个月",
    ),
    Provision(
        CONTRACT_LAW,
        "同一用人单位与同一劳动者只能约定一次试用期",
        ("两次", "三次", "每年一次"),
        "一次",
    ),
    Provision(
        SAFETY_LAW,
        "从业人员发现直接危及人身安全的紧急情况时，有权停止作业或者在采取可能的应急措施后"
        "撤离作业场所",
        (HEALTH_LAW, LABOUR_LAW, CONTRACT_LAW),
    ),
    Provision(
        SAFETY_LAW,
        "安全生产工作坚持安全第一、预防为主、综合治理的方针",
        ("预防为主、防消结合", "生产优先、兼顾安全", "以治为主、防治并举"),
        "安全第一、预防为主、综合治理",
    ),
    Provision(
        HEALTH_LAW,
        "用人单位应当为劳动者建立职业健康监护档案，并按照规定的期限妥善保存",
        (SAFETY_LAW, LABOUR_LAW, CONTRACT_LAW),
    ),
    Provision(
        HEALTH_LAW,
        "职业病防治工作坚持预防为主、防治结合的方针",
        ("预防为主、防消结合", "治疗为主、预防为辅", "生产优先、兼顾健康"),
        "预防为主、防治结合",
    ),
    Provision(
        NETWORK_LAW,
        "网络运营者为用户办理网络接入、域名注册等服务，应当要求用户提供真实身份信息",
        (DATA_LAW, PRIVACY_LAW, SAFETY_LAW),
    ),
    Provision(
        NETWORK_LAW,
        "国家实行网络安全等级保护制度",
        ("许可准入", "自愿认证", "年度审批"),
        "等级保护",
    ),
    Provision(DATA_LAW, "国家建立数据分类分级保护制度", (NETWORK_LAW, PRIVACY_LAW, SAFETY_LAW)),
    Provision(
        PRIVACY_LAW, "处理敏感个人信息应当取得个人的单独同意", (NETWORK_LAW, DATA_LAW, CONTRACT_LAW)
    ),
    Provision(
        PRIVACY_LAW,
        "不满十四周岁未成年人的个人信息属于敏感个人信息",
        ("十二", "十六", "十八"),
        "十四",
    ),
    Provision(
        ENVIRONMENT_LAW,
        "企业事业单位和其他生产经营者应当防止、减少环境污染和生态破坏，对所造成的损害依法承担责任",
        (SAFETY_LAW, HEALTH_LAW, LABOUR_LAW),
    ),
    Provision(ENVIRONMENT_LAW, "每年6月5日为环境日", ("3月12日", "4月22日", "9月16日"), "6月5日"),
)


def _item(provision: Provision, requirement: str, rng: np.random.Generator) -> ItemDraft:
    law = provision.law
    why = f"{law.title}规定：{provision.statement}。"
    if provision.blank:
        stem = "我国法律规定：" + provision.statement.replace(provision.blank, "（  ）", 1) + "。"
        wrong = [str(value) for value in provision.wrong]
        return single_choice(requirement, stem, provision.blank, wrong, why, rng)
    stem = f"“{provision.statement}。”这一规定出自（  ）。"
    wrong = [other.title for other in provision.wrong if isinstance(other, Law)]
    return single_choice(requirement, stem, law.title, wrong, why, rng)


def _home(law: Law, requirements: Mapping[str, str]) -> str | None:
    """The basic knowledge requirement that names the law, else one about its subject, else
    the first basic knowledge requirement, else an ethics requirement about the law (遵纪守法);
    None when none of these is asked for (a law item never tests a skill requirement)."""
    basic = {key: text for key, text in requirements.items() if key.startswith("B")}
    for word in (law.short, *law.topics):  # the law's name, then its subjects in order
        for key, text in basic.items():
            if word in text:
                return key
    if basic:
        return next(iter(basic))
    ethics = [key for key, text in requirements.items() if key.startswith("E") and "法" in text]
    return ethics[0] if ethics else None


def offered_provisions(occupation: OccupationFacts) -> tuple[Provision, ...]:
    """The provisions whose laws the occupation's standard lists: labour and safety for all,
    with the digital laws for a digital occupation and the environmental law for a green one."""
    groups = {LABOUR, SAFETY}
    groups |= {DIGITAL} if occupation.is_digital else set()
    groups |= {GREEN} if occupation.is_green else set()
    return tuple(p for p in PROVISIONS if p.law.group in groups)


def law_items(
    *,
    occupation: OccupationFacts,
    requirements: Mapping[str, str],
    rng: np.random.Generator,
    limit: int = LAW_ITEMS,
) -> tuple[ItemDraft, ...]:
    """Up to ``limit`` items on the laws of the occupation's standard, one per law, one of
    the occupation's own (digital or green) laws first when it has them."""
    offered = list(offered_provisions(occupation))
    order = [offered[int(i)] for i in rng.permutation(len(offered))]
    own = [p for p in order if p.law.group not in (LABOUR, SAFETY)]
    order = own[:1] + [p for p in order if p not in own[:1]]
    items: list[ItemDraft] = []
    laws: set[Law] = set()
    for provision in order:
        home = _home(provision.law, requirements)
        if len(items) == limit or home is None:
            break
        if provision.law in laws:
            continue
        laws.add(provision.law)
        items.append(_item(provision, home, rng))
    return tuple(items)
