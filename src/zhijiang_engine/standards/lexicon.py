"""The words of task sentences (主要工作任务): the lexicon ``phrases`` reads them with.

Tables of the verbs task sentences use (whatever jieba tags them), light and supporting verbs,
the openings of how/where clauses, separators, fillers, nouns too general to stand alone, and the
families of work verbs belong to; with the word-level readings built on them: jieba's tagging of a
text adjusted by these tables, whether a word is a verb, a verb's family, the domain noun of an
occupation's name and the tools a definition names.

The default jieba dictionary is used as it is (nothing is added to it, so other users of jieba in
the process are not affected).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

Token = tuple[str, str]


def _words(text: str) -> list[str]:
    return text.split()


# Verbs that open a clause or follow 、/和/与 in task sentences, whatever jieba tags them.
VERBS = frozenset(
    _words(
        """
    安装 安排 办理 保存 保管 保护 保养 保障 报告 编排 编写 编制 辨识 辨别 标注 标识 布设 布置 裁剪
    采购 采集 采样 测定 测量 测试 查验 拆卸 拆解 拆除 撰写 抽取 处理 处置 储存 传输 创作 调查
    调度 调测 调节 调控 调配 调试 调整 调制 定位 订制 督导 锻造 堆放 兑换 发放 发现 防治 防范
    分解 分拣 分类 分离 分析 分选 粉碎 服务 辅导 复核 改进 改造 更换 更新 跟踪 估算 观察 观测
    管理 管控 规划 核查 核定 核对 核算 护理 绘制 回访 回收 获取 记录 计量 计算 加工 加固 加热
    监测 监督 监控 监视 检测 检修 检验 检查 建立 鉴别 鉴定 讲解 交付 校验 校准 接待 接收 结算
    解答 解决 解译 解释 介绍 开发 勘测 考核 控制 录入 描述 培训 培育 配置 配制 评测 评估 评价
    评定 破碎 起草 签订 清理 清洁 清洗 清扫 确定 确认 审查 审核 生产 识别 识读 实施 试验 收集
    收取 受理 疏导 提炼 提取 提出 调研 统计 投放 推广 维护 维修 巡查 巡检 巡视 研究 研发 研判
    验收 验证 养护 引导 应用 优化 预测 预防 预处理 照料 照护 诊断 整理 整合 执行 指导 制备
    制订 制定 制作 制造 装配 装夹 组织 组装 咨询 找正 刃磨 修磨 修复 修整 修理 焊接 切割 打磨
    喂养 策划 设计 设定 设置 选择 选用 选配 销售 填写 上报 采收 抢修 排查 排除 启停 运行 运输
    配送 包装 搬运 装卸 回访 挽留 催缴 提醒 展示 匹配 登记 核实 跟进 促成 编绘 建设 消毒 熨烫
    洗涤 修补 翻新 拆改 试衣 缝制 测评 检查 训练 部署 运维 集成 适配 识图 备料 驾驶 牵引 接受
    判断 询问 告知 提高 办理 调节 制取 指挥 协调 开具 出具 保持 作出 辅助 添加 输送 连接 研磨
    研制 调制 敷设 主持 宣传 称量 拆除 烘干 去除 播种 取样 运送 清除 冷却 净化 混合 判定 搜集
    查阅 治疗 培养 加压 拟定 沟通 生成 制止 焙烧 架设 发布 选定 筛选 防止 搭建 代办 操控 预热
    裁切 过滤 推荐 缮制 修订 修改 完善 编织 冲洗 检定 复审 核验 编码 编程 建模 测绘 勘察 考察
    草拟 讯问 普及
    """
    )
)
# Verbs that carry no content of their own: the object is the title ("进行精度检验" → "精度检验").
LIGHT = frozenset({"进行", "开展", "从事", "做好", "完成", "负责", "提供", "实行", "承担", "参与"})
# Verbs of a supporting clause; a task's main clause is another one when it has one.
WEAK = frozenset({"采取", "协助", "配合", "做好", "参与", "参加", "帮助", "接受", "执行", "遵守"})
# Openings of a clause that says how or where, not what ("使用量具，进行精度检验").
MEANS = frozenset(
    {"使用", "运用", "利用", "采用", "借助", "通过", "根据", "按照", "依据", "依照", "遵照", "依",
     "按", "基于", "结合", "围绕", "针对", "依法", "依规", "在", "为", "向", "用", "以"}
)  # fmt: skip
TOOL_MEANS = frozenset({"使用", "运用", "利用", "采用", "借助", "通过", "操作"})
# Verbs that pair with the verb before them without a 、 ("维护保养", "分析提炼", "组织实施").
PAIRED = frozenset(
    _words(
        "保养 配置 调试 实施 开展 提炼 维护 应用 评估 分析 处理 整理 检测 监测 改进 完善 修复 更新"
    )
    + _words("优化 管理 监察 检修 养护 排除")
)
SEPARATORS = frozenset({"、", "和", "与", "及", "或", "以及", "或者"})
FILLERS = ("相关", "有关", "各类", "各种", "相应", "其他", "一定", "必要", "之间")
# Nouns too general to stand alone in a key phrase ("数据" → "应用数据").
GENERIC = frozenset(
    {"数据", "信息", "系统", "设备", "产品", "方案", "工作", "情况", "服务", "记录", "报告", "参数",
     "流程", "功能", "性能", "业务", "技术", "质量", "工具", "资料", "事务", "问题", "措施", "项目",
     "现状", "状况", "要素", "指标", "环境", "设施", "用品", "材料", "过程", "活动"}
)  # fmt: skip

# Kinds of work by the word a title ends with, for the lines that fit only some work.
# Work that makes or processes a product: the only work whose 质量缺陷 a line may name.
MAKING = tuple(
    _words(
        "加工 制作 制造 生产 装配 组装 焊接 浇铸 铸造 锻造 冲压 涂装 喷涂 印刷 染色 纺纱 织造 酿造"
        " 烘焙 精制 提纯 电解 轧制 热处理 冶炼 切割 切削 打磨 抛光 成型 造型 缝制 编织 炮制 配制"
        " 制备 研磨 抄纸 浸渍 熔炼 熔铸 烧结 焙烧 干燥 发酵 蒸馏 合成 聚合 裂解 混合 雕刻 装饰"
        " 修复 安装 调试 施工 砌筑 浇筑 制取 改质 压制 包装 粉碎 制修 拼装 镶嵌 烧制"
    )
)
# Technical work: the only work a 技术规范 (technical specification) governs.
TECHNICAL = MAKING + tuple(
    _words(
        "测量 测绘 测试 检测 检验 设计 建模 编程 制图 绘图 维修 检修 修理 运行 试验 实验 配置"
        " 部署 集成 运维 监测 勘测 勘察 调校 校准"
    )
)
RESEARCH = ("研究", "调查", "调研", "考察", "研判", "论证")
# Administrative acts: they have methods and requirements, no 原理 or 理论.
ADMINISTRATIVE = tuple(
    _words("建立 制订 制定 编制 登记 记录 填写 办理 申报 归档 整理 上报 报送 汇总 审批 备案")
)
# Work that is planned ahead ("养护计划"), organised as an event ("组织宣传并评价其效果"), and
# testing proper: only these take a 计划, an "组织…并评价其效果" or a 检验/检测 line.
PLANNED = tuple(
    _words(
        "管理 生产 维护 保养 养护 检查 巡检 巡查 采购 培训 宣传 建设 施工 营销 推广 运输 配送 调度"
        " 监测 盘点 储存 检修 演练 活动 抽查 种植 养殖 育苗 造林 防治"
    )
)
ORGANIZED = tuple(
    _words(
        "培训 宣传 教育 活动 演练 推广 调查 调研 检查 巡查 评审 论证 施工 救援 监测 竞赛 展览 普查"
    )
)
TESTING = frozenset(_words("检测 检验 测试 测定 化验 验收 检定 校验 评测 鉴定 试验"))
# Nouns that name a place in or an aspect of something else ("部位", "方面"): never an object alone.
FRAGMENTS = frozenset(
    _words("部位 方面 情况 环节 因素 地方 位置 部分 范围 对象 内容 问题 原因 程度 结果 方式")
)

# How the name of a tool ends ("超声诊断仪"), unlike a clause that uses one ("…仪检查患者").
TOOL_END = re.compile(r"(仪|机|器|设备|工具|软件|系统|装置|仪器|仪表|炉|车|泵|具|平台|尺|刀)$")

# Verbs of routine work: choosing, confirming, recording, looking up, collecting.
ROUTINE = frozenset(
    _words(
        "选择 选用 确定 确认 填写 记录 登记 查阅 观察 回收 识别 收集 清理 清扫 清洁 搬运 堆放 "
        "保存 保管 上报 报告 询问 告知 接收 发放 领取 核对 整理 指挥 协调 执行 提醒"
    )
)

# Verb → family: what kind of work a content is (used to group tasks and to grade requirements).
_FAMILIES: tuple[tuple[str, str], ...] = (
    ("design", "设计 策划 规划 制订 制定 编制 研究 研发 开发 创作 起草 草拟 优化 改进 评估 研判"),
    ("inspect", "检测 检验 检查 测试 评测 测定 测量 监测 核查 核对 验收 验证 鉴定 鉴别 巡检 巡视"),
    ("maintain", "维护 保养 维修 检修 修理 修复 排除 排查 抢修 更换 养护 运维"),
    ("prepare", "安装 调试 调整 选择 选用 准备 装夹 找正 定位 刃磨 修磨 配置 布置 布设 备料 识读"),
    ("analyze", "分析 统计 核算 计算 调查 调研 预测 提炼 评价 研判"),
    ("serve", "服务 接待 咨询 照料 照护 护理 喂养 引导 受理 回访 辅导 疏导 解答 介绍 讲解"),
    ("manage", "管理 监控 监督 管控 组织 协调 调度 安排 登记 记录 填写 整理 上报 报告 编写 撰写"),
    ("train", "培训 训练 指导 教育"),
)
FAMILY_OF = {verb: family for family, verbs in _FAMILIES for verb in verbs.split()}
FAMILY_LABEL = {
    "design": "设计",
    "inspect": "检测",
    "maintain": "维护",
    "prepare": "准备",
    "analyze": "分析",
    "serve": "服务",
    "manage": "管理",
    "train": "训练",
    "operate": "操作",
}
# Openings of a clause that names a place or a beneficiary first ("在 X 布置 Y", "为 X 洗发").
PLACES = frozenset({"在", "为", "向", "给", "替", "对", "从"})
# Openings jieba may glue to the next word ("使用性能" → 使用 性能).
_OPENERS = ("使用", "运用", "利用", "采用", "借助", "通过", "根据", "按照")
# Endings of an occupation's name that say who, not what ("人工智能训练师" → "人工智能").
_ROLE_SUFFIXES = ("工程技术人员", "技术人员", "人员", "师", "员", "工", "手")


@lru_cache(maxsize=4096)
def tag(text: str) -> tuple[Token, ...]:
    """jieba's (word, flag) pairs, with task-sentence verbs jieba splits ("找/正") rejoined."""
    tokens: list[Token] = []
    for pair in jieba.posseg.cut(text):
        word, flag = str(pair.word), str(pair.flag)
        if tokens and tokens[-1][0] + word in VERBS and len(tokens[-1][0] + word) <= 3:
            tokens[-1] = (tokens[-1][0] + word, "v")
        elif not tokens and len(word) >= 4 and word[:2] in _OPENERS:  # "使用性能" → 使用 性能
            tokens.extend([(word[:2], "v"), (word[2:], "n")])
        elif tokens and _verb_glued_to_work(tokens[-1][0], word):  # 保养工|装设备
            verb = tokens[-1][0]
            tokens[-1] = (verb[:2], "v")
            tokens.append(("工" + word, "n"))
        else:
            tokens.append((word, flag))
    return tuple(tokens)


