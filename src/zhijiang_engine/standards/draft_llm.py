"""Enriching the offline draft of a standard with a language model, falling back to the offline
draft whenever the model is unreachable or its answer is not a valid standard for the same
occupation and levels."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from zhijiang_engine.llm.client import ChatClient, LLMError
from zhijiang_engine.standards.levels import level_by_rank
from zhijiang_engine.standards.schema import (
    SchemaError,
    StandardDocument,
    document_from_dict,
    document_to_dict,
)

logger = logging.getLogger("zhijiang_engine.llm")

# A whole standard (five levels, several functions each) is long; leave the model room.
_MAX_TOKENS = 8192

SYSTEM_PROMPT = """你是国家职业技能标准的编制专家，\
熟悉人力资源社会保障部《国家职业技能标准编制技术规程》。

国家职业技能标准的结构：
1. 职业概况（occupation、overview）：职业编码、职业名称、职业定义等；
2. 基本要求（basic_requirements）：职业道德（ethics）和基础知识（knowledge）；
3. 工作要求（levels）：按职业技能等级分别编写，每个等级（level）包括若干职业功能（functions），\
每个职业功能包括若干工作内容（contents），每个工作内容列出技能要求（skills）和相关知识要求（knowledge）；
4. 权重表：每个等级中，基础要求的理论比重（basic_weight）与各职业功能的理论比重（theory_weight）\
之和为 100，各职业功能的技能比重（skill_weight）之和为 100。

你的任务：根据给定的职业信息，改写并充实给定的标准草稿，使之成为该职业可用的标准初稿：
- 职业功能按该职业的实际工作过程划分，名称简明，同一等级内不得重名；
- 工作内容具体、可考核；
- 技能要求每条以“能”字开头，描述可观察、可考核的操作能力；等级越高要求越高，\
高等级应体现解决复杂问题、指导培训、技术管理和创新等要求；
- 相关知识要求写明完成相应工作所需的知识点；
- 每条要求的 skills 列表写出该要求培养的具体技能（简短的名词短语）；
- 按上述规则重新分配权重，使每个等级的两张权重表各自合计恰好为 100，所有比重为 0 到 100 的整数；
- 职业道德与基础知识可以充实，但须切合该职业。

必须遵守：
- 职业编码（occupation.code）保持不变；
- 等级集合（levels 中各 level 的数值）与草稿完全相同，不增不减，每个等级至少一个职业功能；
- 每段文字不超过 500 字；
- 只回答一个 JSON 对象，格式与草稿完全相同（相同的键名与层级结构），\
不要输出任何解释、注释或 Markdown 代码块。"""


@dataclass(frozen=True)
class DraftResult:
    document: StandardDocument
    source: str  # "offline" or "llm:<model>"
    fallback_reason: str | None  # why the offline draft was used, when a model was configured


def _user_message(
    offline: StandardDocument, occupation_definition: str, occupation_tasks: Sequence[str]
) -> str:
    tasks = "\n".join(f"  {i}. {task}" for i, task in enumerate(occupation_tasks, 1))
    levels = "、".join(
        f"{level.rank}（{level_by_rank(level.rank).name_zh}）" for level in offline.levels
    )
    draft = json.dumps(document_to_dict(offline), ensure_ascii=False)
    return (
        "职业信息：\n"
        f"- 职业编码：{offline.occupation_code}\n"
        f"- 职业名称：{offline.occupation_name}\n"
        f"- 职业定义：{occupation_definition or offline.definition or '（未提供）'}\n"
        f"- 主要工作任务：\n{tasks or '  （未提供）'}\n"
        f"- 需要编写的等级：{levels}\n\n"
        "待改写的标准草稿（JSON）：\n"
        f"{draft}"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _mismatch(offline: StandardDocument, document: StandardDocument) -> str | None:
    if document.occupation_code != offline.occupation_code:
        return (
            f"model answer changed the occupation code to {document.occupation_code!r} "
            f"(expected {offline.occupation_code!r})"
        )
    want = sorted(level.rank for level in offline.levels)
    got = sorted(level.rank for level in document.levels)
    if got != want:
        return f"model answer has levels {got} instead of {want}"
    empty = [level.rank for level in document.levels if not level.functions]
    if empty:
        return f"model answer has no work function for levels {empty}"
    return None


def standard_draft_with_model(
    client: ChatClient | None,
    *,
    offline: StandardDocument,
    occupation_definition: str,
    occupation_tasks: Sequence[str],
) -> DraftResult:
    """Ask the model to rewrite and enrich ``offline``; the offline draft when no model is
    configured (``client`` is None) or when its answer cannot be used (``fallback_reason``)."""
    if client is None:
        return DraftResult(offline, "offline", None)
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {
            "role": "user",
            "content": _user_message(offline, occupation_definition, occupation_tasks),
        },
    ]
    reason: str
    try:
        answer = client.complete_json(messages, temperature=0.2, max_tokens=_MAX_TOKENS)
        document = document_from_dict(answer)
    except LLMError as error:
        reason = f"model call failed: {error.reason}"
    except SchemaError as error:
        shown = "; ".join(f"{path}: {why}" for path, why in error.errors[:3])
        more = f" (and {len(error.errors) - 3} more)" if len(error.errors) > 3 else ""
        reason = f"model answer does not follow the standard schema: {shown}{more}"
    else:
        mismatch = _mismatch(offline, document)
        if mismatch is None:
            return DraftResult(document, f"llm:{client.config.model}", None)
        reason = mismatch
    reason = _one_line(reason)
    logger.warning("Using the offline draft of the standard: %s", reason)
    return DraftResult(offline, "offline", reason)
