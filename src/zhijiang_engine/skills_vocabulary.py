"""The normalised key under which skills from different sources are merged."""

from __future__ import annotations

import re
import unicodedata

_QUALIFIER = re.compile(r"\s*[(（][^)）]*[)）]\s*$")
_PUNCT = re.compile(r"[^\w\s+#.]")
_SPACE = re.compile(r"\s+")


def skill_key(label: str) -> str:
    """``"Python (computer programming)"`` and ``"python"`` share the key ``"python"``;
    ``C++``, ``C#`` and ``.NET`` survive; full-width forms are folded."""
    text = unicodedata.normalize("NFKC", label).casefold().strip()
    text = _QUALIFIER.sub("", text)
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


# Words that name an activity of any occupation, not a skill of one: a requirement that says
# only these develops no skill a position, a certificate or a plan could name.
GENERIC_TERMS = frozenset(
    [
        "管理",
        "培训",
        "指导",
        "服务",
        "技术",
        "工作",
        "操作",
        "处理",
        "开发",
        "应用",
        "研究",
        "规划",
        "评估",
        "检测",
        "测试",
        "监控",
        "安全",
        "质量",
        "数据",
        "系统",
        "业务",
        "方案",
        "标准",
        "流程",
        "作业",
        "生产",
        "运行",
        "实施",
        "组织",
        "协调",
        "设计",
        "分析",
        "维护",
        "检查",
        "咨询",
        "支持",
        "改进",
        "技术改进",
        "技术支持",
        "技术服务",
        "技术咨询",
        "咨询服务",
        "建议提出",
        "成果检查",
        "成果验收",
        "文件编写",
    ]
)


def is_generic_term(label: str) -> bool:
    """Whether a label is a word of every occupation (管理, 培训, 技术改进) rather than a skill."""
    return skill_key(label) in GENERIC_TERMS