def _verb_glued_to_work(previous: str, word: str) -> bool:
    """jieba's "保养工" + "装设备" for 保养 + 工装设备: a verb that took the 工 of the next noun."""
    return (
        len(previous) == 3
        and previous[:2] in VERBS
        and previous[2] == "工"
        and word[:1] in {"装", "具", "件", "艺", "序", "位"}
    )


def is_verb(token: Token) -> bool:
    word, flag = token
    return word in VERBS or (flag in {"v", "vn"} and len(word) >= 2 and word not in FILLERS)


def family_of(verbs: Iterable[str], text: str = "") -> str:
    for verb in verbs:
        if verb in FAMILY_OF:
            return FAMILY_OF[verb]
    endings = [(text.rfind(verb), family) for verb, family in FAMILY_OF.items() if verb in text]
    return max(endings)[1] if endings else "operate"


def name_term(name: str) -> str:
    """The domain noun of an occupation's name ("人工智能训练师" → "人工智能")."""
    stem = name
    for suffix in _ROLE_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    last = tag(name)[-1][0]
    if len(last) == 2 and len(name) >= 4 and last.endswith(_ROLE_SUFFIXES):
        stem = name[:-2]  # "曲艺演员" → 曲艺: the role is the word 演员, not 员 of "曲艺演"
    nouns = [w for w, f in tag(stem) if f.startswith("n") and len(w) >= 2]
    if nouns and len(nouns[0]) >= 4:
        return nouns[0]
    return stem if len(stem) >= 2 else ""


def tools_in(definition: str) -> list[str]:
    """What a definition says is used or operated ("使用智能训练软件，…" → 智能训练软件)."""
    found: list[str] = []
    for clause in re.split(r"[，,；;]", definition):
        match = re.match(r"(?:使用|运用|利用|采用|操作)([^、，。]{2,12}?)(?:等|、|，|。|$)", clause)
        if match and match.group(1) not in found and not re.search("知识|理论|方法|技术", clause):
            found.append(match.group(1))
    return found
